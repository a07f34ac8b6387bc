// Turns dockerode and socket failures into EnvctlErrors a person can act on (no JSON, no stack).
import { EnvctlError } from '../errors/envctl-error.js';
import { refusalError } from './engine-refusals.js';
import { EngineFault, faultError } from './engine-fault.js';
import { socketPathProblem } from './socket-path-problem.js';

export const UNREACHABLE_HINT = 'start Docker (as root: bash scripts/engine-up.sh) or set DOCKER_HOST';

interface RawEngineError {
  code?: unknown;
  statusCode?: unknown;
  message?: unknown;
  json?: unknown;
  reason?: unknown;
}

const SOCKET_PROBLEMS: Record<string, string> = {
  ENOENT: 'no such socket',
  ENOTDIR: 'a part of the path is not a folder',
  ENOTSOCK: 'not a socket',
  ECONNREFUSED: 'connection refused',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  ETIMEDOUT: 'no answer in time',
  ESOCKETTIMEDOUT: 'no answer in time',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  ENOTFOUND: 'unknown host',
  EAI_AGAIN: 'unknown host',
  ECONNRESET: 'the connection was reset',
  EPIPE: 'the connection was closed',
};

function asRaw(err: unknown): RawEngineError {
  return err !== null && typeof err === 'object' ? (err as RawEngineError) : {};
}

/** The engine's own sentence: from the JSON body when there is one, else dockerode's "(HTTP code …) … - msg". */
export function engineMessage(err: unknown): string {
  const raw = asRaw(err);
  const json = raw.json;
  let text = '';
  if (json !== null && typeof json === 'object' && typeof (json as { message?: unknown }).message === 'string') {
    text = (json as { message: string }).message;
  } else if (typeof json === 'string' && json.trim() !== '') {
    text = json;
  } else if (Buffer.isBuffer(json) && json.length > 0) {
    text = json.toString('utf8');
  } else if (typeof raw.message === 'string') {
    text = raw.message.replace(/^\(HTTP code \d+\)\s*[^-]*-\s*/, '');
  } else {
    text = String(err);
  }
  return hideEchoedEnvironment(text.replace(/\s+/g, ' ').trim().replace(/[.\s]+$/, ''));
}

/**
 * The engine echoes environment entries it rejects ("invalid environment variable: =VALUE", runc's quoted
 * "NAME=VALUE"): values are secrets until shown otherwise, so only the name is kept.
 */
function hideEchoedEnvironment(message: string): string {
  return message
    .replace(/(invalid environment variable: )=.*$/gim, '$1=(sensitive)')
    .replace(/"([A-Za-z_][\w.-]*)=(?:[^"\\]|\\.)*"/g, '"$1=(sensitive)"');
}

function saysWhy(json: unknown): boolean {
  return json !== null && typeof json === 'object' && !Buffer.isBuffer(json) && typeof (json as { message?: unknown }).message === 'string';
}

/** The socket error code when a request never reached the engine; null for answers from the engine. */
function socketErrorCode(err: unknown): string | null {
  const raw = asRaw(err);
  if (typeof raw.statusCode === 'number') return null;
  if (typeof raw.code === 'string' && raw.code in SOCKET_PROBLEMS) return raw.code;
  if (typeof raw.message === 'string' && /timed? ?out/i.test(raw.message)) return 'ETIMEDOUT';
  return null;
}

function unreachableError(endpoint: string, problem: string, cause?: unknown): EnvctlError {
  const hint = problem === 'permission denied' ? `use an account in the docker group, or ${UNREACHABLE_HINT}` : UNREACHABLE_HINT;
  return new EnvctlError('engine-unreachable', `cannot reach the Docker Engine at ${endpoint}: ${problem}`, { hint, cause });
}

/** "Bind for 0.0.0.0:8080 failed: port is already allocated" → "port 8080 on 0.0.0.0 is already in use". */
function portTakenMessage(message: string): string {
  const m = /(?:Bind for|listen tcp4?6?|listen udp4?6?)\s+\[?([0-9a-fA-F.:]*?)\]?:(\d+)/.exec(message);
  if (m) {
    const ip = m[1] === '' ? '0.0.0.0' : m[1];
    return `port ${m[2]} on ${ip} is already in use`;
  }
  return `a published port is already in use (${message})`;
}

export interface EngineErrorContext {
  endpoint: string;
  /** What envctl was doing, e.g. 'start container box-1'; prefixes the message. */
  doing?: string;
}

/** Maps any failure of an engine call to an EnvctlError; EnvctlErrors pass through unchanged. */
export function toEnvctlError(err: unknown, ctx: EngineErrorContext): EnvctlError {
  if (err instanceof EnvctlError) return err;
  // The raw error stays the cause (--debug prints it): it must not hold an echoed value either.
  if (err instanceof Error) {
    err.message = hideEchoedEnvironment(err.message);
    if (err.stack !== undefined) err.stack = hideEchoedEnvironment(err.stack);
  }
  const mapped = mapEngineError(err, ctx);
  if (ctx.doing !== undefined && mapped.message.startsWith(`${ctx.doing}: `)) mapped.context = ctx.doing;
  return mapped;
}

function mapEngineError(err: unknown, ctx: EngineErrorContext): EnvctlError {
  if (err instanceof EngineFault) return faultError(err, ctx.endpoint, ctx.doing);
  const socketCode = socketErrorCode(err);
  if (socketCode !== null) {
    const problem = socketPathProblem(ctx.endpoint, socketCode) ?? SOCKET_PROBLEMS[socketCode] ?? socketCode;
    return unreachableError(ctx.endpoint, problem, err);
  }
  const raw = asRaw(err);
  const status = typeof raw.statusCode === 'number' ? raw.statusCode : null;
  const message = engineMessage(err);
  const prefix = ctx.doing ? `${ctx.doing}: ` : '';
  if (status !== null && status >= 500 && raw.json !== null && raw.json !== undefined && !saysWhy(raw.json)) {
    // A whole answer that is not the engine's own error (it says why in JSON): a proxy's or a broken server's page.
    const said = message === '' || /^\[object /.test(message) ? 'without a message' : `: ${message.slice(0, 120)}`;
    return new EnvctlError('engine', `${prefix}the Docker Engine at ${ctx.endpoint} answered HTTP ${status} ${said}`.replace(' :', ':'), {
      hint: 'check that the engine is healthy (as root: `systemctl status docker`) and that DOCKER_HOST points to it',
      cause: err,
    });
  }
  if (/port is already allocated|address already in use/i.test(message)) {
    return new EnvctlError('port-taken', `${prefix}${portTakenMessage(message)}`, {
      hint: 'free the port or choose another one in the spec',
      cause: err,
    });
  }
  const refusal = refusalError(message, prefix, err);
  if (refusal !== null) return refusal;
  if (status === 404) return new EnvctlError('not-found', `${prefix}${message}`, { cause: err });
  if (status === 409) return new EnvctlError('conflict', `${prefix}${message}`, { cause: err });
  return new EnvctlError('engine', `${prefix}${message}`, { cause: err });
}

/** 304 (already started/stopped) and "already paused"/"not paused" answers mean the wanted state already holds. */
export function isAlreadyDone(err: unknown): boolean {
  const raw = asRaw(err);
  if (raw.statusCode === 304) return true;
  if (raw.statusCode === 409 || raw.statusCode === 500) {
    return /is already paused|is not paused/i.test(engineMessage(err));
  }
  return false;
}

export function isNotFound(err: unknown): boolean {
  return asRaw(err).statusCode === 404;
}
