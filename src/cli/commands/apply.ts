// `envctl apply`: plan, show, confirm if destructive, execute (on every engine of the spec); exit 1 when an action failed.
import { loadAllowedSpec } from '../load-spec-for.js';
import { engineParts } from '../../app/engine-parts.js';
import { runApplyDesired, type ApplyOptions } from '../../app/run-apply.js';
import type { Plan } from '../../plan/plan-types.js';
import { connectTo } from '../../engine/connect-engine.js';
import { cliLockOptions, parseDurationFlag } from '../lock-options.js';
import { DEFAULT_CONVERGE_TIMEOUT_MS } from '../../apply/wait-for-service.js';
import { pickRenderer, terminalConfirm, type GlobalOptions } from '../output.js';
import { runOnEngines, type OnEnginesOptions } from '../run-on-engines.js';

export interface ApplyCommandOptions {
  yes: boolean;
  json: boolean;
  discardChanges?: boolean;
  lockTimeout?: string;
  allowDangerous?: boolean;
  waitTimeout?: string;
}

export async function runApplyCommand(g: GlobalOptions, opts: ApplyCommandOptions): Promise<number> {
  const desired = await loadAllowedSpec(g, opts);
  return runOnEngines(engineParts(desired), onEnginesOptions(g, opts), (part, show) =>
    runApplyDesired(part.desired, () => connectTo(part.dockerHost), applyOptions(g, opts, show)),
  );
}

export function onEnginesOptions(g: GlobalOptions, opts: ApplyCommandOptions): OnEnginesOptions {
  return { json: opts.json, color: g.color, debug: g.debug, signal: g.signal, verb: 'Apply' };
}

/** What `apply` (and `apply FILE`) asks of the apply use-case: the lock, the question, the renderer, Ctrl-C. */
export function applyOptions(g: GlobalOptions, opts: ApplyCommandOptions, show: (plan: Plan) => void): ApplyOptions {
  return {
    yes: opts.yes,
    discardChanges: opts.discardChanges ?? false,
    convergeTimeoutMs: parseDurationFlag('--wait-timeout', opts.waitTimeout, DEFAULT_CONVERGE_TIMEOUT_MS),
    lock: cliLockOptions('apply', opts.lockTimeout),
    confirm: opts.json ? null : terminalConfirm(g),
    signal: g.signal,
    renderer: pickRenderer(opts.json),
    show,
  };
}
