// Builds the DockerEngine for this process: DOCKER_HOST when set (as the docker CLI does), else the local socket.
import { existsSync } from 'node:fs';
import { Agent } from 'node:http';
import { homedir } from 'node:os';
import { join } from 'node:path';
import Docker from 'dockerode';
import { EnvctlError } from '../errors/envctl-error.js';
import { describeReadError, readInputFile } from '../base/read-input-file.js';
import { dockerEngine, type DockerEngine } from './docker-engine.js';
import { UNREACHABLE_HINT } from './engine-errors.js';
import { engineTimeoutFrom } from './engine-timeout.js';
import { sshAgent } from './ssh-agent.js';

const DEFAULT_SOCKET = '/var/run/docker.sock';

export interface ResolvedEndpoint {
  /** As a person would write it in DOCKER_HOST; used in messages. */
  endpoint: string;
  /** Options for dockerode, every connection field explicit so docker-modem's own reading of process.env never wins. */
  options: Docker.DockerOptions;
}

function invalidHost(endpoint: string, cause?: unknown): EnvctlError {
  return new EnvctlError('engine-unreachable', `cannot reach the Docker Engine at ${endpoint}: DOCKER_HOST is not a valid address`, {
    hint: `use unix:///path/to/docker.sock or tcp://host:2375; ${UNREACHABLE_HINT}`,
    cause,
  });
}

/** The same rules as the docker CLI and docker-modem, read from `env` (tests pass their own). */
export function resolveEndpoint(env: NodeJS.ProcessEnv = process.env, timeoutMs = 0): ResolvedEndpoint {
  const host = env.DOCKER_HOST?.trim() ?? '';
  if (host === '' || host.startsWith('unix://')) {
    let socketPath = host.slice('unix://'.length);
    if (socketPath === '') {
      const userSocket = join(homedir(), '.docker', 'run', 'docker.sock');
      socketPath = existsSync(userSocket) ? userSocket : DEFAULT_SOCKET;
    }
    return { endpoint: `unix://${socketPath}`, options: { socketPath, host: undefined, agent: socketAgent() } as Docker.DockerOptions };
  }
  let url: URL;
  try {
    url = new URL(host.includes('//') ? host : `tcp://${host}`);
  } catch (err) {
    throw invalidHost(host, err);
  }
  if (url.hostname === '') throw invalidHost(host);
  if (url.protocol === 'ssh:') {
    const port = Number(url.port || 22);
    const agent = sshAgent({
      host: url.hostname,
      port,
      ...(url.username ? { username: decodeURIComponent(url.username) } : {}),
      ...(env.SSH_AUTH_SOCK ? { agent: env.SSH_AUTH_SOCK } : {}),
      ...(timeoutMs > 0 ? { readyTimeout: timeoutMs } : {}),
    });
    // Plain http over the ssh agent's connections: the address only names the host in requests.
    return { endpoint: host, options: { host: url.hostname, port, protocol: 'http', agent } as Docker.DockerOptions };
  }
  const tls = env.DOCKER_TLS_VERIFY === '1' || url.port === '2376';
  const options: Docker.DockerOptions = { host: url.hostname, port: url.port || (tls ? 2376 : 2375), protocol: tls ? 'https' : 'http' };
  // Plain TCP gets a keep-alive agent of envctl's own, as the local socket does (TLS keeps docker-modem's default).
  if (!tls) (options as { agent?: Agent }).agent = new Agent({ keepAlive: true });
  if (tls && env.DOCKER_CERT_PATH) {
    options.ca = readCert(env.DOCKER_CERT_PATH, 'ca.pem');
    options.cert = readCert(env.DOCKER_CERT_PATH, 'cert.pem');
    options.key = readCert(env.DOCKER_CERT_PATH, 'key.pem');
  }
  return { endpoint: host, options };
}

/**
 * The HTTP agent for the local socket. Keep-alive reuses a connection for the calls made one after another. An empty
 * TLS server name says there is none (a unix socket has no host name): without it Node works one out for every
 * request and tests it with its IPv6 expression, whose first use costs ~10 ms — 7% of a no-op apply.
 */
function socketAgent(): Agent {
  return new Agent({ keepAlive: true, servername: '' } as ConstructorParameters<typeof Agent>[0]);
}

export function connectEngine(env: NodeJS.ProcessEnv = process.env): DockerEngine {
  const timeoutMs = engineTimeoutFrom(env);
  const { endpoint, options } = resolveEndpoint(env, timeoutMs);
  let docker: Docker;
  try {
    docker = new Docker(options);
  } catch (err) {
    // docker-modem parses process.env.DOCKER_HOST itself first and throws when that is malformed.
    throw invalidHost(endpoint, err);
  }
  return dockerEngine(docker, endpoint, timeoutMs);
}

/** The engine at `dockerHost` (a `hosts:` entry's address), or the default one for null; the rest of `env` applies. */
export function connectTo(dockerHost: string | null, env: NodeJS.ProcessEnv = process.env): DockerEngine {
  return connectEngine(dockerHost === null ? env : { ...env, DOCKER_HOST: dockerHost });
}

function readCert(dir: string, name: string): string {
  const path = join(dir, name);
  try {
    return readInputFile(path);
  } catch (err) {
    const { reason, hint } = describeReadError(err);
    throw new EnvctlError('engine-unreachable', `DOCKER_CERT_PATH: ${path} ${reason}`, { hint: hint ?? 'DOCKER_CERT_PATH is the folder of ca.pem, cert.pem and key.pem', cause: err });
  }
}
