// Hostile YAML is a located spec error with a hint, in bounded time: alias bombs, undefined or looping aliases, nesting
// thousands of levels deep — never "unexpected failure" or "Maximum call stack size exceeded".
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { SpecError } from '../../../src/errors/envctl-error.js';
import { runImport } from '../../../src/features/import/run-import.js';
import { load, problems, writeSpecFile } from './write-spec-file.js';
import { rejectionOf } from '../../support/expect-error.js';
import { cpuTimed } from '../../support/cpu-time.js';

const ENV = 'environments:\n  box: { image: busybox }\n';

/** The "billion laughs": 10 levels of 9 aliases each would be 9^9 values. */
function aliasBomb(): string {
  const lines = ['version: 1', 'a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]'];
  for (let i = 1; i < 10; i += 1) {
    const [name, prev] = [String.fromCharCode(97 + i), String.fromCharCode(96 + i)];
    lines.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(', ')}]`);
  }
  return `${lines.join('\n')}\n${ENV}`;
}

describe('aliases', () => {
  test('an alias bomb stops at the alias that passes the limit, located, within a second', async () => {
    const { result: value, ms } = await cpuTimed(() => problems(aliasBomb()));
    expect(value).toEqual([
      'envctl.yaml:7:8: aliases expand the document to more than 100,000 extra values here (an alias bomb?) (repeat values with fewer aliases of aliases)',
    ]);
    expect(ms).toBeLessThan(1000);
  });

  test('`command: *nope` (no such anchor) is located at the alias', async () => {
    expect(await problems('version: 1\nenvironments:\n  box:\n    image: busybox\n    command: *nope\n')).toEqual([
      'envctl.yaml:5:14: alias `*nope` refers to no anchor: `&nope` must come before it (write `&nope` on the value to repeat, above this line)',
    ]);
  });

  test('an alias inside the value it repeats (a loop) is located', async () => {
    expect(await problems(`version: 1\nx-loop: &a [1, *a]\n${ENV}`)).toEqual([
      'envctl.yaml:2:16: alias `*a` is inside the value `&a` it repeats (a loop) (an alias can repeat only a value that ends before it)',
    ]);
  });

  test('aliases that nest data deeper than 64 levels (each level small) are refused at the alias', async () => {
    const lines = ['version: 1', 'x-0: &l0 [1]'];
    for (let i = 1; i <= 70; i += 1) lines.push(`x-${i}: &l${i} [*l${i - 1}]`);
    const found = await problems(`${lines.join('\n')}\n${ENV}`);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(/^envctl\.yaml:\d+:\d+: alias `\*l\d+` nests the data deeper than 64 levels/);
  });

  test('ordinary use is untouched: 1,000 environments merging `<<: *defaults`', async () => {
    const envs = Array.from({ length: 1000 }, (_, i) => `  e${i}:\n    <<: *base\n    labels: { n: "${i}" }`).join('\n');
    const spec = `version: 1\nx-base: &base\n  image: busybox\n  shm_size: 1g\n  restart: unless-stopped\n  environment: { A: "1", B: "2" }\nenvironments:\n${envs}\n`;
    const state = await load(spec);
    expect(state.environments).toHaveLength(1000);
    expect(state.environments[999]?.shmSizeBytes).toBe(1024 ** 3);
  });
});

describe('nesting', () => {
  const deepFlow = (n: number) => `version: 1\nx: ${'['.repeat(n)}${']'.repeat(n)}\n${ENV}`;
  const deepBlock = (n: number) => `version: 1\n${Array.from({ length: n }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n')} 1\n${ENV}`;
  const deepCompact = (n: number) => `version: 1\nx:\n  ${'- '.repeat(n)}1\n${ENV}`;

  test.each([
    ['1,000 flow lists', deepFlow(1000), 'envctl.yaml:2:68'],
    ['500,000 flow lists (1 MB)', deepFlow(500_000), 'envctl.yaml:2:68'],
    ['1,000 block maps', deepBlock(1000), 'envctl.yaml:66:'],
    ['100,000 compact block lists on one line', deepCompact(100_000), 'envctl.yaml:3:'],
  ])('%s: located at the first level too deep, in bounded time', async (_, spec, where) => {
    const { result: value, ms } = await cpuTimed(() => problems(spec));
    expect(value).toHaveLength(1);
    expect(value[0]).toContain(where);
    expect(value[0]).toContain('YAML nests deeper than 64 levels here (a spec nests a few levels; is this the right file?)');
    expect(ms).toBeLessThan(1000);
  });

  test('60 levels are fine where the schema allows them (x- extension keys)', async () => {
    expect((await load(`version: 1\nx-deep: ${'['.repeat(60)}${']'.repeat(60)}\n${ENV}`)).environments).toHaveLength(1);
  });
});

