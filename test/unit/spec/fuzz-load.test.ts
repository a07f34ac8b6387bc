// Fuzz: 1,000 hostile spec files per run (mutations of every example and of the spec reference, raw hostile YAML) go
// through the same load → interpolate → validate → normalize path the CLI uses, and a valid result on through the
// planner and the create options. Each must give a valid result or a spec error whose every issue is located
// (file:line:col) — never a crash, a stack trace, "unexpected failure", an unbounded wait or unbounded memory.
// No engine exists in this test: loading never needs one (test/unit/cli/fuzz-cli.test.ts counts connections).
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, test } from 'vitest';
import { toCreateOptions } from '../../../src/engine/to-create-options.js';
import { SpecError } from '../../../src/errors/envctl-error.js';
import { formatPlan } from '../../../src/cli/render/format-plan.js';
import { planToJson } from '../../../src/cli/render/plan-to-json.js';
import { reconcile } from '../../../src/plan/reconcile.js';
import type { DesiredState } from '../../../src/spec/desired-state.js';
import { loadSpec } from '../../../src/spec/load-spec.js';
import { cpuTimed } from '../../support/cpu-time.js';
import { FUZZ_ENVIRON, fuzzFolder, hostileSpec, largeSpecs, type HostileSpec } from '../../support/hostile-specs.js';

/** Inputs drawn per run (the large ones below come on top); FUZZ_RUNS=20000 for a longer hunt. */
const FUZZ_RUNS = Number(process.env.FUZZ_RUNS ?? 1000);
/** Per input; loading a 20-environment spec takes ~10 ms, the largest accepted spec (1 MiB) about a second. */
const MAX_MS = 5000;
const MAX_HEAP_BYTES = 768 * 1024 ** 2;

const { dir, home } = fuzzFolder();
afterAll(() => rmSync(join(dir, '..'), { recursive: true, force: true }));

let counter = 0;
const stats = { valid: 0, invalid: 0 };

/** Loads the input as `envctl validate` would; returns what a user would be told, or throws what must never happen. */
async function check(input: HostileSpec): Promise<void> {
  const file = join(dir, `fuzz-${(counter += 1)}.yaml`);
  writeFileSync(file, input.bytes);
  // CPU time, not the wall clock other processes stretch (test/support/cpu-time.ts).
  const { ms } = await cpuTimed(async () => {
    let state: DesiredState | null = null;
    try {
      state = await loadSpec(file, { environ: FUZZ_ENVIRON, displayPath: 'envctl.yaml', homeDir: home });
    } catch (error) {
      expect(error, `${input.label}: not a spec error: ${String(error)}\n${(error as Error).stack ?? ''}`).toBeInstanceOf(SpecError);
      for (const issue of (error as SpecError).issues) expectLocated(issue, input.label);
      stats.invalid += 1;
    } finally {
      rmSync(file, { force: true });
    }
    if (state !== null) {
      // A valid spec goes on the way plan and apply take it, minus the engine: nothing there may throw either.
      const plan = reconcile(state, { project: state.project, containers: [], foreignNames: {}, images: {}, volumes: {} });
      formatPlan(plan, { color: false });
      JSON.stringify(planToJson(plan));
      for (const env of state.environments) toCreateOptions({ env, image: STUB_IMAGE, name: env.containerName, specHash: 'fuzz' });
      stats.valid += 1;
    }
  });
  expect(ms, `${input.label}: took ${ms.toFixed(0)} ms of CPU`).toBeLessThan(MAX_MS);
  expect(process.memoryUsage().heapUsed, `${input.label}: heap`).toBeLessThan(MAX_HEAP_BYTES);
}

const STUB_IMAGE = { id: 'sha256:fuzz', ref: 'busybox', env: [], cmd: ['sh'], entrypoint: null, workingDir: '', user: '', labels: {}, volumes: [] };

function expectLocated(issue: SpecError['issues'][number], label: string): void {
  const shown = `${issue.file}:${issue.line}:${issue.col}: ${issue.message}${issue.hint ? ` (${issue.hint})` : ''}`;
  const why = `${label}: ${shown.slice(0, 300)}`;
  expect(issue.file, why).toMatch(/^(envctl\.yaml|\.env)$/);
  expect(Number.isInteger(issue.line) && issue.line >= 1, why).toBe(true);
  expect(Number.isInteger(issue.col) && issue.col >= 1, why).toBe(true);
  expect(issue.message.trim(), why).not.toBe('');
  expect(shown, why).not.toMatch(/unexpected failure|Maximum call stack|\n\s+at |TypeError|ReferenceError|RangeError|undefined|\[object Object\]/);
  // Nothing a user typed comes back at length (a value may be a secret, and a 70 kB echo is no message).
  expect(shown.length, why).toBeLessThan(1200);
}

describe(`fuzz: ${FUZZ_RUNS} hostile spec files through load, validate, normalize and plan`, () => {
  test('every input is a valid spec or located spec errors, in bounded time and memory', async () => {
    // A failure prints its seed and path: FUZZ_SEED=… FUZZ_PATH=… replays exactly that input.
    const replay = process.env.FUZZ_SEED === undefined ? {} : { seed: Number(process.env.FUZZ_SEED), path: process.env.FUZZ_PATH ?? '' };
    await fc.assert(fc.asyncProperty(hostileSpec, check), { numRuns: FUZZ_RUNS, ...replay });
    // Both outcomes are exercised: mutations keep many specs valid, hostile input makes most invalid.
    if (process.env.FUZZ_SEED === undefined) {
      expect(stats.valid).toBeGreaterThan(FUZZ_RUNS / 20);
      expect(stats.invalid).toBeGreaterThan(FUZZ_RUNS / 4);
    }
  }, 120_000 + FUZZ_RUNS * 100);

  test.each(largeSpecs().map((s) => [s.label, s] as const))('%s', async (_, input) => {
    await check(input);
  }, 30_000);
});
