// Turns `command:` / `entrypoint:` into an argv: a string is split like a shell (no expansion), a list is kept.
import { parse } from 'shell-quote';
import { fail, ok, type Parsed } from './parse-result.js';

export function parseCommand(value: string | string[] | null | undefined): Parsed<string[] | null> {
  if (value === undefined || value === null) return ok(null);
  if (Array.isArray(value)) return ok([...value]);
  // Keep $VAR literal: interpolation already happened on the YAML, and the container's shell may want the rest.
  const tokens = parse(value, (name) => `$${name}`);
  const argv: string[] = [];
  for (const token of tokens) {
    if (typeof token === 'string') argv.push(token);
    else if ('comment' in token) continue;
    else if (token.op === 'glob') argv.push(token.pattern);
    else {
      return fail(
        `shell operator \`${token.op}\` in "${value}" would not run in a shell`,
        `write a list, e.g. ["sh", "-c", ${JSON.stringify(value)}]`,
      );
    }
  }
  return ok(argv);
}
