// `envctl logs ENV [-f] [--tail N] [--since T] [--timestamps]`: the environment's log, stdout to stdout and stderr to
// stderr; with -f it follows until the container stops or Ctrl-C, which ends it quietly with exit 0.
import { specSource } from '../load-spec-for.js';
import { finished } from 'node:stream/promises';
import { openLogs } from '../../app/run-logs.js';
import { connectTo } from '../../engine/connect-engine.js';
import type { GlobalOptions } from '../output.js';
import { parseSince, parseTail } from '../parse-log-options.js';

export interface LogsCommandOptions {
  follow: boolean;
  tail?: string;
  since?: string;
  timestamps: boolean;
}

export async function runLogsCommand(g: GlobalOptions, name: string, opts: LogsCommandOptions): Promise<number> {
  const request = { follow: opts.follow, tail: parseTail(opts.tail), since: parseSince(opts.since, Date.now()), timestamps: opts.timestamps };
  const { output } = await openLogs(specSource(g), connectTo, name, request);
  // Ctrl-C is how a followed log ends: what arrived is written out, nothing is wrong.
  if (opts.follow) g.stopsBy(() => output.close());
  output.stdout.pipe(process.stdout, { end: false });
  output.stderr.pipe(process.stderr, { end: false });
  await Promise.all([finished(output.stdout), finished(output.stderr)]);
  return 0;
}
