// Every mount form (bind, named volume, tmpfs, long form) and the messages for bad ones.
import { describe, expect, test } from 'vitest';
import { parseVolume } from '../../../src/fields/values/parse-volume.js';

const ctx = { specDir: '/srv/lab', homeDir: '/home/alice' };

describe('every mount form', () => {
  test.each([
    ['/data/coco:/data:ro', { type: 'bind', source: '/data/coco', target: '/data', readOnly: true }],
    ['/data/coco:/data:rw', { type: 'bind', source: '/data/coco', target: '/data', readOnly: false }],
    ['./work:/work', { type: 'bind', source: '/srv/lab/work', target: '/work', readOnly: false }],
    ['../shared:/shared', { type: 'bind', source: '/srv/shared', target: '/shared', readOnly: false }],
    ['~/.cache:/root/.cache', { type: 'bind', source: '/home/alice/.cache', target: '/root/.cache', readOnly: false }],
    ['~:/home/me', { type: 'bind', source: '/home/alice', target: '/home/me', readOnly: false }],
    ['alice-home:/root', { type: 'volume', source: 'alice-home', target: '/root', readOnly: false }],
    ['models:/models:ro', { type: 'volume', source: 'models', target: '/models', readOnly: true }],
  ] as const)('%s', (text, expected) => {
    expect(parseVolume(text, ctx)).toEqual({ ok: true, value: expected });
  });

  test('the long forms', () => {
    expect(parseVolume({ type: 'bind', source: 'data', target: '/data', read_only: true }, ctx)).toEqual({
      ok: true,
      value: { type: 'bind', source: '/srv/lab/data', target: '/data', readOnly: true },
    });
    expect(parseVolume({ type: 'volume', source: 'cache', target: '/cache' }, ctx)).toEqual({
      ok: true,
      value: { type: 'volume', source: 'cache', target: '/cache', readOnly: false },
    });
    expect(parseVolume({ type: 'tmpfs', target: '/scratch', tmpfs: { size: '1g' } }, ctx)).toEqual({
      ok: true,
      value: { type: 'tmpfs', target: '/scratch', sizeBytes: 1024 ** 3 },
    });
    expect(parseVolume({ type: 'tmpfs', target: '/tmp' }, ctx)).toEqual({ ok: true, value: { type: 'tmpfs', target: '/tmp', sizeBytes: null } });
  });

  test('an anonymous volume is rejected with a hint to name it', () => {
    expect(parseVolume('/data', ctx)).toEqual({
      ok: false,
      message: '"/data" is an anonymous volume; envctl only manages named ones',
      hint: 'name it, e.g. "data:/data"',
    });
    expect(parseVolume({ type: 'volume', target: '/data' }, ctx)).toMatchObject({ ok: false, hint: 'add `source: <name>`' });
  });

  test.each([
    ['/a:/b:z', /unknown mount mode "z"/],
    ['/a:relative', /must be an absolute path/],
    ['data/x:/x', /is not a volume name/],
    ['~bob/x:/x', /~user paths/],
    ['a:b:c:d', /expected "src:dst"/],
  ])('%s is rejected', (text, message) => {
    const result = parseVolume(text, ctx);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(message);
  });
});
