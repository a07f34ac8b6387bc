// The host port of an `ssh:` without `port:`: chosen by envctl once, at create, and kept (recorded in the ssh label),
// so ssh-config stays right after `docker restart` — an engine-chosen ephemeral port changes at every start.
import { createServer } from 'node:net';
import type { Engine } from '../../engine/engine.js';
import type { CanonicalEnv } from '../../fields/canonical-env.js';

/** Below the kernel's ephemeral range (where the engine draws `-p 22` ports from) and the test suite's 20000–32767. */
const LOWEST = 10000;
const HIGHEST = 19999;
const ATTEMPTS = 50;

/** Whether nothing on this machine listens on the port at that address (a TCP bind succeeds). */
function isFree(port: number, hostIp: string): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen({ port, host: hostIp, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

/** A port in the range that is free here; for an engine elsewhere (tcp://, ssh://) one that cannot be checked from here. */
export async function pickSshPort(endpoint: string, hostIp: string, random: () => number = Math.random): Promise<number> {
  const local = endpoint.startsWith('unix://') || endpoint.startsWith('npipe://');
  for (let i = 0; i < ATTEMPTS; i++) {
    const port = LOWEST + Math.floor(random() * (HIGHEST - LOWEST + 1));
    if (!local || (await isFree(port, hostIp))) return port;
  }
  return 0;
}

/**
 * The environment as it is to be created: with `ssh.chosenPort` when the spec leaves the port out — the port of the
 * container it replaces (a recreate keeps it), else a new free one. 0 (nothing free) leaves it to the engine.
 */
export async function withChosenSshPort(engine: Engine, env: CanonicalEnv, replacedId?: string): Promise<CanonicalEnv> {
  const ssh = env.ssh;
  if (!ssh || ssh.port !== null) return env;
  const old = replacedId === undefined ? null : await engine.inspectContainer(replacedId);
  const kept = old?.config.ssh?.chosenPort;
  const port = kept ?? (await pickSshPort(engine.endpoint, ssh.hostIp));
  return port === 0 ? env : { ...env, ssh: { ...ssh, chosenPort: port } };
}
