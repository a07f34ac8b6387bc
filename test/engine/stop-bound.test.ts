// Environments whose main process ignores SIGTERM (`sleep` as PID 1, like most lab containers) make every stop wait
// its whole grace period. Stops only wait, so the executor runs them all at once: destroying or recreating 12 such
// environments takes about one grace period, not one per batch. Timed by the engine's own events, not by sleeps.
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanupProject } from './support/cleanup-project.js';
import { requireEngine } from './support/require-engine.js';
import { SpecDir } from './support/run-cli.js';
import { TEST_IMAGE } from './support/test-image.js';
import { uniqueProject } from './support/unique-project.js';

const N = 12;
const GRACE_S = 4;
const NAMES = Array.from({ length: N }, (_, i) => `s${String(i + 1).padStart(2, '0')}`);

function spec(project: string, rev: number): string {
  const envs = NAMES.map((n) => `  ${n}:\n    image: ${TEST_IMAGE}\n    command: ["sleep", "3600"]\n    environment: { REV: "${rev}" }\n`).join('');
  return `version: 1\nproject: ${project}\ndefaults:\n  network_mode: none\n  stop_grace_period: ${GRACE_S}s\nenvironments:\n${envs}`;
}

interface EngineEvent {
  action: string;
  id: string;
  name: string;
  signal?: string;
  /** Seconds, from the engine's clock. */
  at: number;
}

/** The engine's container events for the project between two moments (both already past: nothing is waited for). */
async function projectEvents(project: string, since: number, until: number): Promise<EngineEvent[]> {
  const r = await execa('docker', [
    'events',
    '--since', since.toFixed(3),
    '--until', until.toFixed(3),
    '--filter', 'type=container',
    '--filter', `label=dev.envctl.project=${project}`,
    '--format', '{{json .}}',
  ]);
  return String(r.stdout).split('\n').filter(Boolean).map((line) => {
    const e = JSON.parse(line) as { Action: string; id: string; timeNano: number; Actor: { Attributes: Record<string, string> } };
    const signal = e.Actor.Attributes['signal'];
    return { action: e.Action, id: e.id, name: e.Actor.Attributes['name'] ?? '', at: e.timeNano / 1e9, ...(signal === undefined ? {} : { signal }) };
  });
}

/** Runs an envctl command and returns the engine's events from its start to its end. */
async function eventsOf(dir: SpecDir, project: string, ...args: string[]): Promise<EngineEvent[]> {
  const since = Date.now() / 1000;
  const r = await dir.run(...args);
  expect(r.exitCode, `${r.stdout}\n${r.stderr}`).toBe(0);
  return projectEvents(project, since, Date.now() / 1000);
}

/**
 * Every container in `ids` was sent SIGTERM, ignored it, and was killed when its grace period ran out; and all the
 * SIGTERMs came before the first SIGKILL, so the stops overlapped: the whole batch waited one grace period.
 */
function expectOneGracePeriod(events: EngineEvent[], ids: readonly string[]): { firstTerm: number; lastKill: number } {
  const kill = (id: string, signal: string) => events.find((e) => e.id === id && e.action === 'kill' && e.signal === signal)?.at;
  const terms = ids.map((id) => kill(id, '15'));
  const kills = ids.map((id) => kill(id, '9'));
  expect(terms.every((t) => t !== undefined), 'every stop sent SIGTERM').toBe(true);
  expect(kills.every((t) => t !== undefined), 'every main process ignored SIGTERM and was killed after the grace period').toBe(true);
  ids.forEach((_, i) => expect(kills[i]! - terms[i]!).toBeGreaterThan(GRACE_S * 0.9));
  const lastTerm = Math.max(...(terms as number[]));
  const firstKill = Math.min(...(kills as number[]));
  expect(lastTerm, 'every stop had begun before the first grace period ran out').toBeLessThan(firstKill);
  return { firstTerm: Math.min(...(terms as number[])), lastKill: Math.max(...(kills as number[])) };
}

