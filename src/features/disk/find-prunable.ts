// `envctl prune`: what envctl made for a project that may go — dangling images its rebuilds left, snapshots beyond
// --keep N / older than --older-than, stopped containers of environments the spec no longer has — and what stays, why.
// Pure: from the one `/system/df` answer; nothing that is not labelled as envctl's is ever listed.
import type { DiskUsageReport, ImageUsage } from '../../engine/disk-usage.js';
import { LABEL_ENV, LABEL_PROJECT, LABEL_ROLE } from '../../engine/labels.js';
import { createdOf, projectContainers } from './summarize-disk-use.js';

export interface PruneItem {
  kind: 'orphan' | 'snapshot' | 'build';
  /** Container name, or the image's references ('<none>' when dangling). */
  what: string;
  env: string;
  /** Full id (container or image). */
  id: string;
  /** What to remove: the container id, or each reference of the image (its id when it has none). */
  targets: string[];
  /** Space it frees: the own layer, or the image's unique size. */
  bytes: number;
}

export interface PruneKept {
  kind: PruneItem['kind'];
  what: string;
  env: string;
  reason: string;
}

export interface PruneRules {
  /** Keep the N newest snapshots of each environment; undefined = no count rule. */
  keep?: number;
  /** Snapshots taken before this time may go; undefined = no age rule. */
  olderThan?: Date;
  /** The environments of the spec; null without one (`--project`): no container counts as an orphan then. */
  specEnvs: readonly string[] | null;
}

export interface PruneList {
  remove: PruneItem[];
  kept: PruneKept[];
}

const STOPPED = new Set(['exited', 'created', 'dead']);

/** An image as an item to remove: its references (or short id), what to remove it by, the space it frees. */
export function imageItem(kind: 'snapshot' | 'build', img: ImageUsage): PruneItem {
  return {
    kind,
    what: img.tags.length > 0 ? img.tags.join(', ') : `<none> (${img.id.replace(/^sha256:/, '').slice(0, 12)})`,
    env: img.labels[LABEL_ENV] ?? '',
    id: img.id,
    targets: img.tags.length > 0 ? [...img.tags] : [img.id],
    bytes: img.sizeBytes - img.sharedBytes,
  };
}

export function findPrunable(report: DiskUsageReport, project: string, rules: PruneRules): PruneList {
  const remove: PruneItem[] = [];
  const kept: PruneKept[] = [];
  const mine = (role: string): ImageUsage[] => report.images.filter((i) => i.labels[LABEL_PROJECT] === project && i.labels[LABEL_ROLE] === role);

  if (rules.specEnvs !== null) {
    const wanted = new Set(rules.specEnvs);
    for (const c of projectContainers(report, project)) {
      const env = c.labels[LABEL_ENV]!;
      if (wanted.has(env)) continue;
      if (!STOPPED.has(c.state)) {
        kept.push({ kind: 'orphan', what: c.name, env, reason: `${c.state}: \`envctl apply\` removes it, or stop it first` });
        continue;
      }
      remove.push({ kind: 'orphan', what: c.name, env, id: c.id, targets: [c.id], bytes: c.sizeRwBytes });
    }
  }

  for (const img of mine('build')) {
    if (img.tags.length > 0) continue; // in use by the spec's image reference: `destroy --images` removes it
    if (img.containers > 0) kept.push({ kind: 'build', what: imageItem('build', img).what, env: img.labels[LABEL_ENV] ?? '', reason: 'a container uses it' });
    else remove.push(imageItem('build', img));
  }

  if (rules.keep !== undefined || rules.olderThan !== undefined) {
    const byEnv = new Map<string, ImageUsage[]>();
    for (const img of mine('snapshot')) {
      const env = img.labels[LABEL_ENV] ?? '';
      byEnv.set(env, [...(byEnv.get(env) ?? []), img]);
    }
    for (const list of byEnv.values()) {
      list.sort((a, b) => (createdOf(a) < createdOf(b) ? 1 : createdOf(a) > createdOf(b) ? -1 : 0));
      list.forEach((img, index) => {
        const beyondCount = rules.keep === undefined || index >= rules.keep;
        const tooOld = rules.olderThan === undefined || new Date(createdOf(img)) < rules.olderThan;
        if (!beyondCount || !tooOld) return;
        if (img.containers > 0) kept.push({ kind: 'snapshot', what: imageItem('snapshot', img).what, env: img.labels[LABEL_ENV] ?? '', reason: 'a container uses it' });
        else remove.push(imageItem('snapshot', img));
      });
    }
  }
  return { remove, kept };
}
