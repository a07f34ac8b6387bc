// What a build sends and what it depends on: the context's files (after .dockerignore, as docker and dockerode filter
// them) and one hash over their paths, modes and contents plus the Dockerfile path, build args and target. The plan
// compares that hash with the label on the image built last; the build sends exactly these files.
import { lstatSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { join } from 'node:path';
import dockerIgnoreModule from '@balena/dockerignore';
import { EnvctlError } from '../../errors/envctl-error.js';
import type { BuildSpec } from '../../spec/image-source.js';
import { createSha256 } from '../../spec/sha256.js';
import { readInputFile } from '../../spec/read-input-file.js';

// CommonJS (`module.exports = factory`) typed as `export default factory`: at run time the default import is the factory.
const dockerIgnore = dockerIgnoreModule as unknown as typeof dockerIgnoreModule.default;

export interface BuildContext {
  /** Paths relative to the context, '/'-separated, sorted. */
  files: string[];
  hash: string;
}

export function readBuildContext(build: BuildSpec): BuildContext {
  let ignoreText = '';
  try {
    ignoreText = readInputFile(join(build.context, '.dockerignore'));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw contextError(build, err);
  }
  const keep = dockerIgnore({ ignorecase: false }).add(ignoreText).createFilter();

  // A folder left out whole is not walked (node_modules, datasets) unless a "!" pattern may bring files back from it.
  const hasExceptions = /^\s*!/m.test(ignoreText);
  const files: string[] = [];
  const walk = (rel: string): void => {
    let entries;
    try {
      entries = readdirSync(join(build.context, rel), { withFileTypes: true });
    } catch (err) {
      throw contextError(build, err);
    }
    for (const entry of entries) {
      const path = rel === '' ? entry.name : `${rel}/${entry.name}`;
      if (!entry.isDirectory()) {
        if (keep(path)) files.push(path);
      } else if (hasExceptions || keep(path) || keep(`${path}/`)) walk(path);
    }
  };
  walk('');
  files.sort();
  if (!files.includes(build.dockerfile.replace(/^\.\//, ''))) {
    throw new EnvctlError('spec-invalid', `build: no ${build.dockerfile} in ${build.context}`, {
      hint: 'give `build.dockerfile` relative to the context, and check .dockerignore does not leave it out',
    });
  }

  const hash = createSha256();
  hash.update(JSON.stringify({ dockerfile: build.dockerfile, args: build.args, target: build.target }));
  for (const file of files) {
    const abs = join(build.context, file);
    const stat = lstatSync(abs);
    hash.update(`\0${file}\0${stat.mode & 0o111 ? 'x' : '-'}${stat.isSymbolicLink() ? 'l' : 'f'}\0`);
    hash.update(stat.isSymbolicLink() ? readlinkSync(abs) : readFileSync(abs));
  }
  return { files, hash: hash.digest('hex').slice(0, 32) };
}

function contextError(build: BuildSpec, err: unknown): EnvctlError {
  return new EnvctlError('spec-invalid', `build: cannot read the context ${build.context}: ${(err as Error).message}`, {
    hint: '`build:` (or `build.context`) is a folder relative to the spec file',
    cause: err,
  });
}
