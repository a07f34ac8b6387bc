// The prefix of every label key envctl writes (dev.envctl.project, …): a spec may not use it, and observe leaves keys
// under it out of the labels it reads back as the user's own.
export const LABEL_PREFIX = 'dev.envctl.';

export function isEnvctlLabel(key: string): boolean {
  return key.startsWith(LABEL_PREFIX);
}