describe('other YAML the spec cannot be', () => {
  test('a second document is located at its start', async () => {
    expect(await problems(`version: 1\n${ENV}---\nother: 1\n`)).toEqual([
      'envctl.yaml:4:1: a second YAML document (after `---`) (a spec is one document: remove the `---` and what follows, or merge it into the first)',
    ]);
  });

  test('YAML errors that would quote the file (it may be a secret) say only what is wrong', async () => {
    const found = await problems(`version: 1\nx: "s3cr3t\\q"\n${ENV}`);
    expect(found).toEqual(['envctl.yaml:2:11: YAML syntax: Invalid escape sequence']);
  });
});

describe('import -o into an existing hostile spec', () => {
  test('the file is refused, located, before it is edited, and stays as it was', async () => {
    const { file, dir } = writeSpecFile(aliasBomb());
    const before = readFileSync(file, 'utf8');
    const noEngine = () => {
      throw new Error('import of a run line needs no engine');
    };
    const error = await rejectionOf(runImport({ words: ['docker', 'run', 'busybox'], out: file, cwd: dir, environ: {} }, noEngine), SpecError);
    expect(error.message).toMatch(/:7:8: aliases expand the document/);
    expect(readFileSync(file, 'utf8')).toBe(before);
  });
});

const BLOCK_ENV = 'environments:\n  box:\n    image: busybox\n';

describe('big maps and many aliases stay linear', () => {
  test('60,000 labels load in bounded time (yaml’s own duplicate-key check was quadratic: 80,000 took 60 s)', async () => {
    const labels = Array.from({ length: 60_000 }, (_, i) => `      k${i}: v`).join('\n');
    const { result: value, ms } = await cpuTimed(() => load(`version: 1\n${BLOCK_ENV}    labels:\n${labels}\n`));
    expect(Object.keys(value.environments[0]!.labels)).toHaveLength(60_000);
    expect(ms).toBeLessThan(5000);
  });

  test('a duplicate key deep in a big map is found and located', async () => {
    const labels = Array.from({ length: 5000 }, (_, i) => `      k${i}: v`).join('\n');
    expect(await problems(`version: 1\n${BLOCK_ENV}    labels:\n${labels}\n      k7: again\n`)).toEqual([
      'envctl.yaml:5006:7: the key `k7` is written twice in this map (YAML keeps only one: remove or rename one of them; the other is at line 13)',
    ]);
  });

  test('more than 10,000 aliases is a located error (yaml resolves each by scanning all before it)', async () => {
    const { result: value, ms } = await cpuTimed(() => problems(`version: 1\nx-a: &a "8080:80"\n${BLOCK_ENV}    ports: [${Array(20_000).fill('*a').join(', ')}]\n`));
    expect(value).toEqual([
      `envctl.yaml:6:${13 + 10_000 * 4}: more than 10,000 aliases in one document (a spec repeats values with a few aliases (\`<<: *defaults\`); write the rest out)`,
    ]);
    expect(ms).toBeLessThan(2000);
  });
});
