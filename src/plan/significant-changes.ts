// Which own-layer changes are a person's work and which are runtime noise: the built-in ignore list, the spec's
// `ignore_changes:` globs, and directories reported only because something below them changed.
import type { ContainerChange, EnginePaths, ObservedContainer } from '../engine/engine.js';
import { SSH_MANAGED_PATHS } from '../fields/ssh/managed-paths.js';

/**
 * Paths every running container touches without anyone doing work: temp and runtime dirs, shell/REPL histories,
 * caches of bytecode. Kept short on purpose: anything not here counts, and a spec can add more with ignore_changes.
 */
const DEFAULT_IGNORED_CHANGES: readonly string[] = [
  '/tmp/**',
  '/var/tmp/**',
  '/run/**',
  '/var/run/**',
  '/var/log/**',
  '/var/cache/**',
  '/dev/**',
  '/proc/**',
  '/sys/**',
  '**/.bash_history',
  '**/.ash_history',
  '**/.sh_history',
  '**/.zsh_history',
  '**/.python_history',
  '**/.lesshst',
  '**/.viminfo',
  '**/__pycache__/**',
];

const cache = new Map<string, RegExp>();

/**
 * Glob → RegExp: `**` spans directories, `*` and `?` stay inside one path segment. A pattern without a leading `/`
 * matches at any depth (like .gitignore); `dir/**` matches dir itself too, so a removed directory is covered.
 */
export function globToRegExp(glob: string): RegExp {
  const cached = cache.get(glob);
  if (cached) return cached;
  let pattern = glob.startsWith('/') ? glob : `**/${glob}`;
  if (pattern.length > 1 && pattern.endsWith('/')) pattern = `${pattern}**`;
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i]!;
    if (ch === '*' && pattern[i + 1] === '*') {
      const slashAfter = pattern[i + 2] === '/';
      const slashBefore = i > 0 && pattern[i - 1] === '/';
      if (slashAfter) {
        re += '(?:.*/)?';
        i += 2;
      } else if (slashBefore && re.endsWith('/')) {
        // "/x/**" also matches "/x".
        re = `${re.slice(0, -1)}(?:/.*)?`;
        i += 1;
      } else {
        re += '.*';
        i += 1;
      }
    } else if (ch === '*') re += '[^/]*';
    else if (ch === '?') re += '[^/]';
    else re += ch.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  const compiled = new RegExp(`^${re}$`);
  cache.set(glob, compiled);
  return compiled;
}

function isIgnoredPath(path: string, globs: readonly string[]): boolean {
  return globs.some((g) => globToRegExp(g).test(path));
}

/**
 * The changes that would be lost, sorted by path. A directory listed only because something below it changed (the
 * engine reports `C /root` for a new `/root/x`) says nothing on its own, so any path with a listed descendant is
 * dropped before the ignore globs apply — that way `/root` does not count when its only change is `.bash_history`.
 * What the engine put there itself never counts: a mount point and anything below it (that data is not in the
 * layer), and a directory it created empty (the working dir) as long as it is still empty.
 */
export function significantChanges(
  changes: readonly ContainerChange[],
  ignore: readonly string[],
  engine: EnginePaths = { mounts: [], dirs: [] },
): ContainerChange[] {
  const paths = new Set(changes.map((c) => c.path));
  const hasDescendant = new Set<string>();
  for (const p of paths) {
    for (let i = p.lastIndexOf('/'); i > 0; i = p.lastIndexOf('/', i - 1)) hasDescendant.add(p.slice(0, i));
  }
  // What envctl's own ssh wrote (wrapper, sshd config, keys) is not anyone's work either.
  const globs = [...DEFAULT_IGNORED_CHANGES, ...SSH_MANAGED_PATHS, ...ignore];
  const emptyDirs = new Set(engine.dirs);
  return changes
    .filter((c) => !isEngineMade(c, engine.mounts, emptyDirs))
    .filter((c) => !hasDescendant.has(c.path) && !isIgnoredPath(c.path, globs))
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

function isEngineMade(change: ContainerChange, mounts: readonly string[], emptyDirs: ReadonlySet<string>): boolean {
  if (mounts.some((t) => change.path === t || change.path.startsWith(`${t}/`))) return true;
  // Only an added entry is the engine's directory; a descendant listed makes it a parent, dropped above anyway.
  return change.kind === 'added' && emptyDirs.has(change.path);
}

/** Where the engine put things in this container; one observed without that (a test fake) has its spec's mounts. */
export function enginePathsOf(container: ObservedContainer | undefined): EnginePaths {
  if (container === undefined) return { mounts: [], dirs: [] };
  const mounts = container.enginePaths?.mounts ?? container.config.mounts.map((m) => m.target);
  const anonymous = (container.anonymousVolumes ?? []).map((v) => v.target);
  return { mounts: [...new Set([...mounts, ...anonymous])], dirs: container.enginePaths?.dirs ?? [] };
}
