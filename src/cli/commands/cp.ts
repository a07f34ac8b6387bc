// `envctl cp SRC DEST`: one side is ENV:PATH (an environment of the spec), the other a local path or "-" (a tar on
// stdin/stdout); says what was copied on stderr, as `docker cp` does.
import { specSource } from '../load-spec-for.js';
import { runCopy, type CopyRequest, type CopyResult } from '../../app/run-copy.js';
import { connectTo } from '../../engine/connect-engine.js';
import { EnvctlError } from '../../errors/envctl-error.js';
import { printJson, type GlobalOptions } from '../output.js';

/** "box:/etc/nginx" → box and the path; a local path has no "NAME:" before its first "/" (./a:b, /tmp/a:b are local). */
export function splitEndpoint(text: string): { env: string; path: string } | null {
  const m = /^([A-Za-z0-9][A-Za-z0-9_.-]*):(.*)$/.exec(text);
  return m === null ? null : { env: m[1] as string, path: m[2] as string };
}

export function copyRequest(source: string, destination: string, followLink: boolean): CopyRequest {
  const from = splitEndpoint(source);
  const to = splitEndpoint(destination);
  const usage = 'envctl cp ENV:PATH LOCAL, or envctl cp LOCAL ENV:PATH ("-" for a tar on stdin/stdout)';
  if (from !== null && to !== null) throw new EnvctlError('usage', `cp copies between this machine and an environment, not between two (${source} → ${destination})`, { hint: usage });
  if (from === null && to === null) throw new EnvctlError('usage', `cp needs an environment on one side, as ENV:PATH (${source} → ${destination})`, { hint: usage });
  const inEnv = (from ?? to) as { env: string; path: string };
  if (inEnv.path === '') throw new EnvctlError('usage', `${inEnv.env}: names no path in the environment`, { hint: `e.g. ${inEnv.env}:/etc/motd, or ${inEnv.env}:. for its /` });
  const local = from !== null ? destination : source;
  return { direction: from !== null ? 'from' : 'to', env: inEnv.env, containerPath: inEnv.path, local: local === '-' ? null : local, followLink };
}

export async function runCpCommand(g: GlobalOptions, source: string, destination: string, opts: { followLink: boolean; json: boolean }): Promise<number> {
  const request = copyRequest(source, destination, opts.followLink);
  if (opts.json && request.local === null && request.direction === 'from') {
    throw new EnvctlError('usage', '--json cannot share stdout with the tar that "-" writes there', { hint: 'copy to a local path, or leave out --json' });
  }
  const result = await runCopy(specSource(g), connectTo, request, { stdin: process.stdin, stdout: process.stdout });
  // --json: {ok, env, container, host, from, to, files, folders, links, bytes, skipped}
  if (opts.json) printJson({ ok: true, ...result });
  else if (request.local !== null) process.stderr.write(`${describeCopy(result)}\n`);
  return 0;
}

export function describeCopy(r: CopyResult): string {
  const count = (n: number, one: string, many: string): string[] => (n === 0 ? [] : [`${n} ${n === 1 ? one : many}`]);
  const what = [...count(r.files, 'file', 'files'), ...count(r.folders, 'folder', 'folders'), ...count(r.links, 'symlink', 'symlinks')];
  const skipped = r.skipped.length === 0 ? '' : `; left out (not a file, folder or symlink): ${r.skipped.join(', ')}`;
  return `copied ${what.join(', ') || 'nothing'} (${r.bytes} bytes) from ${r.from} to ${r.to}${r.host === null ? '' : ` (on ${r.host})`}${skipped}`;
}
