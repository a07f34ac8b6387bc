// Image references as envctl compares them: a tag is always present unless the reference is pinned by digest.

/** 'busybox' → 'busybox:latest'; 'host:5000/repo' → 'host:5000/repo:latest'; digests and image ids unchanged. */
export function withDefaultTag(ref: string): string {
  if (ref.includes('@') || /^sha256:[0-9a-f]+$/.test(ref)) return ref;
  // A colon before the last slash is a registry port, not a tag.
  const lastPart = ref.slice(ref.lastIndexOf('/') + 1);
  return lastPart.includes(':') ? ref : `${ref}:latest`;
}
