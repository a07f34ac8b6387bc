// The saved plan file (`envctl plan -o FILE`, read by `envctl apply FILE`): a versioned JSON document holding each
// engine's plan as `plan --json` shows it, the containers it saw and what the spec was (hashes), never a secret value.
import { renameSync, writeFileSync } from 'node:fs';
import { describeReadError, readInputFile } from '../base/read-input-file.js';
import { EnvctlError } from '../errors/envctl-error.js';
import type { EnginePart } from '../app/engine-parts.js';
import type { PlanRun } from '../app/run-plan.js';
import type { SavedEnginePart } from '../app/saved-plan-changes.js';
import { recordContainers, SAVED_PLAN_FORMAT, SAVED_PLAN_VERSION, type SavedSpec } from '../app/saved-plan-record.js';
import { hideSecrets } from './hide-secrets-in-output.js';
import { planToJson, type PlanJson } from './render/plan-to-json.js';

export interface SavedPlanFile {
  format: typeof SAVED_PLAN_FORMAT;
  version: typeof SAVED_PLAN_VERSION;
  createdAt: string;
  project: string;
  spec: SavedSpec;
  /** One per engine of the spec (one without `hosts:`). */
  engines: (SavedEnginePart & { host: string | null; dockerHost: string | null; plan: PlanJson })[];
}

/** A plan has many steps; a file of this size is no plan. */
const MAX_SAVED_PLAN_BYTES = 16 * 1024 * 1024;

export function toSavedPlan(project: string, spec: SavedSpec, parts: readonly EnginePart[], runs: readonly PlanRun[]): SavedPlanFile {
  return {
    format: SAVED_PLAN_FORMAT,
    version: SAVED_PLAN_VERSION,
    createdAt: new Date().toISOString(),
    project,
    spec,
    engines: parts.map((part, i) => ({
      host: part.host,
      dockerHost: part.dockerHost,
      containers: recordContainers(runs[i]!.observed.containers),
      observedFingerprint: runs[i]!.plan.observedFingerprint,
      plan: planToJson(runs[i]!.plan),
    })),
  };
}

/** Written whole or not at all (a temporary file renamed), the spec's secret values hidden as in every output. */
export function writeSavedPlan(path: string, saved: SavedPlanFile): void {
  const temporary = `${path}.${process.pid}.tmp`;
  try {
    writeFileSync(temporary, hideSecrets(`${JSON.stringify(saved, null, 2)}\n`), { mode: 0o600 });
    renameSync(temporary, path);
  } catch (cause) {
    throw new EnvctlError('file-unreadable', `cannot write the plan to ${path}: ${(cause as Error).message}`, {
      hint: 'pick a path in a folder you can write to',
      cause,
    });
  }
}

/** The saved plan in `path`; a usage error when the file is not one (or one of a newer format). */
export function readSavedPlan(path: string): SavedPlanFile {
  let text: string;
  try {
    text = readInputFile(path, MAX_SAVED_PLAN_BYTES);
  } catch (cause) {
    const { reason, hint } = describeReadError(cause);
    throw new EnvctlError('file-unreadable', `the saved plan ${path} ${reason}`, { ...(hint === undefined ? {} : { hint }), cause });
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    data = null;
  }
  const doc = data !== null && typeof data === 'object' ? (data as Partial<SavedPlanFile>) : {};
  if (doc.format !== SAVED_PLAN_FORMAT) {
    throw new EnvctlError('usage', `${path} is not a saved plan (no "format": "${SAVED_PLAN_FORMAT}" in it)`, {
      hint: '`envctl plan -o FILE` saves a plan; the spec to apply is given with -f FILE',
    });
  }
  if (doc.version !== SAVED_PLAN_VERSION || !Array.isArray(doc.engines) || typeof doc.spec !== 'object') {
    throw new EnvctlError('usage', `${path} is a saved plan of version ${String(doc.version)}, which this envctl cannot read (it reads version ${SAVED_PLAN_VERSION})`, {
      hint: 'make the plan again with this envctl: envctl plan -o FILE',
    });
  }
  return doc as SavedPlanFile;
}
