// The one error shape envctl shows users: a code, a sentence for a person, and where known a hint.

export type ErrorCode =
  | 'spec-invalid'
  | 'spec-not-found'
  | 'usage'
  | 'engine-unreachable'
  | 'engine-timeout'
  | 'engine'
  | 'not-found'
  | 'conflict'
  | 'port-taken'
  | 'plan-stale'
  | 'confirmation-required'
  | 'declined'
  | 'apply-failed'
  | 'changes-at-risk'
  | 'locked'
  | 'no-gpu-runtime'
  | 'image-unavailable'
  | 'build-failed'
  | 'file-unreadable'
  | 'build-context-too-large'
  | 'lock-held'
  | 'not-swarm-manager'
  | 'service-changed'
  | 'interrupted'
  | 'terminated'
  | 'output-closed'
  | 'internal';

/** Exit codes per error code; the README documents this table. */
export const EXIT_CODES: Record<ErrorCode, number> = {
  'spec-invalid': 1,
  'spec-not-found': 1,
  'engine-unreachable': 1,
  'engine-timeout': 1,
  engine: 1,
  'not-found': 1,
  'port-taken': 1,
  'apply-failed': 1,
  'build-failed': 1,
  'file-unreadable': 1,
  internal: 1,
  usage: 64,
  conflict: 4,
  'plan-stale': 5,
  'confirmation-required': 6,
  declined: 6,
  'changes-at-risk': 7,
  locked: 8,
  'no-gpu-runtime': 9,
  'image-unavailable': 10,
  'build-context-too-large': 11,
  'lock-held': 12,
  // A spec with services (deploy:) on an engine that is not a swarm manager.
  'not-swarm-manager': 14,
  // A service changed on the engine between observe and update (its version index moved).
  'service-changed': 15,
  // What a shell reports for a process ended by SIGINT (128 + 2) and SIGTERM (128 + 15).
  interrupted: 130,
  terminated: 143,
  // SIGPIPE (128 + 13): the reader of envctl's output went away.
  'output-closed': 141,
};

export class EnvctlError extends Error {
  readonly code: ErrorCode;
  readonly hint?: string;
  /** What envctl was doing when the engine refused (the message starts with it), so a caller with a better
   *  description of the step can say it once instead of twice. */
  context?: string;
  constructor(code: ErrorCode, message: string, options: { hint?: string; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'EnvctlError';
    this.code = code;
    if (options.hint !== undefined) this.hint = options.hint;
  }
}

/** One problem in a spec file, located by its data path and source position. */
export interface SpecIssue {
  file: string;
  /** JSON-pointer-like path into the document, e.g. ['environments', 'box', 'shm_size']. */
  path: (string | number)[];
  line: number;
  col: number;
  message: string;
  hint?: string;
}

export class SpecError extends EnvctlError {
  readonly issues: SpecIssue[];
  constructor(issues: SpecIssue[]) {
    const first = issues[0];
    super(
      'spec-invalid',
      issues.length === 1 && first ? `${first.file}:${first.line}:${first.col}: ${first.message}` : `${issues.length} problems in the spec`,
    );
    this.name = 'SpecError';
    this.issues = issues;
  }
}

export function formatSpecIssue(issue: SpecIssue): string {
  const where = `${issue.file}:${issue.line}:${issue.col}`;
  return issue.hint ? `${where}: ${issue.message} (${issue.hint})` : `${where}: ${issue.message}`;
}
