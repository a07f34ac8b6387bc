// A shared server's policy as envctl enforces it: the rules of each file read, each with where it was written.
import type { HazardKind, Quantity } from '../../fields/field-policy.js';

/** A rule's value and where it was written ("/etc/envctl/policy.yaml:4"), for messages and `envctl policy show`. */
export interface Ruled<T> {
  value: T;
  at: string;
}

/** One policy file's rules. Every rule of every file applies, so a second file can only narrow the first. */
export interface PolicyLayer {
  file: string;
  role: 'admin' | 'user';
  bindMountRoots?: Ruled<string[]>;
  max: Partial<Record<Quantity, Ruled<number>>>;
  portsHostIp?: Ruled<string>;
  forbiddenFields?: Ruled<string[]>;
  images?: Ruled<string[]>;
  allowDangerous?: Ruled<HazardKind[]>;
}

export interface EffectivePolicy {
  layers: PolicyLayer[];
  /** Dangerous kinds a policy allows without --allow-dangerous: the admin's, narrowed by the user's (see merge). */
  allowed: Ruled<HazardKind[]> | null;
}
