// `envctl snapshots`: a table (or --json) of the images envctl committed on this engine.
import { connectTo } from '../../engine/connect-engine.js';
import { hostAddress } from '../host-option.js';
import { listSnapshots } from '../../features/snapshot/list-snapshots.js';
import { formatBytes } from '../format-bytes.js';
import { printResult, type GlobalOptions } from '../output.js';

export async function runSnapshotsCommand(g: GlobalOptions, opts: { project?: string; host?: string; json: boolean }): Promise<number> {
  const snapshots = await listSnapshots(connectTo(await hostAddress(g, opts.host)), opts.project);
  if (opts.json) {
    printResult({ snapshots });
    return 0;
  }
  if (snapshots.length === 0) {
    process.stdout.write('No snapshots. Make one with `envctl snapshot <env>`.\n');
    return 0;
  }
  const rows = [
    ['IMAGE', 'PROJECT', 'ENV', 'CREATED', 'SIZE', 'MESSAGE'],
    ...snapshots.map((s) => [s.ref, s.project, s.env, s.created.slice(0, 19).replace('T', ' '), formatBytes(s.sizeBytes), s.message]),
  ];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  for (const row of rows) process.stdout.write(`${row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i]!))).join('  ').trimEnd()}\n`);
  return 0;
}
