// Which environment values are secrets, in one place: the values of env_file entries, of names that look secret
// (looks-secret.ts: *_TOKEN, *PASSWORD*, *_KEY …) and of names an environment lists under `sensitive:`. The CLI hides
// them in every output, and a label (readable by anyone who can list containers) may not carry one.
import type { CanonicalEnv } from '../fields/canonical-env.js';
import { looksSecret } from '../fields/values/looks-secret.js';
import type { DataPath } from './locate-node.js';
import type { DesiredState } from './desired-state.js';
import type { SpecValues } from './spec-values.js';

/** Shorter values are not hidden: hiding every "1" or "on" would garble the output, and they guard nothing. */
export const MIN_HIDDEN_LENGTH = 4;

/** The names of an environment's secret values: marked (env_file, `sensitive:`) or looking secret. */
export function sensitiveNames(environment: Readonly<Record<string, string>>, marked: ReadonlySet<string>): string[] {
  return Object.keys(environment)
    .filter((name) => marked.has(name) || looksSecret(name))
    .sort();
}

/** A label holding a secret value would show it to anyone who can list containers: a located spec error instead. */
export function refuseSecretsInLabels(env: CanonicalEnv, names: readonly string[], labelsPath: DataPath | null, values: SpecValues): void {
  if (labelsPath === null) return;
  for (const name of names) {
    const secret = env.environment[name];
    if (secret === undefined || secret.length < MIN_HIDDEN_LENGTH) continue;
    for (const [label, text] of Object.entries(env.labels)) {
      if (!text.includes(secret) && !label.includes(secret)) continue;
      values.issue(
        [...labelsPath, label],
        `label \`${label}\` holds the value of ${name}, a secret: labels are readable by anyone who can list containers`,
        `pass it in \`environment\` only`,
      );
    }
  }
}

/** Every secret value of the spec, longest first (so a value containing another is hidden whole). */
export function sensitiveValues(desired: Pick<DesiredState, 'environments' | 'sensitive'>): string[] {
  const found = new Set<string>();
  for (const env of desired.environments) {
    for (const name of desired.sensitive?.[env.name] ?? []) {
      const value = env.environment[name];
      if (value !== undefined && value.length >= MIN_HIDDEN_LENGTH) found.add(value);
    }
  }
  return [...found].sort((a, b) => b.length - a.length);
}
