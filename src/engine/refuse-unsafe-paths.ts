// Refuses, before sending, an engine request whose URL path the engine would redirect or misread: a name with "." or
// ".." segments, "//" or a control character (image "../x" → GET /images/../x/json). The engine answers those with a
// redirect that docker-modem follows by throwing outside any promise — a crash with a stack trace instead of an error.
import { EnvctlError } from '../errors/envctl-error.js';

interface DialingModem {
  dial: (options: { method?: string; path?: string }, callback: (err: unknown, data?: unknown) => void) => void;
}

/** Why `path` (as dockerode builds it, e.g. "/images/x:1/json?") cannot be sent as is, or null when it can. */
export function unsafePathProblem(path: string): string | null {
  const bare = path.split('?')[0] ?? path;
  if (/[\u0000-\u001f\u007f]/.test(bare)) return 'it contains a control character';
  const segments = bare.split('/').slice(1);
  if (segments.some((s) => s === '' || s === '.' || s === '..')) return 'it contains an empty, "." or ".." path segment';
  return null;
}

/** Wraps modem.dial so such a request fails as an EnvctlError naming the path, and nothing is sent. */
export function refuseUnsafePaths(modem: DialingModem): void {
  const dial = modem.dial.bind(modem);
  modem.dial = (options, callback) => {
    const problem = unsafePathProblem(options.path ?? '');
    if (problem === null) {
      dial(options, callback);
      return;
    }
    const shown = JSON.stringify((options.path ?? '').split('?')[0]);
    callback(
      new EnvctlError('engine', `refused to ask the engine for ${shown}: ${problem}`, {
        hint: 'a name in the request is malformed (an image reference such as "../x"?); check it with `envctl validate`',
      }),
    );
  };
}
