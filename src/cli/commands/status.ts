// `envctl status`: the project's environments as they run, with drift (on every engine of the spec).
import { loadSpecFor } from '../load-spec-for.js';
import { engineParts, isSingleDefault } from '../../app/engine-parts.js';
import { runStatusDesired, type ProjectStatus } from '../../app/run-status.js';
import { connectTo } from '../../engine/connect-engine.js';
import { formatStatus } from '../format-status.js';
import { printResult, type GlobalOptions } from '../output.js';

export async function runStatusCommand(g: GlobalOptions, opts: { json: boolean }): Promise<number> {
  const desired = await loadSpecFor(g);
  const parts = engineParts(desired);
  let status: ProjectStatus;
  if (isSingleDefault(parts)) status = await runStatusDesired(desired, connectTo(null));
  else {
    // One table for the whole project: each environment says its host; orphans say where they are.
    status = { project: desired.project, environments: [], orphans: [] };
    for (const part of parts) {
      const one = await runStatusDesired(part.desired, connectTo(part.dockerHost));
      const where = part.host ?? '(default)';
      status.environments.push(...one.environments.map((e) => ({ ...e, host: where })));
      status.orphans.push(...one.orphans.map((o) => `${o} (on ${where})`));
    }
    status.environments.sort((a, b) => (a.env < b.env ? -1 : a.env > b.env ? 1 : 0));
  }
  if (opts.json) printResult(status);
  else process.stdout.write(`${formatStatus(status, g.color)}\n`);
  return 0;
}
