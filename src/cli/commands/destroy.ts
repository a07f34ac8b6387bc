// `envctl destroy`: remove the project's containers (named volumes kept unless --volumes), on every engine of the spec.
import { loadSpecFor } from '../load-spec-for.js';
import { partsOf } from '../../app/engine-parts.js';
import { runDestroy } from '../../app/run-destroy.js';
import { removeBuiltImages, type RemovedImages } from '../../app/remove-built-images.js';
import { formatBytes } from '../format-bytes.js';
import { connectTo } from '../../engine/connect-engine.js';
import { cliLockOptions } from '../lock-options.js';
import { pickRenderer, terminalConfirm, type GlobalOptions } from '../output.js';
import { runOnEngines } from '../run-on-engines.js';

export async function runDestroyCommand(
  g: GlobalOptions,
  opts: { yes: boolean; volumes: boolean; images?: boolean; project?: string; discardChanges?: boolean; json: boolean; lockTimeout?: string },
): Promise<number> {
  // With --project there is no spec, so no on_recreate/ignore_changes: work in a container is then refused by default.
  // Nor any hosts: then it is the default engine (DOCKER_HOST) alone.
  const desired = opts.project === undefined ? await loadSpecFor(g) : null;
  const project = opts.project ?? desired!.project;
  const parts = partsOf(desired, project);
  const code = await runOnEngines(parts, { json: opts.json, color: g.color, debug: g.debug, signal: g.signal, verb: 'Destroy' }, async (part, show) => {
    const outcome = await runDestroy(() => connectTo(part.dockerHost), {
      project,
      discardChanges: opts.discardChanges ?? false,
      ...(desired?.policies ? { policies: desired.policies } : {}),
      volumes: opts.volumes,
      lock: cliLockOptions('destroy', opts.lockTimeout),
      yes: opts.yes,
      confirm: opts.json ? null : terminalConfirm(g),
      signal: g.signal,
      renderer: pickRenderer(opts.json),
      show,
    });
    if (opts.images && (outcome.result?.ok ?? true) && !g.signal.aborted) {
      outcome.images = await removeBuiltImages(connectTo(part.dockerHost), project);
      if (!opts.json) process.stdout.write(formatRemovedImages(outcome.images));
    }
    return outcome;
  });
  if (!opts.json && !opts.volumes) process.stdout.write('Volumes were kept, named and anonymous (use --volumes to remove them too).\n');
  return code;
}

function formatRemovedImages(images: RemovedImages): string {
  const lines = images.removed.map((i) => `Removed image ${i.image} (${formatBytes(i.bytes)})`);
  for (const k of images.kept) lines.push(`Kept image ${k.image}: ${k.reason}`);
  if (lines.length === 0) lines.push('No images built for the project.');
  else if (images.removed.length > 0) lines.push(`Freed ${formatBytes(images.freedBytes)} of built images.`);
  return `${lines.join('\n')}\n`;
}
