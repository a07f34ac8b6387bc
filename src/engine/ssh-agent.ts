// The ssh:// transport as an HTTP agent: each connection is `docker system dial-stdio` run over ssh, made by
// docker-modem's own ssh connector. envctl hands docker-modem this agent with a plain http address instead of using
// docker-modem's ssh mode, which builds every request's URL without slashes ("ssh:gpu1:22gpu1/…") — an invalid URL
// Node's url.parse warns about (DEP0170) on every run.
import { Agent, type AgentOptions } from 'node:http';
import { createRequire } from 'node:module';
import type { Duplex } from 'node:stream';

export interface SshTarget {
  host: string;
  port: number;
  username?: string;
  /** SSH_AUTH_SOCK: the keys are the ssh agent's, as with docker-modem's own ssh mode. */
  agent?: string;
  /** How long the ssh handshake may take (ssh2's readyTimeout). */
  readyTimeout?: number;
}

type ConnectionCallback = (err: Error | null, stream?: Duplex) => void;
type ModemSsh = (options: SshTarget) => { createConnection(options: unknown, callback: ConnectionCallback): void };

let modemSsh: ModemSsh | undefined;

/** docker-modem's connector, found through dockerode (a direct dependency) wherever npm put docker-modem; loaded on first use. */
function loadModemSsh(): ModemSsh {
  if (modemSsh === undefined) {
    const fromDockerode = createRequire(createRequire(import.meta.url).resolve('dockerode'));
    modemSsh = fromDockerode('docker-modem/lib/ssh.js') as ModemSsh;
  }
  return modemSsh;
}

class SshAgent extends Agent {
  constructor(private readonly target: SshTarget) {
    super({ keepAlive: false } satisfies AgentOptions);
  }

  // One ssh connection per HTTP connection, closed with it (as docker-modem does).
  override createConnection(options: unknown, callback: ConnectionCallback): undefined {
    loadModemSsh()(this.target).createConnection(options, callback);
    return undefined;
  }
}

export function sshAgent(target: SshTarget): Agent {
  return new SshAgent(target);
}
