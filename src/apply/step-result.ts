// What running one step of the plan produced: its status, its error for a person, and what it made for later steps.
import type { ErrorSummary } from './describe-error.js';

/** Handed from a step to the steps that use it (a recreate's new container), and to the action's result. */
export interface StepOutput {
  /** The container the step made or acted on. */
  containerId?: string;
  /** create-new: the temporary name the new container has until rename-new. */
  containerName?: string;
  /** create-new: the image has no sshd, so start-new installs it. */
  sshdMissing?: boolean;
}

export interface StepResult {
  id: string;
  /** rolled-back: interrupted, and the step's own work was undone (its error says what is left). */
  status: 'done' | 'failed' | 'skipped' | 'rolled-back';
  /** Why it failed, or for `skipped` the failure it waited for (code 'skipped') or that the run was interrupted. */
  error?: ErrorSummary;
  /** performance.now() at its start and end; absent for a step that never started. */
  startedAt?: number;
  endedAt?: number;
  output?: StepOutput;
}
