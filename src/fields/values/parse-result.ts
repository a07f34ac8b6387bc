// The result of parsing one spec value: the canonical value, or a message (and hint) for a SpecIssue at that value.
export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string; hint?: string };

export const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });

export const fail = <T = never>(message: string, hint?: string): Parsed<T> =>
  hint === undefined ? { ok: false, message } : { ok: false, message, hint };
