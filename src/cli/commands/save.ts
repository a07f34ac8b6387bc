// `envctl save ENV -o FILE.tar`: snapshot the container if it holds work (else use its image), then write the tar.
import { loadSpecFor } from '../load-spec-for.js';
import { connectTo } from '../../engine/connect-engine.js';
import { dockerHostOfEnv } from '../../app/engine-parts.js';
import { commitSnapshot, countSignificantChanges, findEnvContainer } from '../../features/snapshot/take-snapshot.js';
import { formatBytes } from '../format-bytes.js';
import { printResult, type GlobalOptions } from '../output.js';
import { progressPrinter } from '../print-progress.js';
import { statSync } from 'node:fs';
import { interruptible, throwIfInterrupted } from '../../errors/interrupted.js';

export async function runSaveCommand(
  g: GlobalOptions,
  env: string,
  opts: { output: string; tag?: string; message: string; json: boolean },
): Promise<number> {
  const desired = await loadSpecFor(g);
  // The engine the environment runs on (a `hosts:` entry's, or the default one).
  const engine = connectTo(dockerHostOfEnv(desired, env));
  const container = await findEnvContainer(engine, desired, env);
  const changed = await countSignificantChanges(engine, desired, container);
  throwIfInterrupted(g.signal, 'save');
  // Without work in the container, its image IS the environment: no need for another image. A --tag asks for one.
  let ref = container.config.image;
  let snapshotted = false;
  if (changed > 0 || opts.tag !== undefined) {
    const snap = await commitSnapshot(engine, desired.project, env, container, changed, {
      message: opts.message || `envctl save ${env}`,
      now: new Date(),
      ...(opts.tag === undefined ? {} : { tag: opts.tag }),
    });
    ref = snap.ref;
    snapshotted = true;
    if (!opts.json) process.stderr.write(`Snapshot of ${container.name} (${changed} changed paths): ${ref}\n`);
  }
  // Ctrl-C during a commit lets it finish (the snapshot is kept); during the transfer, the partial tar goes.
  const kept = snapshotted ? `; the snapshot ${ref} was kept` : '';
  throwIfInterrupted(g.signal, 'save', `nothing was written${kept}`);
  const progress = progressPrinter(`saving ${ref}`, !opts.json);
  try {
    await interruptible(g.signal, 'save', `the partial file ${opts.output} was removed${kept}`, () =>
      engine.saveImage(ref, opts.output, progress.update, g.signal),
    );
  } finally {
    progress.done();
  }
  const bytes = statSync(opts.output).size;
  if (opts.json) printResult({ ref, file: opts.output, bytes, snapshot: snapshotted, changedPaths: changed });
  else {
    process.stdout.write(`Saved ${ref} to ${opts.output} (${formatBytes(bytes)}).\n`);
    process.stdout.write(`On the other machine: \`envctl load ${opts.output}\`, then \`image: ${ref}\` in the spec.\n`);
  }
  return 0;
}
