// The spec of a command's `-f` files, loaded, with its warnings (a variable used but not set …) shown on stderr, and
// its secret values hidden in everything the command prints from then on.
import { loadDesired, type SpecSource } from '../app/run-plan.js';
import { formatSpecIssue } from '../errors/envctl-error.js';
import type { DesiredState } from '../spec/desired-state.js';
import { sensitiveValues } from '../spec/sensitive-values.js';
import { hideInOutput } from './hide-secrets-in-output.js';
import type { GlobalOptions } from './output.js';

export function specSource(g: Pick<GlobalOptions, 'file' | 'overrides'>): SpecSource {
  return { file: g.file, displayPath: g.file, overrides: g.overrides };
}

export async function loadSpecFor(g: Pick<GlobalOptions, 'file' | 'overrides'>): Promise<DesiredState> {
  return loadSpecFrom(specSource(g));
}

/** The same, refused unless the server's policy (and --allow-dangerous) allows it: plan, apply, validate. */
export async function loadAllowedSpec(g: Pick<GlobalOptions, 'file' | 'overrides'>, opts: { allowDangerous?: boolean }): Promise<DesiredState> {
  const desired = await loadSpecFor(g);
  // Loaded here, not at start-up: the other commands that load a spec (status, destroy …) check no policy.
  const { enforcePolicy } = await import('../app/enforce-policy.js');
  await enforcePolicy(desired, specSource(g), { allowDangerous: opts.allowDangerous === true });
  return desired;
}

/** The same for the files a saved plan names. */
export async function loadSpecFrom(source: SpecSource): Promise<DesiredState> {
  const desired = await loadDesired(source);
  hideInOutput(sensitiveValues(desired));
  for (const warning of desired.warnings ?? []) process.stderr.write(`envctl: warning: ${formatSpecIssue(warning)}\n`);
  return desired;
}
