// Checks take time linear in the size of the spec: huge maps, long port ranges and thousands of bad entries are
// judged in well under two seconds of CPU each. Before: 4 s for 20k labels, 27 s for 50k; 40 s for 20k ports;
// 12 min for 65k ports over 65 environments; 3 min for 10k bad port entries.
import { beforeAll, describe, expect, test } from 'vitest';
import { load, problems } from './write-spec-file.js';
import { cpuTimed as timed } from '../../support/cpu-time.js';

const BOUND_MS = 2000;


/** `envs` environments, each publishing its own range of `per` ports. */
function portRanges(envs: number, per: number): string {
  const lines = ['environments:'];
  for (let e = 0; e < envs; e += 1) {
    const range = `${1 + e * per}-${(e + 1) * per}`;
    lines.push(`  e${e}:`, '    image: x', `    ports: ["${range}:${range}"]`);
  }
  return `${lines.join('\n')}\n`;
}

describe('a spec of any size is judged in bounded time', () => {
  // The first load compiles the schema validator; the timings below are of the checks alone.
  beforeAll(async () => {
    await load('environments:\n  a: {image: x}\n');
  });

  test('ports: ["1-65535:1-65535"] is refused at once with the per-environment limit', async () => {
    const { ms, result } = await timed(() => problems('environments:\n  a:\n    image: x\n    ports: ["1-65535:1-65535"]\n'));
    expect(result).toEqual([expect.stringMatching(/^envctl\.yaml:4:12: 65535 ports are published; at most 1000 per environment/)]);
    expect(ms).toBeLessThan(BOUND_MS);
  });

  test('65,535 published ports spread over 65 environments are checked for clashes in linear time', async () => {
    const { ms, result } = await timed(() => load(portRanges(65, 1000)));
    expect(result.environments.reduce((n, env) => n + env.ports.length, 0)).toBe(65000);
    expect(ms).toBeLessThan(BOUND_MS);
  });

  test('a clash is still found among 65,000 ports', async () => {
    const spec = `${portRanges(65, 1000)}  late:\n    image: x\n    ports: ["64999:80"]\n`;
    const { ms, result } = await timed(() => problems(spec));
    expect(result).toEqual([expect.stringMatching(/host port 0\.0\.0\.0:64999\/tcp is already published by environment `e64`/)]);
    expect(ms).toBeLessThan(BOUND_MS);
  });

  test('a map of 30,000 labels loads (the YAML duplicate-key check is linear too)', async () => {
    const labels = Array.from({ length: 30000 }, (_, i) => `      k${i}: v`).join('\n');
    const { ms, result } = await timed(() => load(`environments:\n  a:\n    image: x\n    labels:\n${labels}\n`));
    expect(Object.keys(result.environments[0]!.labels)).toHaveLength(30000);
    expect(ms).toBeLessThan(BOUND_MS);
  });

  test('a repeated key among 30,000 is still reported where it is', async () => {
    const labels = Array.from({ length: 30000 }, (_, i) => `      k${i % 29999}: v`).join('\n');
    const { ms, result } = await timed(() => problems(`environments:\n  a:\n    image: x\n    labels:\n${labels}\n`));
    expect(result).toEqual(['envctl.yaml:30004:7: the key `k0` is written twice in this map (YAML keeps only one: remove or rename one of them; the other is at line 5)']);
    expect(ms).toBeLessThan(BOUND_MS);
  });

  test('merge keys may repeat, as YAML allows (`<<: *a` then `<<: *b`); any other key may not', async () => {
    const spec = 'x-a: &a {tty: true}\nx-b: &b {init: true}\nenvironments:\n  box:\n    <<: *a\n    <<: *b\n    image: x\n';
    expect((await load(spec)).environments[0]).toMatchObject({ tty: true, init: true });
    expect(await problems(`${spec}    tty: false\n    tty: true\n`)).toEqual(['envctl.yaml:9:5: the key `tty` is written twice in this map (YAML keeps only one: remove or rename one of them; the other is at line 8)']);
  });

  test('10,000 bad entries are each reported, located, in linear time', async () => {
    const { ms, result } = await timed(() => problems(`environments:\n  a:\n    image: x\n    ports: [${Array(10000).fill('true').join(', ')}]\n`));
    expect(result).toHaveLength(10000);
    expect(result[9999]).toMatch(/^envctl\.yaml:4:\d+: `ports\[9999\]` must be a port/);
    expect(ms).toBeLessThan(BOUND_MS);
  });

  test('10,000 label names the engine cannot hold are each reported in linear time', async () => {
    const labels = Array.from({ length: 10000 }, (_, i) => `      "k ${i}": v`).join('\n');
    const { ms, result } = await timed(() => problems(`environments:\n  a:\n    image: x\n    labels:\n${labels}\n`));
    expect(result).toHaveLength(10000);
    expect(ms).toBeLessThan(BOUND_MS);
  });
});
