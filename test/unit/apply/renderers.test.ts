// What a person or a log sees during apply: --json (silent) prints nothing; plain mode prints lines without escape codes.
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { EnvctlError } from '../../../src/errors/envctl-error.js';
import type { executePlan as ExecutePlan } from '../../../src/apply/execute-plan.js';
import { FakeEngine } from '../support/fake-engine.js';
import { create, IMAGE, makeEnv, makePlan, pull } from './plan-builders.js';

// listr2 decides once, when it is loaded, whether to colour (FORCE_COLOR is common in CI). Forcing colour before the
// first load makes this test prove the plain renderer strips escapes, rather than pass because colour was off anyway.
let executePlan: typeof ExecutePlan;
let colourOn = false;
beforeAll(async () => {
  vi.stubEnv('FORCE_COLOR', '1');
  ({ executePlan } = await import('../../../src/apply/execute-plan.js'));
  const { color } = await import('listr2');
  colourOn = color.red('x') !== 'x';
  vi.unstubAllEnvs();
});

interface Captured {
  stdout: string;
  stderr: string;
}

async function capture(run: () => Promise<unknown>): Promise<Captured> {
  const out: Captured = { stdout: '', stderr: '' };
  const grab = (key: keyof Captured) => (chunk: string | Uint8Array): boolean => {
    out[key] += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    return true;
  };
  const stdout = vi.spyOn(process.stdout, 'write').mockImplementation(grab('stdout') as typeof process.stdout.write);
  const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(grab('stderr') as typeof process.stderr.write);
  try {
    await run();
  } finally {
    stdout.mockRestore();
    stderr.mockRestore();
  }
  return out;
}

function planWithOneFailure() {
  const fake = new FakeEngine();
  fake.addImage(IMAGE);
  fake.failOn('createContainer', new EnvctlError('engine', 'invalid ipc mode', { hint: 'use private, shareable or host' }), {
    when: (name) => name === 'lab-b',
  });
  const plan = makePlan([pull(IMAGE), create(makeEnv('a'), [`pull image:${IMAGE}`]), create(makeEnv('b'))]);
  return { fake, plan };
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('apply output', () => {
  it('silent (--json) writes nothing at all, even when an action fails', async () => {
    const { fake, plan } = planWithOneFailure();
    let ok: boolean | undefined;
    const out = await capture(async () => {
      ok = (await executePlan(plan, fake, { renderer: 'silent' })).ok;
    });
    expect(ok).toBe(false);
    expect(out).toEqual({ stdout: '', stderr: '' });
  });

  it('simple prints one plain line per step, with the cause and hint of a failure, and no escape codes', async () => {
    const { fake, plan } = planWithOneFailure();
    const out = await capture(() => executePlan(plan, fake, { renderer: 'simple' }));
    const all = out.stdout + out.stderr;

    expect(colourOn, 'listr2 was loaded before FORCE_COLOR was set, so this test would prove nothing').toBe(true);
    expect(all).not.toMatch(/\x1b/);
    expect(out.stdout).toContain(`pull image:${IMAGE} (test)`);
    // Progress lines of parallel tasks interleave in a log, so each names its resource.
    expect(out.stdout).toContain(`image:${IMAGE}: Status: Downloaded newer image for ${IMAGE}`);
    expect(out.stdout).toContain('create env:a (test)');
    // Failures go to stderr, as one line a person can act on.
    expect(out.stderr).toContain('create env:b (test)');
    expect(out.stderr).toContain('could not create container lab-b: invalid ipc mode (use private, shareable or host)');
    expect(all).not.toMatch(/\n\s+at /);
  });

  it('simple names the failed dependency on a skipped line', async () => {
    const fake = new FakeEngine();
    fake.failOn('pullImage', new EnvctlError('engine', 'registry unreachable'));
    const plan = makePlan([pull(IMAGE), create(makeEnv('a'), [`pull image:${IMAGE}`])]);

    const out = await capture(() => executePlan(plan, fake, { renderer: 'simple' }));

    expect(out.stderr).toContain(`create env:a (test) [SKIPPED: pull image:${IMAGE} failed]`);
    expect(out.stdout + out.stderr).not.toMatch(/\x1b/);
  });

  it('default falls back to plain lines when stdout is not a terminal (pipes, CI)', async () => {
    const { fake, plan } = planWithOneFailure();
    const wasTTY = process.stdout.isTTY;
    process.stdout.isTTY = false;
    try {
      const out = await capture(() => executePlan(plan, fake, { renderer: 'default' }));
      expect(out.stdout).toContain('create env:a (test)');
      expect(out.stderr).toContain('could not create container lab-b: invalid ipc mode');
      expect(out.stdout + out.stderr).not.toMatch(/\x1b/);
    } finally {
      process.stdout.isTTY = wasTTY;
    }
  });
});
