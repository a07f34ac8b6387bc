// Where an environment's image comes from: `pull_policy` and `build:`. Kept beside CanonicalEnv, not in it: it is not
// container config (the engine cannot say how an image was obtained), so observe and the round trip never see it.
import { LABEL_PREFIX } from '../base/label-prefix.js';

export type PullPolicy = 'missing' | 'always' | 'never' | 'build';

export interface BuildSpec {
  /** Absolute path of the build context folder. */
  context: string;
  /** Dockerfile path relative to the context (default "Dockerfile"). */
  dockerfile: string;
  /** Build arguments, sorted by name. */
  args: Record<string, string>;
  /** Stage to stop at; null = the last. */
  target: string | null;
  /** `max_context`: a bigger context (after .dockerignore) stops plan and apply before anything is sent. */
  maxContextBytes: number;
}

/** 2 GiB: far above a typical source tree, well below "the datasets folder is in the context". */
export const DEFAULT_MAX_CONTEXT_BYTES = 2 * 1024 ** 3;

export interface ImageSource {
  /** missing: pull when not present (the default); always: keep up with the registry; never: must be present; build. */
  pullPolicy: PullPolicy;
  /** Set when the image is built from a context (pullPolicy is then 'build'). */
  build: BuildSpec | null;
}

export const DEFAULT_IMAGE_SOURCE: ImageSource = { pullPolicy: 'missing', build: null };

/** Labels envctl puts on an image it builds: the project, the env, and the hash of what it was built from. */
export const BUILD_HASH_LABEL = `${LABEL_PREFIX}build-hash`;
