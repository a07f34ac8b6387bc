// The everyday verbs' argument grammar, without an engine: logs' -f, --tail and --since, kill's signals, cp's
// endpoints, and top's table.
import { describe, expect, it } from 'vitest';
import { copyRequest, splitEndpoint } from '../../../src/cli/commands/cp.js';
import { formatTable, topJson } from '../../../src/cli/commands/top.js';
import { parseSince, parseTail } from '../../../src/cli/parse-log-options.js';
import { parseSignal } from '../../../src/cli/parse-signal.js';
import { logsFollowFlag } from '../../../src/cli/register-everyday-verbs.js';
import { usageErrorOf } from '../../support/expect-error.js';

describe('logs options', () => {
  it('-f after `logs` follows; before it, and for other commands, it names the spec file', () => {
    expect(logsFollowFlag(['logs', '-f', 'box'])).toEqual(['logs', '--follow', 'box']);
    expect(logsFollowFlag(['-f', 'x.yaml', 'logs', 'box', '-f'])).toEqual(['-f', 'x.yaml', 'logs', 'box', '--follow']);
    expect(logsFollowFlag(['--debug', 'logs', 'box', '--', '-f'])).toEqual(['--debug', 'logs', 'box', '--', '-f']);
    expect(logsFollowFlag(['plan', '-f', 'logs'])).toEqual(['plan', '-f', 'logs']);
    expect(logsFollowFlag(['logs', '-ft', 'box'])).toEqual(['logs', '--follow', '-t', 'box']);
    expect(logsFollowFlag(['logs', '-tfn', '5', 'box'])).toEqual(['logs', '-t', '--follow', '-n', '5', 'box']);
    expect(logsFollowFlag(['logs', '-nf', 'box'])).toEqual(['logs', '-nf', 'box']);
  });

  it('--tail is a line count or all; --since a duration ago, a date or Unix seconds', () => {
    expect(parseTail(undefined)).toBeNull();
    expect(parseTail('all')).toBeNull();
    expect(parseTail('20')).toBe(20);
    expect(usageErrorOf(() => parseTail('-3')).message).toContain('--tail -3');
    const now = Date.UTC(2026, 10, 30, 6, 0, 0);
    expect(parseSince('10m', now)).toBe(now / 1000 - 600);
    expect(parseSince('1h30m', now)).toBe(now / 1000 - 5400);
    expect(parseSince('2026-11-30T05:00:00Z', now)).toBe(Date.UTC(2026, 10, 30, 5) / 1000);
    expect(parseSince('1764478800', now)).toBe(1764478800);
    expect(parseSince(undefined, now)).toBeNull();
    expect(usageErrorOf(() => parseSince('yesterday-ish', now)).hint).toContain('--since 10m');
  });
});

describe('kill signals', () => {
  it('takes names with or without SIG, any case, numbers and real-time signals; refuses the rest', () => {
    expect(parseSignal('HUP')).toBe('HUP');
    expect(parseSignal('sighup')).toBe('HUP');
    expect(parseSignal('usr1')).toBe('USR1');
    expect(parseSignal('15')).toBe('15');
    expect(parseSignal('SIGRTMIN+3')).toBe('SIGRTMIN+3');
    for (const bad of ['NOPE', '0', '65', '', 'SIG']) expect(usageErrorOf(() => parseSignal(bad)).message).toContain('not a signal');
  });
});

describe('cp endpoints', () => {
  it('ENV:PATH is an environment; ./a:b and /tmp/a:b are local', () => {
    expect(splitEndpoint('box:/etc/motd')).toEqual({ env: 'box', path: '/etc/motd' });
    expect(splitEndpoint('./a:b')).toBeNull();
    expect(splitEndpoint('/tmp/a:b')).toBeNull();
    expect(copyRequest('box:/etc', 'out', false)).toEqual({ direction: 'from', env: 'box', containerPath: '/etc', local: 'out', followLink: false });
    expect(copyRequest('-', 'box:/tmp', true)).toEqual({ direction: 'to', env: 'box', containerPath: '/tmp', local: null, followLink: true });
  });

  it('refuses two environments, none, and an environment without a path', () => {
    expect(usageErrorOf(() => copyRequest('a:/x', 'b:/y', false)).message).toContain('not between two');
    expect(usageErrorOf(() => copyRequest('x', 'y', false)).message).toContain('ENV:PATH');
    expect(usageErrorOf(() => copyRequest('box:', 'y', false)).message).toContain('box: names no path');
  });
});

describe('top output', () => {
  const titles = ['UID', 'PID', 'CMD'];
  const rows = [
    ['root', '4242', 'sh -c sleep'],
    ['nobody', '7', 'x'],
  ];
  it('pads every column but the last', () => {
    expect(formatTable(titles, rows)).toBe('UID     PID   CMD\nroot    4242  sh -c sleep\nnobody  7     x\n');
  });
  it('--json has ok and each process keyed by column', () => {
    expect(topJson({ env: 'box', container: 'p-box', host: null, titles, processes: rows })).toEqual({
      ok: true,
      env: 'box',
      container: 'p-box',
      host: null,
      titles,
      processes: [
        { UID: 'root', PID: '4242', CMD: 'sh -c sleep' },
        { UID: 'nobody', PID: '7', CMD: 'x' },
      ],
    });
  });
});
