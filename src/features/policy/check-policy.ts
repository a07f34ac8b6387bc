// Checks each environment against the policy in force and the built-in refusal of dangerous settings. Pure: what the
// spec writes is read through `written`, and each violation names the spec key it is about (located by the caller).
import type { CanonicalEnv } from '../../fields/canonical-env.js';
import { HAZARD_EFFECT, REFUSED_BY_DEFAULT, type Quantity } from '../../fields/field-policy.js';
import { readPolicyFacts } from '../../fields/read-policy-facts.js';
import type { EffectivePolicy } from './policy-types.js';

export interface Violation {
  env: string;
  /** The spec key the violation is about (null: the environment itself). */
  key: string | null;
  message: string;
  hint: string;
}

const RULE_NAMES: Record<Quantity, string> = { gpus: 'max_per_environment.gpus', memory: 'max_per_environment.memory', cpus: 'max_per_environment.cpus' };
const under = (path: string, root: string): boolean => root === '/' || path === root || path.startsWith(`${root}/`);
const globToRegExp = (glob: string): RegExp => new RegExp(`^${glob.split('*').map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);

export function checkPolicy(
  envs: readonly CanonicalEnv[],
  policy: EffectivePolicy,
  options: { allowDangerous: boolean; written: (env: string, key: string) => boolean },
): Violation[] {
  const out: Violation[] = [];
  for (const env of envs) {
    const facts = readPolicyFacts(env);
    const add = (key: string | null, message: string, hint: string): void => void out.push({ env: env.name, key, message, hint });

    for (const hazard of facts.hazards) {
      if (!REFUSED_BY_DEFAULT.has(hazard.kind) || options.allowDangerous || policy.allowed?.value.includes(hazard.kind)) continue;
      add(
        hazard.key,
        `dangerous: ${hazard.what} — ${HAZARD_EFFECT[hazard.kind]}; refused ${policy.allowed ? `(the policy allows only ${policy.allowed.value.join(', ') || 'none'}, ${policy.allowed.at})` : 'by default'}`,
        `if this is meant, run with --allow-dangerous, or allow \`${hazard.kind}\` in the policy's allow_dangerous`,
      );
    }
    for (const layer of policy.layers) {
      for (const key of layer.forbiddenFields?.value ?? []) {
        if (options.written(env.name, key)) add(key, `\`${key}\` is forbidden by the policy (forbidden_fields, ${layer.forbiddenFields!.at})`, `remove \`${key}\` from the environment`);
      }
      for (const amount of facts.amounts) {
        const max = layer.max[amount.quantity];
        if (max === undefined || amount.value <= max.value) continue;
        const written = options.written(env.name, amount.key);
        const asked = written ? `${amount.key} ${amount.shown} is over` : `no ${amount.key} (unlimited) is over`;
        add(
          written ? amount.key : null,
          `${asked} the policy's ${RULE_NAMES[amount.quantity]} ${showMax(amount.quantity, max.value)} (${max.at})`,
          `set ${amount.key} to at most ${showMax(amount.quantity, max.value)}`,
        );
      }
      const roots = layer.bindMountRoots;
      for (const source of roots ? facts.bindSources : []) {
        if (roots!.value.some((root) => under(source.value, root))) continue;
        add(source.key, `bind mount of ${source.value} is outside the policy's bind_mount_roots ${roots!.value.join(', ')} (${roots!.at})`, 'mount a folder under one of those roots, or use a named volume');
      }
      const ip = layer.portsHostIp;
      for (const bound of ip ? facts.hostIps : []) {
        if (bound.value === ip!.value) continue;
        add(bound.key, `${bound.key} publishes on ${bound.value}; the policy's ports_host_ip requires ${ip!.value} (${ip!.at})`, `write the ports as "${ip!.value}:HOST:CONTAINER", or set defaults.ports_host_ip: ${ip!.value}`);
      }
      const images = layer.images;
      for (const image of images ? facts.images : []) {
        if (images!.value.some((glob) => globToRegExp(glob).test(image.value))) continue;
        add(image.key, `image ${image.value} is not among the policy's images ${images!.value.join(', ')} (${images!.at})`, 'use an image the policy allows');
      }
    }
  }
  return out;
}

export function showMax(quantity: Quantity, value: number): string {
  if (quantity !== 'memory') return String(value);
  for (const [unit, size] of [['t', 1024 ** 4], ['g', 1024 ** 3], ['m', 1024 ** 2], ['k', 1024]] as const) {
    if (value >= size && value % size === 0) return `${value / size}${unit}`;
  }
  return `${value} bytes`;
}
