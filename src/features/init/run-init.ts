// Use-case behind `envctl init`: write a new envctl.yaml — the commented starter, or one environment imported from a
// `docker run` line or a live container (the import feature) — with the \`$schema\` line editors read; never over an
// existing file; proven to load before it is left in place.
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { Engine } from '../../engine/engine.js';
import { EnvctlError } from '../../errors/envctl-error.js';
import { loadSpec } from '../../spec/load-spec.js';
import { projectFromFolder } from '../../spec/normalize-spec.js';
import { runImport } from '../import/run-import.js';
import { schemaLine } from './schema-reference.js';
import { starterSpec } from './starter-spec.js';

export interface InitRequest {
  /** The spec file to write (-f), as the person wrote it. */
  file: string;
  cwd: string;
  /** A docker run line (words after --, or one quoted string). */
  fromRun?: string[];
  fromContainer?: string;
  environ?: Record<string, string | undefined>;
}

export interface InitResult {
  file: string;
  /** The environments the written spec has. */
  environments: string[];
  project: string;
}

function refuseExisting(path: string, shown: string): void {
  if (existsSync(path)) {
    throw new EnvctlError('file-exists', `${shown} already exists; init writes a new spec and leaves existing files alone`, {
      hint: 'add an environment to it with `envctl import -o FILE -- docker run …`, or give another file: `envctl -f other.yaml init`',
    });
  }
}

async function importedText(req: InitRequest, path: string, connect: () => Engine): Promise<string> {
  // Imported into a scratch file beside the spec: the same folder, so `project:` and relative paths come out the same.
  const scratch = join(dirname(path), `.envctl-init-${randomBytes(4).toString('hex')}.yaml`);
  try {
    await runImport(
      {
        words: req.fromRun ?? [],
        ...(req.fromContainer === undefined ? {} : { fromContainer: req.fromContainer }),
        out: scratch,
        cwd: req.cwd,
        ...(req.environ === undefined ? {} : { environ: req.environ }),
      },
      connect,
    );
    return readFileSync(scratch, 'utf8');
  } finally {
    rmSync(scratch, { force: true });
  }
}

export async function runInit(req: InitRequest, connect: () => Engine): Promise<InitResult> {
  const path = resolve(req.cwd, req.file);
  refuseExisting(path, req.file);
  if (!existsSync(dirname(path))) throw new EnvctlError('usage', `the folder of ${req.file} does not exist`, { hint: 'create it first' });
  const importing = req.fromContainer !== undefined || (req.fromRun?.length ?? 0) > 0;
  const body = importing ? await importedText(req, path, connect) : starterSpec(projectFromFolder(basename(dirname(path))) || 'my-project');
  try {
    // 'wx': a file that appeared meanwhile is not overwritten either.
    writeFileSync(path, `${schemaLine(dirname(path))}${body}`, { flag: 'wx' });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') refuseExisting(path, req.file);
    throw err;
  }
  try {
    const state = await loadSpec(path, { displayPath: req.file });
    return { file: path, environments: state.environments.map((e) => e.name), project: state.project };
  } catch (err) {
    rmSync(path, { force: true });
    throw err;
  }
}
