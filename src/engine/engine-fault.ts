// What the request guard finds wrong with an engine (silence, an answer that is not JSON, a connection cut mid-answer),
// as an error that engine-errors.ts turns into one sentence naming the engine and what envctl was doing.
import { EnvctlError } from '../errors/envctl-error.js';
import { ENGINE_TIMEOUT_VAR, formatTimeout } from './engine-timeout.js';

export type FaultKind =
  /** Nothing came back within the timeout (no answer, or an answer that stopped moving). */
  | 'silent'
  /** The engine kept answering pings, but the call ran past its upper bound. */
  | 'too-long'
  /** An earlier request got no answer within the timeout, so this one was not sent. */
  | 'gave-up'
  /** A 2xx answer whose body is not JSON. */
  | 'garbled'
  /** The connection closed before the whole answer arrived. */
  | 'hangup';

export class EngineFault extends Error {
  constructor(
    readonly kind: FaultKind,
    /** The limit that was passed (silent, too-long, gave-up), in ms. */
    readonly ms = 0,
    /** True when the answer had started (a stream or body that stopped moving). */
    readonly midAnswer = false,
    cause?: unknown,
  ) {
    super(`engine fault: ${kind}`, cause === undefined ? undefined : { cause });
    this.name = 'EngineFault';
  }
}

const TIMEOUT_HINT = (ms: number, midAnswer = false): string =>
  `${midAnswer ? 'the engine, or what it waits for (a registry, the network), stopped moving' : 'the engine may be hung or overloaded (as root: `systemctl status docker`, or the dockerd log)'}; if it is only slow, raise --engine-timeout or ${ENGINE_TIMEOUT_VAR} (now ${formatTimeout(ms)})`;

/** The sentence for a fault: "<doing>: the Docker Engine at <endpoint> …". */
export function faultError(fault: EngineFault, endpoint: string, doing: string | undefined): EnvctlError {
  const prefix = doing ? `${doing}: ` : '';
  const engine = `the Docker Engine at ${endpoint}`;
  const within = formatTimeout(fault.ms);
  switch (fault.kind) {
    case 'silent':
      return new EnvctlError(
        'engine-timeout',
        fault.midAnswer ? `${prefix}${engine} sent no progress for ${within}` : `${prefix}${engine} did not answer within ${within}`,
        { hint: TIMEOUT_HINT(fault.ms, fault.midAnswer), cause: fault },
      );
    case 'too-long':
      return new EnvctlError('engine-timeout', `${prefix}${engine} did not finish within ${within}`, {
        hint: 'the engine still answers but this call does not end; look at the dockerd log',
        cause: fault,
      });
    case 'gave-up':
      return new EnvctlError('engine-timeout', `${prefix}not sent: ${engine} did not answer an earlier request within ${within}`, {
        hint: TIMEOUT_HINT(fault.ms),
        cause: fault,
      });
    case 'garbled':
      return new EnvctlError('engine', `${prefix}${engine} answered with something that is not JSON`, {
        hint: 'check that DOCKER_HOST (or the hosts: entry) points to a Docker Engine, not to another service or a proxy',
        cause: fault,
      });
    case 'hangup':
      return new EnvctlError('engine', `${prefix}${engine} closed the connection in the middle of its answer`, {
        hint: 'the engine may have crashed or restarted (as root: `systemctl status docker`); run the command again',
        cause: fault,
      });
  }
}
