// The plan's marks for settings that give a container the host ("dangerous: privileged — gives the container the
// host"; "host access: ipc: host — …" for the kinds only marked), on every container the plan creates; the fields
// say which settings those are (fields/field-policy.ts).
import { HAZARD_EFFECT, REFUSED_BY_DEFAULT } from '../fields/field-policy.js';
import { readPolicyFacts } from '../fields/read-policy-facts.js';
import type { Action } from './plan-types.js';

export function dangerMarks(actions: Action[]): string[] {
  return actions.flatMap((a) =>
    a.kind === 'create' || a.kind === 'recreate'
      ? readPolicyFacts(a.env).hazards.map((h) => `${REFUSED_BY_DEFAULT.has(h.kind) ? 'dangerous' : 'host access'}: ${h.what} — ${HAZARD_EFFECT[h.kind]} (${a.resource})`)
      : [],
  );
}
