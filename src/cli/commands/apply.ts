// `envctl apply`: plan, show, confirm if destructive, execute (on every engine of the spec); exit 1 when an action failed.
import { engineParts } from '../../app/engine-parts.js';
import { runApplyDesired } from '../../app/run-apply.js';
import { loadDesired } from '../../app/run-plan.js';
import { connectTo } from '../../engine/connect-engine.js';
import { cliLockOptions, parseDurationFlag } from '../lock-options.js';
import { DEFAULT_CONVERGE_TIMEOUT_MS } from '../../apply/wait-for-service.js';
import { pickRenderer, terminalConfirm, type GlobalOptions } from '../output.js';
import { runOnEngines } from '../run-on-engines.js';

export async function runApplyCommand(
  g: GlobalOptions,
  opts: { yes: boolean; json: boolean; discardChanges?: boolean; lockTimeout?: string; waitTimeout?: string },
): Promise<number> {
  const convergeTimeoutMs = parseDurationFlag('--wait-timeout', opts.waitTimeout, DEFAULT_CONVERGE_TIMEOUT_MS);
  const desired = await loadDesired({ file: g.file, displayPath: g.file });
  return runOnEngines(engineParts(desired), { json: opts.json, color: g.color, debug: g.debug, signal: g.signal, verb: 'Apply' }, (part, show) =>
    runApplyDesired(part.desired, () => connectTo(part.dockerHost), {
      yes: opts.yes,
      discardChanges: opts.discardChanges ?? false,
      convergeTimeoutMs,
      lock: cliLockOptions('apply', opts.lockTimeout),
      confirm: opts.json ? null : terminalConfirm(g),
      signal: g.signal,
      renderer: pickRenderer(opts.json),
      show,
    }),
  );
}
