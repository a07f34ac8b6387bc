// How long envctl waits for a Docker Engine that says nothing: the default, --engine-timeout / ENVCTL_ENGINE_TIMEOUT.
import { EnvctlError } from '../errors/envctl-error.js';
import { parseDuration } from '../fields/values/parse-duration.js';

/** Compose's COMPOSE_HTTP_TIMEOUT default (60 s): long enough for a busy engine, short enough to notice a hung one. */
export const DEFAULT_ENGINE_TIMEOUT_MS = 60_000;

/** The environment variable that sets the timeout (the `--engine-timeout` option wins; main.ts passes it here). */
export const ENGINE_TIMEOUT_VAR = 'ENVCTL_ENGINE_TIMEOUT';

export const ENGINE_TIMEOUT_HELP = 'how long an engine may stay silent before envctl gives up, e.g. 30s, 2m; 0 = wait forever (default 60s, env ENVCTL_ENGINE_TIMEOUT)';

/** "90" is seconds (as COMPOSE_HTTP_TIMEOUT); "90s", "1m30s", "500ms" as Go durations; null when it is none of those. */
export function parseEngineTimeout(text: string): number | null {
  const trimmed = text.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const parsed = parseDuration(trimmed);
  return parsed.ok ? Math.round(parsed.value / 1e6) : null;
}

export function invalidEngineTimeout(source: string, text: string): EnvctlError {
  return new EnvctlError('usage', `${source} "${text}" is not a duration`, { hint: 'use e.g. 30s, 2m or 0 (wait forever)' });
}

/** The timeout in ms from `env` (0 = none); a value that is not a duration is a usage error. */
export function engineTimeoutFrom(env: NodeJS.ProcessEnv): number {
  const text = env[ENGINE_TIMEOUT_VAR];
  if (text === undefined || text.trim() === '') return DEFAULT_ENGINE_TIMEOUT_MS;
  const ms = parseEngineTimeout(text);
  if (ms === null) throw invalidEngineTimeout(ENGINE_TIMEOUT_VAR, text);
  return ms;
}

export function formatTimeout(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000}s` : `${ms}ms`;
}
