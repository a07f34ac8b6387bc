// `envctl destroy`: remove the project's containers (named volumes kept unless --volumes), on every engine of the spec.
import { describePart, engineParts, isSingleDefault, type EnginePart } from '../../app/engine-parts.js';
import type { ApplyOutcome } from '../../app/run-apply.js';
import { loadDesired } from '../../app/run-plan.js';
import { runDestroy } from '../../app/run-destroy.js';
import { connectTo } from '../../engine/connect-engine.js';
import { EXIT_CODES } from '../../errors/envctl-error.js';
import { formatPlan } from '../../plan/format-plan.js';
import { planToJson } from '../../plan/plan-to-json.js';
import { formatApplyResult } from '../format-apply-result.js';
import { errorToJson, formatError, onEngine, toEnvctlError } from '../format-error.js';
import { cliLockOptions } from '../lock-options.js';
import { pickRenderer, printJson, terminalConfirm, type GlobalOptions } from '../output.js';

export async function runDestroyCommand(
  g: GlobalOptions,
  opts: { yes: boolean; volumes: boolean; project?: string; discardChanges?: boolean; json: boolean; lockTimeout?: string },
): Promise<number> {
  // With --project there is no spec, so no on_recreate/ignore_changes: work in a container is then refused by default.
  // Nor any hosts: then it is the default engine (DOCKER_HOST) alone.
  const desired = opts.project === undefined ? await loadDesired({ file: g.file, displayPath: g.file }) : null;
  const project = opts.project ?? desired!.project;
  const parts: EnginePart[] = desired === null ? [{ host: null, dockerHost: null, desired: { project, specFile: '', environments: [], volumes: [] } }] : engineParts(desired);
  const single = isSingleDefault(parts);
  const outcomes: { part: EnginePart; outcome: ApplyOutcome }[] = [];
  const failures: { part: EnginePart; error: unknown }[] = [];
  for (const part of parts) {
    try {
      const outcome = await runDestroy(() => connectTo(part.dockerHost), {
        project,
        discardChanges: opts.discardChanges ?? false,
        ...(desired?.policies ? { policies: desired.policies } : {}),
        volumes: opts.volumes,
        lock: cliLockOptions('destroy', opts.lockTimeout),
        yes: opts.yes,
        confirm: opts.json ? null : terminalConfirm(),
        renderer: pickRenderer(opts.json),
        show: (plan) => {
          if (opts.json) return;
          process.stdout.write(`${single ? '' : `${outcomes.length + failures.length > 0 ? '\n' : ''}On ${describePart(part)}:\n`}${formatPlan(plan, { color: g.color })}\n`);
        },
      });
      outcomes.push({ part, outcome });
      if (!opts.json && outcome.result) process.stdout.write(`\n${formatApplyResult(outcome.result, g.color, 'Destroy')}\n`);
    } catch (error) {
      if (single) throw error;
      failures.push({ part, error });
    }
  }
  const ok = failures.length === 0 && outcomes.every(({ outcome }) => outcome.result?.ok ?? true);
  if (opts.json) {
    const one = (outcome: ApplyOutcome) => ({ plan: planToJson(outcome.plan), results: outcome.result?.results ?? [] });
    if (single) printJson({ ok, ...one(outcomes[0]!.outcome) });
    else {
      printJson({
        ok,
        engines: outcomes.map(({ part, outcome }) => ({ host: part.host, dockerHost: part.dockerHost, ...one(outcome) })),
        failed: failures.map(({ part, error }) => ({ host: part.host, dockerHost: part.dockerHost, ...(errorToJson(toEnvctlError(error)) as object) })),
      });
    }
  } else if (!opts.volumes && outcomes.length > 0) process.stdout.write('Named volumes were kept (use --volumes to remove them too).\n');
  if (failures.length === 0) return ok ? 0 : 1;
  const named = failures.map(({ part, error }) => onEngine(describePart(part), error));
  if (opts.json) return EXIT_CODES[named[0]!.code];
  for (const error of named.slice(1)) process.stderr.write(`${formatError(error, g.debug)}\n`);
  throw named[0]!;
}
