// Image references for snapshots: a repository per environment, and tags that are valid Docker tags.

/** Docker repository path components are lowercase [a-z0-9] joined by . _ -; anything else becomes '-'. */
function repoComponent(text: string): string {
  const cleaned = text
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/[._-]{2,}/g, '-')
    .replace(/^[._-]+|[._-]+$/g, '');
  return cleaned === '' ? 'env' : cleaned;
}

/** `envctl/<project>-<env>`: one repository per environment, so `docker images envctl/lab-alice` lists its snapshots. */
function snapshotRepo(project: string, envName: string): string {
  return `envctl/${repoComponent(`${project}-${envName}`)}`;
}

/**
 * The tag a recreate/remove snapshots to before it runs: named after the container it preserves, so the planner can
 * show it without a clock and a re-run after a crash writes the same tag again instead of a second image.
 */
export function preRecreateTag(project: string, envName: string, containerId: string): string {
  return `${snapshotRepo(project, envName)}:before-recreate-${containerId.slice(0, 12)}`;
}

/** `snapshot-YYYYMMDD-HHMMSS` (UTC) for `envctl snapshot` without --tag. */
export function timestampTag(project: string, envName: string, now: Date): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return `${snapshotRepo(project, envName)}:snapshot-${stamp}`;
}

/** Splits "repo:tag" (a registry port like host:5000/x has no tag after it); the tag defaults to latest. */
export function splitRef(ref: string): { repo: string; tag: string } {
  const slash = ref.lastIndexOf('/');
  const colon = ref.lastIndexOf(':');
  if (colon > slash) return { repo: ref.slice(0, colon), tag: ref.slice(colon + 1) };
  return { repo: ref, tag: 'latest' };
}
