// `envctl snapshot ENV`: commit the environment's container to a labelled image; print the reference.
import { loadSpecFor } from '../load-spec-for.js';
import { connectTo } from '../../engine/connect-engine.js';
import { dockerHostOfEnv } from '../../app/engine-parts.js';
import { takeSnapshot } from '../../features/snapshot/take-snapshot.js';
import { printResult, type GlobalOptions } from '../output.js';
import { throwIfInterrupted } from '../../errors/interrupted.js';

export async function runSnapshotCommand(g: GlobalOptions, env: string, opts: { tag?: string; message: string; json: boolean }): Promise<number> {
  const desired = await loadSpecFor(g);
  const result = await takeSnapshot(connectTo(dockerHostOfEnv(desired, env)), desired, env, {
    message: opts.message,
    now: new Date(),
    ...(opts.tag === undefined ? {} : { tag: opts.tag }),
    signal: g.signal,
  });
  // Ctrl-C during the commit let it finish (stopping it could leave the container paused): say so, and exit 130.
  throwIfInterrupted(g.signal, 'snapshot', `the commit in progress was finished: ${result.ref}`);
  if (opts.json) printResult(result);
  else {
    const kept = `${result.changedPaths} changed ${result.changedPaths === 1 ? 'path' : 'paths'}`;
    process.stdout.write(`Snapshot of ${result.container} (env:${env}, ${kept}): ${result.ref}\n`);
    process.stdout.write(`Use it with \`image: ${result.ref}\`, or move it with \`envctl save ${env} -o FILE.tar\`.\n`);
  }
  return 0;
}
