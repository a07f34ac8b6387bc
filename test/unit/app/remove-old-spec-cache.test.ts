// envctl no longer caches specs: the files the old cache wrote (environment values in clear) are removed, nothing else.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { removeOldSpecCache } from '../../../src/app/remove-old-spec-cache.js';

let root = '';
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('the old spec cache folder', () => {
  it('loses the files the old cache wrote, and the folder once it is empty', () => {
    root = mkdtempSync(join(tmpdir(), 'envctl-old-cache-'));
    const dir = join(root, 'cache', 'envctl', 'specs');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, `${'a'.repeat(28)}.json`), '{"state":{"environment":{"TOKEN":"secret"}}}');
    writeFileSync(join(dir, `${'b'.repeat(28)}.json.tmp-123`), '{}');
    removeOldSpecCache({ XDG_CACHE_HOME: join(root, 'cache') }, root);
    expect(existsSync(dir)).toBe(false);
    expect(existsSync(join(root, 'cache', 'envctl'))).toBe(true);
  });

  it('keeps anything else in it (other names, links), and the folder with them; ~/.cache without XDG_CACHE_HOME', () => {
    root = mkdtempSync(join(tmpdir(), 'envctl-old-cache-'));
    const dir = join(root, '.cache', 'envctl', 'specs');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, `${'c'.repeat(28)}.json`), '{}');
    writeFileSync(join(dir, 'notes.txt'), 'mine');
    writeFileSync(join(root, 'target'), 'not envctl’s');
    symlinkSync(join(root, 'target'), join(dir, `${'d'.repeat(28)}.json`));
    removeOldSpecCache({}, root);
    expect(readdirSync(dir).sort()).toEqual([`${'d'.repeat(28)}.json`, 'notes.txt']);
    expect(existsSync(join(root, 'target'))).toBe(true);
  });

  it('costs nothing when there is no such folder', () => {
    root = mkdtempSync(join(tmpdir(), 'envctl-old-cache-'));
    expect(() => removeOldSpecCache({ XDG_CACHE_HOME: join(root, 'nothing') }, root)).not.toThrow();
  });
});
