// `--host NAME` of the commands that work on one engine (load, snapshots, gpus): the address of that `hosts:` entry.
import { loadSpecFor } from './load-spec-for.js';
import { EnvctlError } from '../errors/envctl-error.js';
import type { GlobalOptions } from './output.js';

export const HOST_OPTION = ['--host <name>', 'an entry of the spec’s hosts: (default: the engine of DOCKER_HOST, else the local one)'] as const;

/** null without --host (the default engine); else the entry's docker_host, read from the spec. */
export async function hostAddress(g: GlobalOptions, name: string | undefined): Promise<string | null> {
  if (name === undefined) return null;
  const desired = await loadSpecFor(g);
  const address = desired.hosts?.[name];
  if (address === undefined) {
    const known = Object.keys(desired.hosts ?? {});
    throw new EnvctlError('usage', `--host ${name}: ${g.file} has no such entry under hosts:`, {
      hint: known.length > 0 ? `known hosts: ${known.join(', ')}` : 'add it under the top-level `hosts:` of the spec',
    });
  }
  return address;
}
