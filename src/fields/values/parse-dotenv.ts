// Reads KEY=value files (.env next to the spec, env_file): # comments, `export ` prefix, single/double quoted values.
// `expand` (for .env) substitutes variables in unquoted and double-quoted values; single-quoted ones stay literal.

export interface DotenvResult {
  values: Record<string, string>;
  /** Problems with their 1-based line numbers. */
  errors: { line: number; message: string }[];
}

const KEY = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

/** Substitutes variables in one value (`values` holds the lines before it); a string is the problem with it. */
export type DotenvExpand = (raw: string, values: Readonly<Record<string, string>>, line: number) => { value: string } | { problem: string };

export function parseDotenv(text: string, expand?: DotenvExpand): DotenvResult {
  const values: Record<string, string> = {};
  const errors: DotenvResult['errors'] = [];
  const lines = text.split(/\r?\n/);
  lines.forEach((raw, index) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const body = line.startsWith('export ') ? line.slice('export '.length).trimStart() : line;
    const eq = body.indexOf('=');
    // A line without "=" may be a bare secret (a key file given by mistake): it is never quoted, only its number is.
    if (eq === -1) {
      errors.push({ line: index + 1, message: 'this line has no "=" (expected KEY=value)' });
      return;
    }
    const key = body.slice(0, eq).trim();
    if (!KEY.test(key)) {
      errors.push({ line: index + 1, message: `\`${key}\` is not a variable name` });
      return;
    }
    const text = body.slice(eq + 1).trim();
    let parsed = parseValue(text);
    if (parsed !== null && expand !== undefined && !text.startsWith("'")) {
      const expanded = expand(parsed, values, index + 1);
      if ('problem' in expanded) {
        errors.push({ line: index + 1, message: `the value of \`${key}\`: ${expanded.problem}` });
        return;
      }
      parsed = expanded.value;
    }
    if (parsed === null) {
      errors.push({ line: index + 1, message: `the value of \`${key}\` has an unterminated quote` });
      return;
    }
    if (parsed.includes('\0')) {
      // Never quote the value: it may be a secret.
      errors.push({ line: index + 1, message: `the value of \`${key}\` contains a NUL byte, which no process environment can hold` });
      return;
    }
    values[key] = parsed;
  });
  return { values, errors };
}

function parseValue(value: string): string | null {
  const quote = value[0];
  if (quote === '"' || quote === "'") {
    const end = value.indexOf(quote, 1);
    if (end === -1) return null;
    const inner = value.slice(1, end);
    // Double quotes get the usual escapes; single quotes are literal, as in a shell.
    return quote === '"' ? inner.replace(/\\([nrt"\\])/g, (_, c: string) => ({ n: '\n', r: '\r', t: '\t' })[c] ?? c) : inner;
  }
  // An unquoted value ends at an inline comment (" #"), as in Compose and most dotenv readers.
  const hash = value.search(/\s#/);
  return (hash === -1 ? value : value.slice(0, hash)).trim();
}
