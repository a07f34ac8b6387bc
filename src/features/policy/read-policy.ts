// Reads the admin's policy (/etc/envctl/policy.yaml, or ENVCTL_POLICY_FILE) and the user's (~/.config/envctl/
// policy.yaml, or ENVCTL_USER_POLICY_FILE), each validated with ajv against policy-schema.ts, errors at file:line:col.
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { SpecError } from '../../errors/envctl-error.js';
import type { HazardKind, Quantity } from '../../fields/field-policy.js';
import { parseSize } from '../../fields/values/parse-size.js';
import { NodeLocator, type DataPath } from '../../spec/locate-node.js';
import { parseYaml } from '../../spec/parse-yaml.js';
import type { EffectivePolicy, PolicyLayer, Ruled } from './policy-types.js';

export function policyPaths(): { admin: string; user: string } {
  return {
    admin: process.env.ENVCTL_POLICY_FILE ?? '/etc/envctl/policy.yaml',
    user: process.env.ENVCTL_USER_POLICY_FILE ?? join(homedir(), '.config', 'envctl', 'policy.yaml'),
  };
}

/** The policy in force; no file = no layer (only the built-in refusal of dangerous settings applies). */
export async function readPolicy(): Promise<EffectivePolicy> {
  const paths = policyPaths();
  const layers: PolicyLayer[] = [];
  for (const [role, file] of [['admin', paths.admin], ['user', paths.user]] as const) {
    if (existsSync(file)) layers.push(await readLayer(file, role));
  }
  return { layers, allowed: allowedDangers(layers) };
}

/**
 * The user's file can only narrow: with an admin file, what it allows is all that can be allowed (the user's list
 * keeps only those); without one, the user's file is the only policy.
 */
function allowedDangers(layers: PolicyLayer[]): Ruled<HazardKind[]> | null {
  const admin = layers.find((l) => l.role === 'admin');
  const user = layers.find((l) => l.role === 'user');
  if (admin === undefined) return user?.allowDangerous ?? null;
  if (admin.allowDangerous === undefined) return null;
  if (user?.allowDangerous === undefined) return admin.allowDangerous;
  return { value: admin.allowDangerous.value.filter((k) => user.allowDangerous!.value.includes(k)), at: `${admin.allowDangerous.at}, ${user.allowDangerous.at}` };
}

async function readLayer(file: string, role: 'admin' | 'user'): Promise<PolicyLayer> {
  let source: string;
  try {
    source = readFileSync(file, 'utf8');
  } catch (cause) {
    throw new SpecError([{ file, path: [], line: 1, col: 1, message: `cannot read the policy file: ${(cause as Error).message}` }], 'policy-invalid');
  }
  const parsed = parseYaml(source, file);
  if (parsed.issues.length > 0) throw new SpecError(parsed.issues, 'policy-invalid');
  const data: unknown = parsed.doc.toJS() ?? {};
  const locator = new NodeLocator(parsed.doc, parsed.lineCounter);
  // ajv is loaded only when a policy file exists: a run on a machine without one never pays for it.
  const issues = (await import('./validate-policy.js')).validatePolicy(data, file, locator);
  const raw = (typeof data === 'object' && data !== null ? data : {}) as Record<string, unknown>;
  const at = (path: DataPath): string => `${file}:${locator.key(path).line}`;
  const ruled = <T>(key: string, value: T): Ruled<T> => ({ value, at: at([key]) });

  const layer: PolicyLayer = { file, role, max: {} };
  const max = (raw.max_per_environment ?? {}) as Record<string, unknown>;
  for (const quantity of ['gpus', 'memory', 'cpus'] as Quantity[]) {
    const value = max[quantity];
    if (value === undefined) continue;
    let amount = value as number;
    if (quantity === 'memory') {
      const size = parseSize(value as string | number);
      if (!size.ok) {
        const pos = locator.value(['max_per_environment', 'memory']);
        issues.push({ file, path: ['max_per_environment', 'memory'], ...pos, message: size.message });
        continue;
      }
      amount = size.value;
    }
    layer.max[quantity] = { value: amount, at: at(['max_per_environment', quantity]) };
  }
  if (issues.length > 0) throw new SpecError(issues, 'policy-invalid');
  if (raw.bind_mount_roots !== undefined) layer.bindMountRoots = ruled('bind_mount_roots', (raw.bind_mount_roots as string[]).map((r) => r.replace(/\/+$/, '') || '/'));
  if (raw.ports_host_ip !== undefined) layer.portsHostIp = ruled('ports_host_ip', raw.ports_host_ip as string);
  if (raw.forbidden_fields !== undefined) layer.forbiddenFields = ruled('forbidden_fields', raw.forbidden_fields as string[]);
  if (raw.images !== undefined) layer.images = ruled('images', raw.images as string[]);
  if (raw.allow_dangerous !== undefined) layer.allowDangerous = ruled('allow_dangerous', raw.allow_dangerous as HazardKind[]);
  return layer;
}
