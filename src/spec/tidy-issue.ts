// Spec issues quote what the user wrote; what reaches the terminal is short and inert: a quoted value longer than a
// line is cut (and so is any other run of 120 characters without a space, such as a path built from a value), and
// control and bidirectional-override characters (an escape sequence, a NUL) are shown as \u{…}.
import type { SpecIssue } from '../errors/envctl-error.js';

const MAX_QUOTED = 60;
const QUOTED = /"([^"\n]{61,})"|`([^`\n]{61,})`/g;
const LONG_WORD = /[^\s"`]{121,}/g;
// C0, DEL, C1, line/paragraph separators, bidi embeddings/overrides/isolates, zero-width and BOM.
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069\u200b-\u200f\ufeff]/gu;

function tidyText(text: string): string {
  const short = text.replace(QUOTED, (_whole, dq: string | undefined, bt: string | undefined) => {
    const inner = dq ?? bt ?? '';
    const mark = dq === undefined ? '`' : '"';
    return `${mark}${[...inner].slice(0, MAX_QUOTED - 20).join('')}…${mark} (${inner.length} characters)`;
  });
  const shorter = short.replace(LONG_WORD, (word) => `${[...word].slice(0, 60).join('')}…`);
  return shorter.replace(INVISIBLE, (c) => `\\u{${c.codePointAt(0)!.toString(16)}}`);
}

export function tidyIssue(issue: SpecIssue): SpecIssue {
  return issue.hint === undefined ? { ...issue, message: tidyText(issue.message) } : { ...issue, message: tidyText(issue.message), hint: tidyText(issue.hint) };
}
