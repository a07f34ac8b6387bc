// Fuzz through the real CLI: a sample of the hostile spec files of test/unit/spec/fuzz-load.test.ts (plus a FIFO,
// /dev/zero and documents far past the limits) given to `bin/envctl.js validate` and `plan`, with DOCKER_HOST at a
// loopback listener that counts connections. An invalid spec: exit 1, every problem as file:line:col, and no
// connection at all; any spec: no stack trace, no "unexpected failure", done in bounded time within 256 MB of heap.
import { execFileSync } from 'node:child_process';
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join, resolve } from 'node:path';
import { execa } from 'execa';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { FUZZ_ENVIRON, fuzzFolder, hostileSpec, largeSpecs } from '../../support/hostile-specs.js';

const BIN = resolve(import.meta.dirname, '../../../bin/envctl.js');
const SAMPLE = 50;
const seed = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);
const { dir, home } = fuzzFolder();
afterAll(() => rmSync(join(dir, '..'), { recursive: true, force: true }));

/** A loopback "engine" that only counts who knocks, and hangs up at once. */
async function countingListener(): Promise<{ server: Server; port: number; connections: () => number }> {
  let count = 0;
  const server = createServer((socket) => {
    count += 1;
    socket.destroy();
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return { server, port: address.port, connections: () => count };
}

interface Case {
  label: string;
  file: string;
  /** Valid specs naming other engines (`docker_host`) are only validated: plan would reach beyond the loopback. */
  mayPlan: boolean;
}

function cases(): Case[] {
  const drawn = fc.sample(hostileSpec, { numRuns: SAMPLE, seed }).map((spec, i) => ({ label: spec.label, bytes: spec.bytes, name: `cli-${i}.yaml` }));
  // The slow large ones (accepted, ~1 s each to load) are covered in-process; here, those refused at once.
  const large = largeSpecs()
    .filter((spec) => spec.slow !== true)
    .map((spec, i) => ({ label: spec.label, bytes: spec.bytes, name: `large-${i}.yaml` }));
  const written = [...drawn, ...large].map(({ label, bytes, name }) => {
    writeFileSync(join(dir, name), bytes);
    return { label, file: name, mayPlan: !bytes.includes('docker_host') };
  });
  const fifo = join(dir, 'fifo.yaml');
  if (!existsSync(fifo)) execFileSync('mkfifo', [fifo]);
  return [...written, { label: 'a FIFO', file: 'fifo.yaml', mayPlan: true }, { label: '/dev/zero', file: '/dev/zero', mayPlan: true }];
}

const BROKEN = /unexpected failure|Maximum call stack|heap out of memory|\n\s+at .+:\d+:\d+|\(node:\d+\)|TypeError|ReferenceError|RangeError/;

async function run(c: Case, command: 'validate' | 'plan', port: number) {
  const started = performance.now();
  const r = await execa('node', ['--max-old-space-size=256', BIN, '-f', c.file, command], {
    cwd: dir,
    env: { ...FUZZ_ENVIRON, HOME: home, PATH: process.env.PATH ?? '', NO_COLOR: '1', DOCKER_HOST: `tcp://127.0.0.1:${port}` },
    extendEnv: false,
    reject: false,
    stdin: 'ignore',
    timeout: 20_000,
  });
  return { exitCode: r.exitCode ?? -1, stderr: String(r.stderr), stdout: String(r.stdout), ms: performance.now() - started, timedOut: r.timedOut };
}

/** Each case (a file in `dir`, named relative to it as a user would): validate, then plan; the engine listener must see no connection unless the spec is valid. */
async function check(c: Case): Promise<'valid' | 'invalid'> {
  const engine = await countingListener();
  try {
    const why = (what: string, r: { stderr: string }) => `seed ${seed}, ${c.label}: ${what}\n${r.stderr.slice(0, 600)}`;
    const validate = await run(c, 'validate', engine.port);
    expect(validate.timedOut, why('validate did not finish', validate)).toBe(false);
    expect([0, 1], why(`validate exit ${validate.exitCode}`, validate)).toContain(validate.exitCode);
    expect(validate.stderr, why('validate', validate)).not.toMatch(BROKEN);
    const valid = validate.exitCode === 0;
    if (!valid) expectLocatedProblems(validate.stderr, c.label);
    if (valid && !c.mayPlan) return 'valid';

    const plan = await run(c, 'plan', engine.port);
    expect(plan.timedOut, why('plan did not finish', plan)).toBe(false);
    expect(plan.exitCode, why('plan', plan)).toBe(1);
    expect(plan.stderr, why('plan', plan)).not.toMatch(BROKEN);
    if (valid) {
      expect(plan.stderr, why('plan of a valid spec', plan)).toMatch(/cannot reach the Docker Engine at tcp:\/\/127\.0\.0\.1/);
    } else {
      expectLocatedProblems(plan.stderr, c.label);
      expect(engine.connections(), why('an invalid spec reached the engine', plan)).toBe(0);
    }
    return valid ? 'valid' : 'invalid';
  } finally {
    engine.server.close();
  }
}

function expectLocatedProblems(stderr: string, label: string): void {
  const lines = stderr.trimEnd().split('\n');
  const summary = lines.pop() ?? '';
  expect(summary, `${label}: ${stderr.slice(0, 400)}`).toMatch(/^envctl: \d+ problems? in the spec; nothing was sent to the engine$/);
  expect(lines.length, `${label}: no problem is shown`).toBeGreaterThan(0);
  for (const line of lines) expect(line, label).toMatch(/^([\w-]+\.yaml|\.env|\/dev\/zero):\d+:\d+: \S/);
}

describe(`fuzz through the CLI: ${SAMPLE} hostile specs and the large ones (seed ${seed}; FUZZ_SEED=${seed} repeats it)`, () => {
  it('validate and plan: located problems, no engine call for an invalid spec, no crash, bounded time and memory', async () => {
    const all = cases();
    const outcomes: string[] = [];
    // Three at a time: the machine has few cores, and each case is two Node processes.
    for (let i = 0; i < all.length; i += 3) outcomes.push(...(await Promise.all(all.slice(i, i + 3).map(check))));
    expect(outcomes.filter((o) => o === 'invalid').length).toBeGreaterThan(SAMPLE / 4);
  }, 240_000);
});
