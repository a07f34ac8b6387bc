// `envctl top ENV [-- PS-OPTIONS]`: the processes of an environment's container, as a table or `--json`
// ({ok, env, container, host, titles, processes: [{TITLE: value}]}).
import { specSource } from '../load-spec-for.js';
import { runTop, type TopResult } from '../../app/run-top.js';
import { connectTo } from '../../engine/connect-engine.js';
import { printJson, type GlobalOptions } from '../output.js';

export async function runTopCommand(g: GlobalOptions, name: string, psArgs: string[], opts: { json: boolean }): Promise<number> {
  const top = await runTop(specSource(g), connectTo, name, psArgs.join(' '));
  if (opts.json) printJson(topJson(top));
  else process.stdout.write(formatTable(top.titles, top.processes));
  return 0;
}

export function topJson(top: TopResult): unknown {
  const processes = top.processes.map((row) => Object.fromEntries(top.titles.map((title, i) => [title, row[i] ?? ''])));
  return { ok: true, env: top.env, container: top.container, host: top.host, titles: top.titles, processes };
}

/** Columns padded to their widest cell; the last (the command line) is not. */
export function formatTable(titles: string[], rows: string[][]): string {
  const all = [titles, ...rows];
  const widths = titles.map((_, i) => Math.max(...all.map((row) => (row[i] ?? '').length)));
  const line = (row: string[]): string =>
    titles.map((_, i) => (i === titles.length - 1 ? (row[i] ?? '') : (row[i] ?? '').padEnd(widths[i] ?? 0))).join('  ').trimEnd();
  return `${all.map(line).join('\n')}\n`;
}
