// Parses one `volumes:` entry ("src:dst[:ro|:rw]" or the long form) into a Mount, resolving bind sources like Compose.
import { isAbsolute, posix, resolve } from 'node:path';
import type { Mount } from '../canonical-env.js';
import { controlCharIn } from './check-text.js';
import { parseSize } from './parse-size.js';
import { fail, ok, type Parsed } from './parse-result.js';

export interface LongVolume {
  type: 'bind' | 'volume' | 'tmpfs';
  source?: string;
  target: string;
  read_only?: boolean;
  tmpfs?: { size?: number | string };
}

export interface VolumeContext {
  /** Folder of the spec file: relative bind sources resolve against it. */
  specDir: string;
  /** `~` resolves against it. */
  homeDir: string;
}

/** Docker's rule for volume names (at least two characters); at most 255, the file name the local driver makes. */
export const VOLUME_NAME = /^[a-zA-Z0-9][a-zA-Z0-9_.-]{1,254}$/;

export function parseVolume(value: string | LongVolume, ctx: VolumeContext): Parsed<Mount> {
  return typeof value === 'string' ? parseShortVolume(value, ctx) : parseLongVolume(value, ctx);
}

function parseShortVolume(raw: string, ctx: VolumeContext): Parsed<Mount> {
  const parts = raw.split(':');
  if (parts.length === 1) {
    const base = posix.basename(raw) || 'data';
    return fail(`"${raw}" is an anonymous volume; envctl only manages named ones`, `name it, e.g. "${base}:${raw}"`);
  }
  if (parts.length > 3) return fail(`"${raw}" is not a mount: expected "src:dst" or "src:dst:ro"`);
  const [source = '', target = '', mode] = parts;
  let readOnly = false;
  if (mode !== undefined) {
    if (mode !== 'ro' && mode !== 'rw') return fail(`"${raw}": unknown mount mode "${mode}"`, 'use :ro or :rw');
    readOnly = mode === 'ro';
  }
  const checkedTarget = checkTarget(target);
  if (!checkedTarget.ok) return checkedTarget;
  if (isPathLike(source)) {
    const bindSource = resolveBindSource(source, ctx);
    return bindSource.ok ? ok({ type: 'bind', source: bindSource.value, target, readOnly }) : bindSource;
  }
  const name = checkVolumeName(source);
  return name.ok ? ok({ type: 'volume', source, target, readOnly }) : name;
}

function parseLongVolume(value: LongVolume, ctx: VolumeContext): Parsed<Mount> {
  const target = checkTarget(value.target);
  if (!target.ok) return target;
  const readOnly = value.read_only ?? false;
  if (value.type === 'tmpfs') {
    if (value.source !== undefined) return fail('a tmpfs mount has no `source`');
    if (value.tmpfs?.size === undefined) return ok({ type: 'tmpfs', target: value.target, sizeBytes: null });
    const size = parseSize(value.tmpfs.size);
    return size.ok ? ok({ type: 'tmpfs', target: value.target, sizeBytes: size.value }) : size;
  }
  if (value.tmpfs !== undefined) return fail(`\`tmpfs\` options only apply to type: tmpfs`);
  if (value.source === undefined || value.source === '') {
    return value.type === 'volume'
      ? fail('a volume mount without `source` is an anonymous volume; envctl only manages named ones', 'add `source: <name>`')
      : fail('a bind mount needs a `source` path');
  }
  if (value.type === 'bind') {
    const source = resolveBindSource(value.source, ctx);
    return source.ok ? ok({ type: 'bind', source: source.value, target: value.target, readOnly }) : source;
  }
  const name = checkVolumeName(value.source);
  return name.ok ? ok({ type: 'volume', source: value.source, target: value.target, readOnly }) : name;
}

function isPathLike(source: string): boolean {
  return source.startsWith('/') || source.startsWith('.') || source.startsWith('~');
}

function resolveBindSource(source: string, ctx: VolumeContext): Parsed<string> {
  if (source.startsWith('~') && source !== '~' && !source.startsWith('~/')) return fail(`"${source}": ~user paths are not supported`, 'write the absolute path');
  const resolved = source === '~' || source.startsWith('~/') ? resolve(ctx.homeDir, source.slice(2)) : isAbsolute(source) ? resolve(source) : resolve(ctx.specDir, source);
  const problem = pathProblem(resolved);
  if (problem === null) return ok(resolved);
  return fail(`bind source ${JSON.stringify(source)}${resolved === source ? '' : ` (${resolved})`} ${problem}`);
}

function checkTarget(target: string): Parsed<string> {
  if (target === '') return fail('the mount has no target path');
  const problem = pathProblem(target);
  if (problem !== null) return fail(`mount target ${JSON.stringify(target)} ${problem}`);
  return target.startsWith('/') ? ok(target) : fail(`mount target "${target}" must be an absolute path inside the container`);
}

/** The engine reads a bind as "source:target[:mode]": a ":" inside a path would be read as the next part. */
function pathProblem(path: string): string | null {
  const control = controlCharIn(path);
  if (control !== null) return `contains ${control}`;
  return path.includes(':') ? 'contains ":", which the engine reads as the separator of source:target:mode' : null;
}

function checkVolumeName(name: string): Parsed<string> {
  return VOLUME_NAME.test(name)
    ? ok(name)
    : fail(`"${name}" is not a volume name (2 to 255 letters, digits, _ . -) nor a path`, 'start a host path with /, ./ or ~/');
}
