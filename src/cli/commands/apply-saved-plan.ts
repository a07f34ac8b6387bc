// `envctl apply FILE`: apply exactly a plan saved by `plan -o FILE`, or refuse it (exit 17, nothing changed) when the
// spec or the engine changed since. The plan is made again from the spec and the engine as they are now and compared
// with the saved one; only when they agree does the fresh plan (the same steps) run, so nothing stale is ever run.
import { engineParts, describePart, type EnginePart } from '../../app/engine-parts.js';
import { runApplyDesired } from '../../app/run-apply.js';
import { planDesired, type SpecSource } from '../../app/run-plan.js';
import { engineChanges, specChanges } from '../../app/saved-plan-changes.js';
import { enforcePolicy } from '../../app/enforce-policy.js';
import { connectTo } from '../../engine/connect-engine.js';
import { EnvctlError } from '../../errors/envctl-error.js';
import { hideSecrets } from '../hide-secrets-in-output.js';
import { loadSpecFrom } from '../load-spec-for.js';
import type { GlobalOptions } from '../output.js';
import { applyOptions, onEnginesOptions, type ApplyCommandOptions } from './apply.js';
import { runOnEngines } from '../run-on-engines.js';
import { readSavedPlan, type SavedPlanFile } from '../saved-plan-file.js';

export async function runApplySavedPlanCommand(
  g: GlobalOptions,
  planFile: string,
  opts: ApplyCommandOptions,
): Promise<number> {
  const saved = readSavedPlan(planFile);
  // The spec the plan was made from, wherever apply runs from (the file's -f paths are absolute).
  const source: SpecSource = { file: saved.spec.source.file, overrides: saved.spec.source.overrides };
  if (saved.spec.files[0]) source.displayPath = saved.spec.files[0].path;
  const desired = await loadSpecFrom(source);
  const refuse = (changes: string[]): EnvctlError =>
    new EnvctlError('saved-plan-changed', `the saved plan ${planFile} no longer holds: ${changes.join('; ')}; nothing was changed`, {
      hint: `make and review a new plan: envctl plan -o ${planFile}`,
    });
  // A changed spec is refused before the engine is touched.
  const spec = specChanges(saved.spec, desired);
  if (spec.length > 0) throw refuse(spec);
  await enforcePolicy(desired, source, { allowDangerous: opts.allowDangerous === true });

  const parts = engineParts(desired);
  const savedOf = (part: EnginePart): SavedPlanFile['engines'][number] => {
    const found = saved.engines.find((e) => e.host === part.host);
    if (found === undefined) throw refuse([`${describePart(part)} is not in the plan`]);
    return found;
  };
  // Several engines: every one is checked before any is changed, so a refusal leaves all of them as they were (each
  // is checked once more under its lock below).
  if (parts.length > 1) {
    const changes: string[] = [];
    for (const part of parts) {
      const run = await planDesired(connectTo(part.dockerHost), part.desired);
      changes.push(...engineChanges(savedOf(part), run.plan, run.observed.containers, hideSecrets).map((c) => `on ${describePart(part)}: ${c}`));
    }
    if (changes.length > 0) throw refuse(changes);
  }
  return runOnEngines(parts, onEnginesOptions(g, opts), (part, show) =>
    runApplyDesired(part.desired, () => connectTo(part.dockerHost), {
      ...applyOptions(g, opts, show),
      check: (plan, observed) => {
        const changes = engineChanges(savedOf(part), plan, observed.containers, hideSecrets);
        if (changes.length > 0) throw refuse(changes);
      },
    }),
  );
}
