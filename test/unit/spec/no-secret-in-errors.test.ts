// Spec errors never quote what may be a secret: a file passed with -f that is no spec (.env, a private key,
// /proc/self/environ), lines of .env and env_file, environment values, build args, values that came from variables.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { EnvctlError, SpecError, formatSpecIssue } from '../../../src/errors/envctl-error.js';
import { loadSpec, type LoadOptions } from '../../../src/spec/load-spec.js';
import { problems, writeSpecFile } from './write-spec-file.js';
import { rejectionOf } from '../../support/expect-error.js';

const SECRET = 'hunter2-s3cr3t';

/** Every line a user would see (messages and hints), which must name the problem but not the secret. */
async function shown(file: string, options: LoadOptions = {}): Promise<string[]> {
  const error = await rejectionOf(loadSpec(file, { environ: {}, displayPath: 'envctl.yaml', homeDir: '/home/tester', ...options }), EnvctlError);
  return error instanceof SpecError ? error.issues.map(formatSpecIssue) : [`${error.message} ${error.hint ?? ''}`];
}

function specFileWith(content: string): string {
  const { dir } = writeSpecFile('');
  const file = join(dir, 'not-a-spec');
  writeFileSync(file, content);
  return file;
}

describe('a file that is no spec, passed with -f', () => {
  test.each([
    ['a .env file', `TOKEN=${SECRET}\nOTHER=x\n`],
    ['a private key', `-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1r${SECRET}ZXktdjEAAAAABG5vbmU\n-----END OPENSSH PRIVATE KEY-----\n`],
    ['an environment block with NUL separators (/proc/self/environ)', `SHELL=/bin/bash\0TOKEN=${SECRET}\0HOME=/root\0`],
    ['a single long line', `${SECRET}`.repeat(20)],
    ['a YAML list', `- ${SECRET}\n`],
  ])('%s: "the spec must be a map", the content not quoted', async (_, content) => {
    const lines = await shown(specFileWith(content));
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) {
      expect(line).toMatch(/^envctl\.yaml:\d+:\d+: /);
      expect(line).not.toContain(SECRET);
    }
  });

  test('the real /proc/self/environ (this process’s variables) is not printed', async () => {
    const lines = await shown('/proc/self/environ', { environ: { TOKEN: SECRET } });
    expect(lines.join('\n')).not.toMatch(/PATH=|HOME=/);
  });
});

describe('inside a spec', () => {
  test('lines of .env and env_file are reported by number, not quoted', async () => {
    const { file } = writeSpecFile('version: 1\nenvironments:\n  box: { image: busybox, env_file: box.env }\n', {
      '.env': `# ok\n${SECRET}\n`,
      'box.env': `A=1\n  ${SECRET}  \nB="${SECRET}\n`,
    });
    const lines = await shown(file);
    expect(lines).toEqual([
      '.env:2:1: this line has no "=" (expected KEY=value)',
      'envctl.yaml:3:36: env_file "box.env" line 2: this line has no "=" (expected KEY=value)',
      'envctl.yaml:3:36: env_file "box.env" line 3: the value of `B` has an unterminated quote',
    ]);
  });

  test('environment values and build args in a wrong shape are described, not quoted', async () => {
    const found = await problems(
      [
        'version: 1',
        'defaults:',
        `  environment: "TOKEN=${SECRET}"`,
        'environments:',
        '  box:',
        '    image: busybox',
        `    environment: ["=${SECRET}"]`,
        `    build: { context: ., args: "KEY=${SECRET}" }`,
      ].join('\n'),
    );
    expect(found.length).toBeGreaterThanOrEqual(2);
    for (const line of found) expect(line).not.toContain(SECRET);
    expect(found).toContain('envctl.yaml:3:16: `environment` must be a map {KEY: value} or a list of "KEY=value" strings, found a string');
  });

  test('a value that came from a variable (or .env) is not quoted where it does not fit', async () => {
    const found = await problems('version: 1\nenvironments:\n  box:\n    image: busybox\n    restart: ${MODE}\n    tty: "${TTY}"\n', {
      environ: { MODE: SECRET, TTY: SECRET },
    });
    expect(found).toHaveLength(2);
    for (const line of found) expect(line).not.toContain(SECRET);
    expect(found[1]).toBe('envctl.yaml:6:10: `tty` must be true or false, found a string');
  });

  test('an unterminated ${ in a value is located, the value not quoted', async () => {
    const found = await problems(`version: 1\nenvironments:\n  box:\n    image: busybox\n    environment: { TOKEN: "${SECRET}\${oops" }\n`);
    expect(found).toEqual(['envctl.yaml:5:27: unterminated `${` (a literal $ is written $$)']);
  });

  test('short values of ordinary fields are still quoted: they are what the user typed', async () => {
    expect(await problems('version: 1\nenvironments:\n  box:\n    image: busybox\n    tty: "yes"\n')).toEqual([
      'envctl.yaml:5:10: `tty` must be true or false, found the string "yes"',
    ]);
  });
});

describe('what a message quotes reaches the terminal short and inert', () => {
  test('a 70 kB value is cut; an escape sequence, a NUL or a bidi override is shown escaped', async () => {
    const found = await problems(
      `version: 1\nenvironments:\n  box:\n    image: busybox\n    dns: ["${'x'.repeat(70_000)}", "\\e]0;pwned\\a", "a\\0b", "\u202eevil"]\n`,
    );
    expect(found).toEqual([
      `envctl.yaml:5:11: dns server "${'x'.repeat(40)}…" (70000 characters) is not an IP address`,
      'envctl.yaml:5:70015: dns server "\\u001b]0;pwned\\u0007" is not an IP address',
      'envctl.yaml:5:70031: dns server "a\\u0000b" is not an IP address',
      'envctl.yaml:5:70039: dns server "\\u{202e}evil" is not an IP address',
    ]);
  });
});
