// `envctl status`: the project's environments as they run, with drift.
import { runStatus } from '../../app/run-status.js';
import { connectEngine } from '../../engine/connect-engine.js';
import { formatStatus } from '../format-status.js';
import { printJson, type GlobalOptions } from '../output.js';

export async function runStatusCommand(g: GlobalOptions, opts: { json: boolean }): Promise<number> {
  const status = await runStatus({ file: g.file, displayPath: g.file }, connectEngine);
  if (opts.json) printJson(status);
  else process.stdout.write(`${formatStatus(status, g.color)}\n`);
  return 0;
}
