// `envctl apply`: plan, show, confirm if destructive, execute (on every engine of the spec); exit 1 when an action failed.
import { loadSpecFor, specSource } from '../load-spec-for.js';
import { engineParts } from '../../app/engine-parts.js';
import { runApplyDesired } from '../../app/run-apply.js';
import { connectTo } from '../../engine/connect-engine.js';
import { cliLockOptions } from '../lock-options.js';
import { pickRenderer, terminalConfirm, type GlobalOptions } from '../output.js';
import { runOnEngines } from '../run-on-engines.js';
import { enforcePolicy } from '../../app/enforce-policy.js';

export async function runApplyCommand(
  g: GlobalOptions,
  opts: { yes: boolean; json: boolean; discardChanges?: boolean; lockTimeout?: string; allowDangerous?: boolean },
): Promise<number> {
  const desired = await loadSpecFor(g);
  await enforcePolicy(desired, specSource(g), { allowDangerous: opts.allowDangerous === true });
  return runOnEngines(engineParts(desired), { json: opts.json, color: g.color, debug: g.debug, signal: g.signal, verb: 'Apply' }, (part, show) =>
    runApplyDesired(part.desired, () => connectTo(part.dockerHost), {
      yes: opts.yes,
      discardChanges: opts.discardChanges ?? false,
      lock: cliLockOptions('apply', opts.lockTimeout),
      confirm: opts.json ? null : terminalConfirm(g),
      signal: g.signal,
      renderer: pickRenderer(opts.json),
      show,
    }),
  );
}
