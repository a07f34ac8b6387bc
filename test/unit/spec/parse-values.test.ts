// Small value parsers: sizes, restart policies, commands, image references, env files.
import { describe, expect, test } from 'vitest';
import { parseCommand } from '../../../src/fields/values/parse-command.js';
import { parseDotenv } from '../../../src/fields/values/parse-dotenv.js';
import { parseImage } from '../../../src/fields/values/parse-image.js';
import { parseRestart } from '../../../src/fields/values/parse-restart.js';
import { parseSize } from '../../../src/fields/values/parse-size.js';

describe('sizes, like docker --shm-size (1024-based)', () => {
  test.each([
    [1048576, 1048576],
    ['0', 0],
    ['100b', 100],
    ['64k', 64 * 1024],
    ['64kb', 64 * 1024],
    ['512m', 512 * 1024 ** 2],
    ['512MB', 512 * 1024 ** 2],
    ['32g', 32 * 1024 ** 3],
    ['32gb', 32 * 1024 ** 3],
    ['1.5g', 1.5 * 1024 ** 3],
    ['2GiB', 2 * 1024 ** 3],
    ['1t', 1024 ** 4],
  ])('%j is %d bytes', (value, bytes) => {
    expect(parseSize(value)).toEqual({ ok: true, value: bytes });
  });

  test.each(['lots', '12q', '-1m', '1 g b', ''])('%j is not a size', (value) => {
    expect(parseSize(value)).toMatchObject({ ok: false, message: `"${value}" is not a size` });
  });
});

describe('restart policies', () => {
  test.each([
    ['no', { name: 'no', maxRetries: 0 }],
    ['always', { name: 'always', maxRetries: 0 }],
    ['unless-stopped', { name: 'unless-stopped', maxRetries: 0 }],
    ['on-failure', { name: 'on-failure', maxRetries: 0 }],
    ['on-failure:5', { name: 'on-failure', maxRetries: 5 }],
  ])('%s', (text, policy) => {
    expect(parseRestart(text)).toEqual({ ok: true, value: policy });
  });
  test('a retry count only goes with on-failure', () => {
    expect(parseRestart('always:3')).toMatchObject({ ok: false });
  });
});

describe('command and entrypoint', () => {
  test('a string is split like a shell, without expanding anything', () => {
    expect(parseCommand(`python train.py --name "my run" --glob *.pt --home $HOME`)).toEqual({
      ok: true,
      value: ['python', 'train.py', '--name', 'my run', '--glob', '*.pt', '--home', '$HOME'],
    });
  });
  test('a list is kept as is, [] stays [], omitted is null', () => {
    expect(parseCommand(['sleep', 'infinity'])).toEqual({ ok: true, value: ['sleep', 'infinity'] });
    expect(parseCommand([])).toEqual({ ok: true, value: [] });
    expect(parseCommand(undefined)).toEqual({ ok: true, value: null });
    expect(parseCommand(null)).toEqual({ ok: true, value: null });
  });
  test('shell operators are refused with a hint to use sh -c', () => {
    expect(parseCommand('make && make test')).toEqual({
      ok: false,
      message: 'shell operator `&&` in "make && make test" would not run in a shell',
      hint: 'write a list, e.g. ["sh", "-c", "make && make test"]',
    });
    expect(parseCommand('cat log | grep x')).toMatchObject({ ok: false });
  });
});

describe('image references get a tag so they compare', () => {
  test.each([
    ['ubuntu', 'ubuntu:latest'],
    ['ubuntu:24.04', 'ubuntu:24.04'],
    ['pytorch/pytorch', 'pytorch/pytorch:latest'],
    ['registry.local:5000/team/app', 'registry.local:5000/team/app:latest'],
    ['registry.local:5000/team/app:1.2', 'registry.local:5000/team/app:1.2'],
    [`alpine@sha256:${'ab12'.repeat(16)}`, `alpine@sha256:${'ab12'.repeat(16)}`],
  ])('%s → %s', (ref, canonical) => {
    expect(parseImage(ref)).toEqual({ ok: true, value: canonical });
  });
  test('an empty image is an error', () => {
    expect(parseImage('')).toMatchObject({ ok: false });
  });
});

describe('env files', () => {
  test('K=V lines, comments, export, quotes', () => {
    const text = ['# settings', '', 'A=1', 'export B=two words', 'C="quoted # not a comment"', "D='single $x'", 'E=value # comment', 'F=', 'G="line\\nbreak"'].join('\n');
    expect(parseDotenv(text)).toEqual({
      values: { A: '1', B: 'two words', C: 'quoted # not a comment', D: 'single $x', E: 'value', F: '', G: 'line\nbreak' },
      errors: [],
    });
  });
  test('broken lines are reported by line number', () => {
    expect(parseDotenv('OK=1\nJUSTNAME\nX="open\n').errors).toEqual([
      { line: 2, message: 'this line has no "=" (expected KEY=value)' },
      { line: 3, message: 'the value of `X` has an unterminated quote' },
    ]);
  });
});
