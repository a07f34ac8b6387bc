// `envctl restart ENV…` and `envctl kill ENV… [-s SIGNAL]`: one line per environment done; environments that failed
// are named together in one error (the exit code is the first failure's); --json lists each environment with ok.
import { specSource } from '../load-spec-for.js';
import { runKill, runRestart, type VerbResult } from '../../app/run-signal-verbs.js';
import { connectTo } from '../../engine/connect-engine.js';
import { EXIT_CODES, EnvctlError } from '../../errors/envctl-error.js';
import { errorToJson } from '../format-error.js';
import { printJson, type GlobalOptions } from '../output.js';
import { parseSignal } from '../parse-signal.js';

export async function runRestartCommand(g: GlobalOptions, names: string[], opts: { time?: string; json: boolean }): Promise<number> {
  const grace = opts.time === undefined ? null : Number(opts.time);
  if (grace !== null && !(Number.isInteger(grace) && grace >= 0)) {
    throw new EnvctlError('usage', `--time ${opts.time}: not a number of seconds`, { hint: 'e.g. --time 10 (0 kills at once)' });
  }
  return report(await runRestart(specSource(g), connectTo, names, grace), 'restarted', 'restart', opts.json);
}

export async function runKillCommand(g: GlobalOptions, names: string[], opts: { signal: string; json: boolean }): Promise<number> {
  const signal = parseSignal(opts.signal);
  return report(await runKill(specSource(g), connectTo, names, signal), `sent ${signal} to`, 'signal', opts.json);
}

/** --json: {ok, environments: [{env, container, host, ok, error?: {code, message, hint}}]}; the exit code as without. */
export function resultsJson(results: VerbResult[]): unknown {
  return {
    ok: results.every((r) => r.ok),
    environments: results.map(({ error, ...r }) => ({ ...r, ...(error === undefined ? {} : (errorToJson(error) as object)) })),
  };
}

function report(results: VerbResult[], done: string, verb: string, json: boolean): number {
  if (json) {
    printJson(resultsJson(results));
    const first = results.find((r) => r.error !== undefined)?.error;
    return first === undefined ? 0 : EXIT_CODES[first.code];
  }
  for (const r of results) if (r.ok) process.stdout.write(`${done} ${r.env} (${r.container ?? ''}${r.host === null ? '' : ` on ${r.host}`})\n`);
  const failed = results.filter((r) => !r.ok && r.error !== undefined);
  const first = failed[0]?.error;
  if (first === undefined) return 0;
  if (failed.length === 1) throw first;
  const all = failed.map((r) => r.error?.message ?? r.env).join('; ');
  throw new EnvctlError(first.code, `could not ${verb} ${failed.length} of ${results.length} environments: ${all}`, {
    ...(first.hint === undefined ? {} : { hint: first.hint }),
    cause: first,
  });
}