describe(`${N} environments whose PID 1 ignores SIGTERM (stop_grace_period ${GRACE_S}s)`, () => {
  const project = uniqueProject('stopb');
  const dir = new SpecDir();
  const figures: string[] = [];

  beforeAll(async () => {
    await requireEngine();
    dir.write(spec(project, 0));
    const r = await dir.run('apply', '--yes');
    expect(r.exitCode, r.stderr).toBe(0);
  }, 120_000);
  afterAll(async () => {
    await cleanupProject(project);
    dir.dispose();
    // eslint-disable-next-line no-console
    console.log(`stop-bound (${N} envs, grace ${GRACE_S} s): ${figures.join('; ')}`);
  });

  const ids = async (): Promise<string[]> =>
    String((await execa('docker', ['ps', '-aq', '--no-trunc', '--filter', `label=dev.envctl.project=${project}`])).stdout).split('\n').filter(Boolean);

  it('the plan shows the recreate as steps: --graph in the text, steps and edges in --json', async () => {
    dir.write(spec(project, 1));
    const graph = await dir.run('plan', '--graph');
    expect(graph.exitCode).toBe(2);
    expect(graph.stdout).toContain('step create-new  [engine; undone on Ctrl-C before stop-old]');
    expect(graph.stdout).toContain('step stop-old    after create-new');
    const text = await dir.run('plan');
    expect(text.stdout).not.toContain('step ');
    const json = JSON.parse((await dir.run('plan', '--json')).stdout) as { actions: { id: string }[]; steps: { id: string; action: string; dependsOn: string[]; loadsEngine: boolean }[] };
    expect(json.actions).toHaveLength(N);
    expect(json.steps.filter((s) => s.action === 'recreate env:s01')).toEqual([
      expect.objectContaining({ id: 'recreate env:s01/create-new', dependsOn: [], loadsEngine: true }),
      expect.objectContaining({ id: 'recreate env:s01/stop-old', dependsOn: ['recreate env:s01/create-new'], loadsEngine: false }),
      expect.objectContaining({ id: 'recreate env:s01/remove-old', dependsOn: ['recreate env:s01/stop-old'] }),
      expect.objectContaining({ id: 'recreate env:s01/rename-new', dependsOn: ['recreate env:s01/remove-old'] }),
      expect.objectContaining({ id: 'recreate env:s01/start-new', dependsOn: ['recreate env:s01/rename-new'] }),
    ]);
  });

  /** Runs envctl; returns seconds from the first SIGTERM to the last `until` event, after checking the stops overlapped. */
  async function stopsOf(containers: string[], until: 'start' | 'destroy', what: string, ...args: string[]): Promise<number> {
    const events = await eventsOf(dir, project, ...args);
    const { firstTerm } = expectOneGracePeriod(events, containers);
    // The new containers' starts, or the removal of these (not of the apply's lock, released after them).
    const ends = events.filter((e) => e.action === until && (until === 'start' || containers.includes(e.id)));
    const seconds = Math.max(...ends.map((e) => e.at)) - firstTerm;
    figures.push(`${what} ${seconds.toFixed(1)} s from the first stop to the last ${until}`);
    return seconds;
  }

  it('a recreate of all of them stops the old containers together: about one grace period', async () => {
    const old = await ids();
    dir.write(spec(project, 2));
    // One grace period per batch of 8 would be at least two here.
    expect(await stopsOf(old, 'start', 'recreate', 'apply', '--yes')).toBeLessThan(2 * GRACE_S);
    const running = await execa('docker', ['ps', '-q', '--filter', `label=dev.envctl.project=${project}`, '--filter', 'status=running']);
    expect(String(running.stdout).split('\n').filter(Boolean)).toHaveLength(N);
  }, 60_000);

  it('destroy stops and removes them together: about one grace period', async () => {
    expect(await stopsOf(await ids(), 'destroy', 'destroy', 'destroy', '--yes')).toBeLessThan(2 * GRACE_S);
    expect(await ids()).toEqual([]);
  }, 60_000);
});
