// Turns any error into the lines a person reads (no stack unless --debug) and the JSON shape of --json.
import { EnvctlError, SpecError, formatSpecIssue } from '../errors/envctl-error.js';

export function toEnvctlError(err: unknown): EnvctlError {
  if (err instanceof EnvctlError) return err;
  const message = err instanceof Error ? err.message : String(err);
  return new EnvctlError('internal', `unexpected failure: ${message}`, {
    hint: 'run again with --debug for details, and report it if it persists',
    cause: err,
  });
}

export function formatError(err: EnvctlError, debug: boolean): string {
  const lines: string[] = [];
  if (err instanceof SpecError) {
    for (const issue of err.issues) lines.push(formatSpecIssue(issue));
    const n = err.issues.length;
    const where = { 'policy-violation': " refused by the server's policy", 'policy-invalid': ' in the policy file' }[err.code as string] ?? ' in the spec';
    lines.push(`envctl: ${n} problem${n === 1 ? '' : 's'}${where}; nothing was sent to the engine`);
  } else {
    // Ctrl-C is what the person asked for, not something that went wrong.
    const interrupted = err.code === 'interrupted' || err.code === 'terminated';
    lines.push(interrupted ? `envctl: ${err.message}` : `envctl: error: ${err.message}`);
    if (err.hint) lines.push(`  hint: ${err.hint}`);
  }
  if (debug) {
    lines.push(`  code: ${err.code}`);
    let cause: unknown = err;
    while (cause instanceof Error) {
      lines.push(cause.stack ?? String(cause));
      cause = (cause as { cause?: unknown }).cause;
    }
  }
  return lines.join('\n');
}

export function errorToJson(err: EnvctlError): unknown {
  return {
    ok: false,
    error: {
      code: err.code,
      message: err.message,
      ...(err.hint ? { hint: err.hint } : {}),
      ...(err instanceof SpecError ? { issues: err.issues } : {}),
    },
  };
}

/** The same error, its message saying which engine it came from (a spec with `hosts:`). */
export function onEngine(where: string, error: unknown): EnvctlError {
  const e = toEnvctlError(error);
  return new EnvctlError(e.code, `${where}: ${e.message}`, { ...(e.hint === undefined ? {} : { hint: e.hint }), cause: e });
}
