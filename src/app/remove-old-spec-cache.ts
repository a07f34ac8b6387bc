// Earlier versions kept a spec cache in $XDG_CACHE_HOME/envctl/specs (else ~/.cache/envctl/specs) that held
// environment values in clear. envctl no longer caches specs; this removes the files those versions wrote, and only those.
import { existsSync, lstatSync, readdirSync, rmdirSync, rmSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** `<28 hex digits>.json`, or a temporary file of an interrupted write: the only names the old cache used. */
const OLD_CACHE_FILE = /^[0-9a-f]{28}\.json(\.tmp-\d+)?$/;

export function removeOldSpecCache(environ: Record<string, string | undefined> = process.env, home = homedir()): void {
  const base = environ.XDG_CACHE_HOME?.startsWith('/') ? environ.XDG_CACHE_HOME : join(home, '.cache');
  const dir = join(base, 'envctl', 'specs');
  // The common case costs one stat: the folder is gone (or never was).
  if (!existsSync(dir)) return;
  try {
    const uid = process.getuid?.();
    for (const name of readdirSync(dir)) {
      if (!OLD_CACHE_FILE.test(name)) continue;
      const stat = lstatSync(join(dir, name));
      // Regular files of this user only: a folder others can write to may hold anything.
      if (stat.isFile() && (uid === undefined || stat.uid === uid)) rmSync(join(dir, name), { force: true });
    }
    rmdirSync(dir);
  } catch {
    // Not ours to clean further (other files left, no permission): it only costs that stat on the next run.
  }
}
