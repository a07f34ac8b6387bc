// Use-case behind `envctl import`: a docker run or docker service create line, or a live container → one environment
// → a spec that is proven valid by loading it like `envctl validate` does, printed or written (merged) into a file.
import { existsSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import type { Engine } from '../../engine/engine.js';
import { EnvctlError, SpecError } from '../../errors/envctl-error.js';
import type { CanonicalEnv } from '../../fields/canonical-env.js';
import type { DesiredState } from '../../spec/desired-state.js';
import { loadSpec } from '../../spec/load-spec.js';
import { parseYaml } from '../../spec/parse-yaml.js';
import { looksSecret } from '../../fields/values/looks-secret.js';
import { InputFileError, readInputFile } from '../../base/read-input-file.js';
import { projectFromFolder } from '../../spec/normalize-spec.js';
import { canonicalToFields } from './canonical-to-fields.js';
import { mapRunToEnvironment, toEnvKey, type ImportedEnvironment } from './map-run-to-environment.js';
import { mapServiceToEnvironment } from './map-service-to-environment.js';
import { parseDockerRun, parseDockerService } from './parse-docker-run.js';
import { mergeIntoSpec, renderNewSpec } from './render-import-yaml.js';
import { toDockerCommand } from './split-run-line.js';
import { subtractImageDefaults } from './subtract-image-defaults.js';

export interface ImportRequest {
  /** The words after `--` (or one quoted line); exclusive with fromContainer. */
  words: string[];
  fromContainer?: string;
  /** Write (or merge) into this file instead of returning the text to print. */
  out?: string;
  /** The key under `environments:`. */
  envKey?: string;
  cwd: string;
  environ?: Record<string, string | undefined>;
}

export interface ImportResult {
  key: string;
  /** The whole spec (printed when no `out`). */
  text: string;
  /** Set when written to a file. */
  written?: { file: string; replaced: boolean };
  /** Ways the environment differs once merged (e.g. `defaults` of the file add to it). */
  warnings: string[];
}

function fromLine(req: ImportRequest): ImportedEnvironment {
  const line = toDockerCommand(req.words, req.environ);
  const ctx = req.envKey === undefined ? { cwd: req.cwd } : { cwd: req.cwd, envKey: req.envKey };
  const env = line.kind === 'service' ? mapServiceToEnvironment(parseDockerService(line.args), ctx) : mapRunToEnvironment(parseDockerRun(line.args), ctx);
  // The spec may be checked in: `-e HF_TOKEN=…` from someone's notes is not copied into it either.
  const withheld = withholdSecrets(env.fields);
  return withheld.length === 0 ? env : { ...env, withheld, withheldFrom: line.kind === 'service' ? 'the docker service create line' : 'the docker run line' };
}

async function fromContainer(name: string, req: ImportRequest, engine: Engine): Promise<ImportedEnvironment> {
  const observed = await engine.inspectContainer(name);
  if (observed === null) {
    throw new EnvctlError('not-found', `no container named ${name}`, { hint: 'docker ps -a lists the containers on this engine' });
  }
  let env = observed.config;
  const notes: string[] = [];
  // envctl's own containers already had their image defaults taken out (label dev.envctl.inherited); others have not.
  if (observed.project === null) {
    const image = await engine.inspectImage(env.image);
    if (image === null) notes.push(`image ${env.image} is not on this engine: settings it gave the container could not be told apart and are all listed`);
    else env = subtractImageDefaults(env, image);
  }
  // With the host's (or another container's) network the engine sets the hostname; it cannot be asked for.
  if (env.networkMode === 'host' || env.networkMode.startsWith('container:')) env = { ...env, hostname: null };
  if (observed.status === 'restarting') notes.push('the container was restarting when imported');
  const fields = canonicalToFields(env);
  // envctl's container names (label dev.envctl.sensitive) the variables its spec made secret: env_file, `sensitive:`.
  const marked = new Set(observed.sensitive ?? []);
  const withheld = withholdSecrets(fields, marked);
  // Those whose names do not look secret stay marked in the imported spec, so they stay hidden once applied again.
  const unmarked = withheld.filter((name) => marked.has(name) && !looksSecret(name));
  if (unmarked.length > 0) fields.sensitive = unmarked;
  return { key: req.envKey ?? toEnvKey(observed.name), fields, notes, sources: {}, withheld };
}

/**
 * A live container's environment (or a line's `-e NAME=value`) holds values in clear; those whose names look secret, or
 * that envctl's spec marked secret (`marked`), are not copied into the spec (printed, or written into a file that may
 * be checked in): `NAME:` with no value, which apply reads from the shell.
 */
function withholdSecrets(fields: Record<string, unknown>, marked: ReadonlySet<string> = new Set()): string[] {
  const environment = fields.environment as Record<string, string | null> | undefined;
  if (environment === undefined) return [];
  const names = Object.keys(environment).filter((name) => (looksSecret(name) || marked.has(name)) && environment[name] !== null);
  for (const name of names) environment[name] = null;
  return names;
}

/** Loads the text as `envctl validate` would, from a file in `dir` (so relative paths and .env resolve the same). */
function loadText(text: string, dir: string, display: string): Promise<DesiredState> {
  const tmp = mkdtempSync(join(dir, '.envctl-import-'));
  const file = join(tmp, 'envctl.yaml');
  writeFileSync(file, text);
  return loadSpec(file, { displayPath: display }).finally(() => rmSync(tmp, { recursive: true, force: true }));
}

/** The spec `-o` names, read under the same limits as any spec, and parsed as safely before it is edited. */
function readExisting(file: string, shown: string): string {
  let text: string;
  try {
    text = readInputFile(file);
  } catch (err) {
    if (err instanceof InputFileError) throw new EnvctlError('usage', `-o ${shown} ${err.reason}`, { hint: err.hint, cause: err });
    throw err;
  }
  const { issues } = parseYaml(text, shown);
  if (issues.length > 0) throw new SpecError(issues);
  return text;
}

/** Canonical fields (by name) where the merged environment differs from the standalone import. */
function differences(alone: CanonicalEnv, merged: CanonicalEnv, explicitName: boolean): string[] {
  const ignore = new Set(['project', 'name', ...(explicitName ? [] : ['containerName'])]);
  const a = alone as unknown as Record<string, unknown>;
  const m = merged as unknown as Record<string, unknown>;
  return Object.keys(a).filter((k) => !ignore.has(k) && JSON.stringify(a[k]) !== JSON.stringify(m[k]));
}

/**
 * The imported spec did not load: say which flag (or container setting) led to each problem, since the user never
 * saw the YAML. A usage error: the line asks for something this envctl cannot do.
 */
function explainRejection(err: SpecError, env: ImportedEnvironment, container: string | undefined): EnvctlError {
  const lines = err.issues.map((issue) => {
    const field = issue.path[0] === 'environments' ? String(issue.path[2] ?? '') : String(issue.path[0] ?? '');
    const from = container === undefined ? (env.sources[field] ?? []).join(' ') : `the container's \`${field}\``;
    return `${from === '' ? `\`${field}\`` : from}: ${issue.message}${issue.hint ? ` (${issue.hint})` : ''}`;
  });
  const [first] = lines;
  return new EnvctlError('usage', lines.length === 1 && first !== undefined ? first : `the import is not a valid spec:\n  ${lines.join('\n  ')}`, {
    hint: 'leave that part out of the line to import the rest',
    cause: err,
  });
}

export async function runImport(req: ImportRequest, connect: () => Engine): Promise<ImportResult> {
  if (req.fromContainer !== undefined && req.words.length > 0) {
    throw new EnvctlError('usage', 'give either a docker run (or docker service create) line or --from-container, not both');
  }
  if (req.fromContainer === undefined && req.words.length === 0) {
    throw new EnvctlError('usage', 'nothing to import', { hint: 'envctl import -- docker run … (or docker service create …), or envctl import --from-container NAME' });
  }
  const env = req.fromContainer === undefined ? fromLine(req) : await fromContainer(req.fromContainer, req, connect());
  const standalone = renderNewSpec(env);
  const alone = await loadText(standalone, tmpdir(), '(imported spec)').catch((err: unknown) => {
    throw err instanceof SpecError ? explainRejection(err, env, req.fromContainer) : err;
  });

  if (req.out === undefined) return { key: env.key, text: standalone, warnings: [] };

  const file = resolve(req.cwd, req.out);
  const exists = existsSync(file);
  // A new spec file says its project, the name envctl would derive from its folder anyway: visible, and it stays put
  // when the file moves.
  const project = projectFromFolder(basename(dirname(file))) || undefined;
  const merged = exists ? mergeIntoSpec(readExisting(file, req.out), env, req.out, project) : { text: renderNewSpec(env, project), replaced: false };
  // Proven before the file is touched: an existing spec that does not load stays exactly as it was.
  const state = await loadText(merged.text, dirname(file), req.out);
  const mine = state.environments.find((e) => e.name === env.key);
  const standaloneEnv = alone.environments[0];
  const warnings: string[] = [];
  if (mine && standaloneEnv) {
    const diff = differences(standaloneEnv, mine, typeof env.fields.container_name === 'string');
    if (diff.length > 0) {
      warnings.push(`\`defaults\` in ${req.out} change environment \`${env.key}\` (${diff.join(', ')}): set those fields in the environment to keep the imported values`);
    }
  }
  const tmp = join(dirname(file), `.${basename(file)}.envctl-import`);
  writeFileSync(tmp, merged.text);
  renameSync(tmp, file);
  return { key: env.key, text: merged.text, written: { file, replaced: merged.replaced }, warnings };
}
