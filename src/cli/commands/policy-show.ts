// `envctl policy show`: the policy files read, every rule in force with where it was written, and the dangerous
// settings refused unless --allow-dangerous or the policy allows them.
import { HAZARD_EFFECT, REFUSED_BY_DEFAULT, type HazardKind } from '../../fields/field-policy.js';
import { policyPaths, readPolicy } from '../../features/policy/read-policy.js';
import { showMax } from '../../features/policy/check-policy.js';
import type { Quantity } from '../../fields/field-policy.js';
import type { EffectivePolicy, Ruled } from '../../features/policy/policy-types.js';
import { printJson } from '../output.js';

interface RuleRow {
  rule: string;
  value: unknown;
  at: string;
}

export async function runPolicyShowCommand(opts: { json: boolean }): Promise<number> {
  const policy = await readPolicy();
  const rows = ruleRows(policy);
  const allowed = policy.allowed?.value ?? [];
  const refused = [...REFUSED_BY_DEFAULT].filter((k) => !allowed.includes(k));
  if (opts.json) {
    printJson({
      files: policy.layers.map((l) => ({ path: l.file, role: l.role })),
      looked: policyPaths(),
      rules: rows,
      allowDangerous: policy.allowed,
      refusedUnlessAllowDangerous: refused,
      markedOnly: (Object.keys(HAZARD_EFFECT) as HazardKind[]).filter((k) => !REFUSED_BY_DEFAULT.has(k)),
    });
    return 0;
  }
  const lines: string[] = [];
  const paths = policyPaths();
  if (policy.layers.length === 0) lines.push(`no policy file (looked for ${paths.admin} and ${paths.user})`);
  for (const layer of policy.layers) lines.push(`${layer.role === 'admin' ? 'admin policy' : "user policy (can only narrow the admin's)"}: ${layer.file}`);
  const width = Math.max(0, ...rows.map((r) => r.rule.length));
  for (const r of rows) lines.push(`  ${r.rule.padEnd(width)}  ${Array.isArray(r.value) ? r.value.join(', ') : String(r.value)}  (${r.at})`);
  if (policy.allowed) lines.push(`  ${'allow_dangerous'.padEnd(width)}  ${policy.allowed.value.join(', ') || 'none'}  (${policy.allowed.at})`);
  lines.push(`refused unless --allow-dangerous:${refused.length === 0 ? ' none' : ''}`);
  for (const k of refused) lines.push(`  ${k.padEnd(13)}  ${HAZARD_EFFECT[k]}`);
  process.stdout.write(`${lines.join('\n')}\n`);
  return 0;
}

/** Every rule of every file: all of them apply, so this list is the effective policy. */
function ruleRows(policy: EffectivePolicy): RuleRow[] {
  const rows: RuleRow[] = [];
  const push = (rule: string, r: Ruled<unknown> | undefined): void => void (r && rows.push({ rule, value: r.value, at: r.at }));
  for (const layer of policy.layers) {
    push('bind_mount_roots', layer.bindMountRoots);
    for (const [quantity, max] of Object.entries(layer.max)) push(`max_per_environment.${quantity}`, { value: showMax(quantity as Quantity, max.value), at: max.at });
    push('ports_host_ip', layer.portsHostIp);
    push('forbidden_fields', layer.forbiddenFields);
    push('images', layer.images);
  }
  return rows;
}
