// Which image defaults a container took over because its spec left the field out, so observe can take them back out.

/**
 * Recorded at create time in the `dev.envctl.inherited` label. A container's config never changes after create
 * (docker update touches only resources), so keys and flags are enough: no image values are copied into a label.
 */
export interface InheritedDefaults {
  /** Image env keys the spec does not set. */
  env?: string[];
  /** Image label keys the spec does not set. */
  labels?: string[];
  /** Image VOLUME paths no spec mount covers (the engine adds anonymous volumes for them). */
  volumes?: string[];
  /** The image's CMD was taken over. */
  cmd?: true;
  entrypoint?: true;
  workingDir?: true;
  user?: true;
  /** The spec left hostname out, so the engine chose one (the id prefix, or the host's name with network host). */
  hostname?: true;
  /** The image's STOPSIGNAL was taken over. */
  stopSignal?: true;
  /** Image EXPOSE keys the spec neither exposes nor publishes. */
  expose?: string[];
  /** Health check parts taken from the image: 'all' (the spec has none) or the sub-fields the spec left zero. */
  healthcheck?: HealthcheckPart[];
}

export type HealthcheckPart = 'all' | 'test' | 'interval' | 'timeout' | 'startPeriod' | 'retries';
