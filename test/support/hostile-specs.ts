// Generators of hostile spec files for the fuzz tests: mutations of the valid specs users copy (examples/*.yaml, the
// spec reference) at the text, byte and structure level, and raw hostile YAML (alias bombs, deep nesting, NUL bytes,
// invalid UTF-8, duplicate keys, tabs, huge numbers, odd unicode, documents past the size limit).
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { parse, stringify } from 'yaml';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** A spec file to write: its bytes and a short description for failure messages. */
export interface HostileSpec {
  label: string;
  bytes: Buffer;
}

export interface Seed {
  name: string;
  text: string;
}

/** The valid specs mutated: every example and the spec reference (which uses every field). */
export const SEEDS: Seed[] = [
  ...readdirSync(join(ROOT, 'examples'))
    .filter((n) => n.endsWith('.yaml'))
    .sort()
    .map((name) => ({ name: `examples/${name}`, text: readFileSync(join(ROOT, 'examples', name), 'utf8') })),
  { name: 'spec-reference.yaml', text: readFileSync(join(ROOT, 'test/unit/spec/fixtures/spec-reference.yaml'), 'utf8') },
];

/**
 * A folder to write mutated specs in: a copy of examples/ (so env_file, build contexts and other relative paths the
 * seeds name resolve) and a home with a public key (for `ssh: true`).
 */
export function fuzzFolder(): { dir: string; home: string } {
  const root = mkdtempSync(join(tmpdir(), 'envctl-fuzz-'));
  const dir = join(root, 'lab');
  cpSync(join(ROOT, 'examples'), dir, { recursive: true });
  const home = join(root, 'home');
  mkdirSync(join(home, '.ssh'), { recursive: true });
  writeFileSync(join(home, '.ssh', 'id_ed25519.pub'), 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFuzzKeyForTheFuzzTestOnly00000000000000000 fuzz@lab\n');
  return { dir, home };
}

/** The variables the seeds use. */
export const FUZZ_ENVIRON: Record<string, string> = { USER: 'alice', HOME: '/home/alice', TEAM: 'vision' };

/** Keys of every seed (fields, environment names, …): structural mutations add, remove and move them. */
const FIELD_NAMES = [...new Set(SEEDS.flatMap((s) => [...s.text.matchAll(/^\s*([a-z_][\w.-]*):/gm)].map((m) => m[1]!)))];

// ---- values ----------------------------------------------------------------------------------------------------

/** Scalars that have broken parsers before: YAML 1.1 words, number edge cases, indicators, control and odd unicode. */
const WEIRD_TEXT = [
  '', ' ', '\t', '0', '-0', '1e308', '-1e308', '1e-400', '99999999999999999999999', '9007199254740993', '0x1F', '0o17',
  '0b101', '1_000', '.inf', '-.inf', '.nan', 'NaN', 'null', '~', 'true', 'yes', 'no', 'on', 'off', '2001-12-14',
  '12:30:45', '99999999999g', '0g', '-1', '2147483648', '4294967296', '65536:80', '0:0', '1000-1100:1000-1100',
  '127.0.0.1::80', '[::1]:80:80', '::1', '999.1.1.1', 'container:', 'container:x', 'host', 'none', '../x', '/', '.',
  '..', '~', '~/x', 'a:b:c:d', '${', '${X', '${X:?boom}', '${X:-${Y:-${Z}}}', '$$', '$', '*a', '&a', '!!binary',
  '!tag', '<<', '---', '...', '- ', ': ', '? ', '#', '[', ']', '{', '}', '|', '>', '%YAML 1.1', '@', '`', '"', "'",
  '\\', 'a\u0000b', '\u0000', '\u0007', '\u001b[31m', '\r', '\r\n', '\u0085', '\u2028', '\u2029', '\u202e', '\u200b',
  '\ufeff', '\ud800', '\udfff', '👩‍🔬', 'Ω', 'e\u0301', 'ＡＢＣ', 'ß', 'İ', 'a b', 'A=B', '=x', 'x=', 'ünïcödé',
  'sleep infinity | sh', '$(pwd)', '`id`', 'SIGKILL', 'SIGNOPE', '1m30s', '-5s',
  '1.5', '0.000000001', '1e3', 'all', 'ssh://x@y', 'tcp://127.0.0.1:1', 'unix:///nope', 'busybox@sha256:zz',
  'UPPER/Case:tag', 'a'.repeat(300),
];

/** Long values are rare: they cost time, and one in a while shows that they are bounded. */
const LONG_TEXT = ['x'.repeat(70_000), 'ab'.repeat(3000), `${'a:'.repeat(2000)}b`];

const weirdScalar: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 30, arbitrary: fc.constantFrom(...WEIRD_TEXT) },
  { weight: 1, arbitrary: fc.constantFrom(...LONG_TEXT) },
  { weight: 10, arbitrary: fc.string({ unit: 'binary', maxLength: 24 }) },
  { weight: 10, arbitrary: fc.oneof(fc.integer(), fc.double(), fc.constantFrom(0, -1, 2 ** 31, 2 ** 53 + 1, 1e308, -1e308, Number.MAX_VALUE)) },
  { weight: 5, arbitrary: fc.constantFrom(true, false, null) },
);

/** Any value a field might be given: scalars, lists, maps, nested a little (or very) deep, or very long. */
const weirdValue: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    { weight: 8, arbitrary: weirdScalar },
    { weight: 2, arbitrary: fc.array(tie('value'), { maxLength: 4 }) },
    { weight: 2, arbitrary: fc.dictionary(fc.oneof(fc.constantFrom(...FIELD_NAMES), fc.string({ maxLength: 8 })), tie('value'), { maxKeys: 4 }) },
    { weight: 1, arbitrary: fc.integer({ min: 1, max: 100 }).map((n) => nest(n)) },
    { weight: 1, arbitrary: fc.constantFrom(0, 1, 2, 3, 4, 5, 6, 7, 8, 9).map((n) => (n === 0 ? Array(10_000).fill('8080:80') : n === 1 ? Array(3000).fill({ type: 'tmpfs' }) : nest(n))) },
  ),
})).value;

function nest(depth: number): unknown {
  let value: unknown = 'bottom';
  for (let i = 0; i < depth; i += 1) value = i % 2 === 0 ? [value] : { k: value };
  return value;
}

// ---- text and byte mutations of a seed ---------------------------------------------------------------------------


type TextOp = (text: string) => string;

/** A position anywhere in a text, list or file, unbiased (fast-check’s doubles crowd near 0, its integers near the ends). */
const where = fc.noBias(fc.integer({ min: 0, max: 999_999 })).map((n) => n / 1_000_000);
const at = (fraction: number, length: number) => Math.min(length, Math.floor(fraction * (length + 1)));
const lines = (text: string) => text.split('\n');

const textOp: fc.Arbitrary<{ label: string; apply: TextOp }> = fc.oneof(
  fc.tuple(where, fc.oneof(fc.constantFrom(...WEIRD_TEXT), fc.string({ unit: 'binary', maxLength: 12 }))).map(([pos, snippet]) => ({
    label: `insert ${JSON.stringify(snippet.slice(0, 20))}`,
    apply: (t: string) => t.slice(0, at(pos, t.length)) + snippet + t.slice(at(pos, t.length)),
  })),
  fc.tuple(where, fc.integer({ min: 1, max: 40 })).map(([pos, n]) => ({
    label: `delete ${n}`,
    apply: (t: string) => t.slice(0, at(pos, t.length)) + t.slice(at(pos, t.length) + n),
  })),
  where.map((pos) => ({
    label: 'duplicate a line (duplicate keys)',
    apply: (t: string) => {
      const ls = lines(t);
      const i = at(pos, ls.length - 1);
      return [...ls.slice(0, i + 1), ls[i] ?? '', ...ls.slice(i + 1)].join('\n');
    },
  })),
  fc.tuple(where, fc.constantFrom('\t', '  ', ' ', '\t  ', '')).map(([pos, indent]) => ({
    label: `re-indent a line with ${JSON.stringify(indent)}`,
    apply: (t: string) => {
      const ls = lines(t);
      const i = at(pos, ls.length - 1);
      ls[i] = indent + (ls[i] ?? '').trimStart();
      return ls.join('\n');
    },
  })),
  fc.tuple(where, where).map(([a, b]) => ({
    label: 'swap two lines',
    apply: (t: string) => {
      const ls = lines(t);
      const [i, j] = [at(a, ls.length - 1), at(b, ls.length - 1)];
      [ls[i], ls[j]] = [ls[j] ?? '', ls[i] ?? ''];
      return ls.join('\n');
    },
  })),
  fc.tuple(where, weirdScalar).map(([pos, value]) => ({
    label: `set a value to ${JSON.stringify(value)?.slice(0, 30)}`,
    apply: (t: string) => {
      const ls = lines(t);
      const candidates = ls.map((l, i) => ({ l, i })).filter(({ l }) => /^\s*[\w.-]+:\s*\S/.test(l) && !l.trimStart().startsWith('#'));
      const pick = candidates[at(pos, candidates.length - 1)];
      if (!pick) return t;
      const key = /^(\s*[\w.-]+:)/.exec(pick.l)![1];
      ls[pick.i] = `${key} ${typeof value === 'string' ? JSON.stringify(value) : String(value)}`;
      return ls.join('\n');
    },
  })),
  fc.constantFrom<{ label: string; apply: TextOp }>(
    { label: 'CRLF line ends', apply: (t) => t.replaceAll('\n', '\r\n') },
    { label: 'CR line ends', apply: (t) => t.replaceAll('\n', '\r') },
    { label: 'a BOM', apply: (t) => `\ufeff${t}` },
    { label: 'tabs for indentation', apply: (t) => t.replace(/^( {2})+/gm, (s) => '\t'.repeat(s.length / 2)) },
    { label: 'a second document', apply: (t) => `${t}\n---\n${t}` },
    { label: 'cut in half', apply: (t) => t.slice(0, t.length >> 1) },
    { label: 'every value quoted', apply: (t) => t.replace(/: (\S.*)$/gm, ': "$1"') },
  ),
);

/** A seed with 1 to 4 text mutations. */
const textMutation: fc.Arbitrary<HostileSpec> = fc
  .tuple(fc.constantFrom(...SEEDS), fc.array(textOp, { minLength: 1, maxLength: 4 }))
  .map(([seed, ops]) => ({
    label: `${seed.name} with ${ops.map((o) => o.label).join(', ')}`,
    bytes: Buffer.from(ops.reduce((t, op) => op.apply(t), seed.text)),
  }));

/** Bytes the encoder would never write: invalid UTF-8 (lone continuation, overlong, surrogate half), NUL, 0xFF. */
const BAD_BYTES = [[0x80], [0xc3, 0x28], [0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xff], [0xfe, 0xff], [0x00], [0xf4, 0x90, 0x80, 0x80], [0xe2, 0x82]];

const byteMutation: fc.Arbitrary<HostileSpec> = fc
  .tuple(fc.constantFrom(...SEEDS), fc.array(fc.tuple(where, fc.constantFrom(...BAD_BYTES)), { minLength: 1, maxLength: 3 }))
  .map(([seed, inserts]) => {
    let bytes = Buffer.from(seed.text);
    for (const [pos, bad] of inserts) {
      const i = at(pos, bytes.length);
      bytes = Buffer.concat([bytes.subarray(0, i), Buffer.from(bad), bytes.subarray(i)]);
    }
    return { label: `${seed.name} with bytes ${inserts.map(([, b]) => Buffer.from(b).toString('hex')).join(',')}`, bytes };
  });

// ---- structural mutations: parse a seed, change its data, write it back (as YAML or as JSON, which is YAML) ------

type Path = (string | number)[];

function paths(value: unknown, prefix: Path = []): Path[] {
  const here = [prefix];
  if (Array.isArray(value)) return [...here, ...value.flatMap((v, i) => paths(v, [...prefix, i]))];
  if (value !== null && typeof value === 'object') return [...here, ...Object.entries(value).flatMap(([k, v]) => paths(v, [...prefix, k]))];
  return here;
}

const DELETE = Symbol('delete');

/** A copy of `root` with the value at `path` changed (or removed, when `change` answers DELETE). */
function setAt(root: unknown, path: Path, change: (old: unknown) => unknown): unknown {
  if (path.length === 0) return change(root);
  if (root === null || typeof root !== 'object') return root;
  const [head, ...rest] = path;
  if (Array.isArray(root)) {
    const copy = [...root];
    const next = setAt(copy[head as number], rest, change);
    if (next === DELETE) copy.splice(head as number, 1);
    else copy[head as number] = next;
    return copy;
  }
  const copy: Record<string, unknown> = { ...(root as Record<string, unknown>) };
  const next = setAt(copy[head as string], rest, change);
  if (next === DELETE) delete copy[head as string];
  else copy[head as string] = next;
  return copy;
}

const structuralMutation: fc.Arbitrary<HostileSpec> = fc
  .tuple(
    fc.constantFrom(...SEEDS),
    fc.array(fc.tuple(where, fc.constantFrom('replace', 'delete', 'add', 'wrap'), weirdValue, fc.constantFrom(...FIELD_NAMES)), {
      minLength: 1,
      maxLength: 3,
    }),
    fc.constantFrom('yaml', 'json'),
  )
  .map(([seed, changes, form]) => {
    let data: unknown = parseSeed(seed.text);
    const labels: string[] = [];
    for (const [pos, kind, value, field] of changes) {
      const all = paths(data).filter((p) => p.length > 0);
      const path = all[at(pos, all.length - 1)] ?? [];
      labels.push(`${kind} ${path.join('.')}`);
      data = setAt(data, kind === 'add' ? [...path.slice(0, -1), field] : path, (old) =>
        kind === 'delete' ? DELETE : kind === 'wrap' ? [old] : value,
      );
    }
    const text = form === 'json' ? JSON.stringify(data) : stringify(data, { aliasDuplicateObjects: false, lineWidth: 0 });
    return { label: `${seed.name} as ${form} with ${labels.join(', ')}`, bytes: Buffer.from(text) };
  });

const parsedSeeds = new Map<string, unknown>();
function parseSeed(text: string): unknown {
  if (!parsedSeeds.has(text)) {
    // The seeds use ${VAR}: the data keeps them as text, which is what a user would have written.
    parsedSeeds.set(text, parse(text, { merge: true }) as unknown);
  }
  return parsedSeeds.get(text);
}

// ---- raw hostile YAML -------------------------------------------------------------------------------------------

const ENV = 'environments:\n  box:\n    image: busybox\n';

function aliasBomb(width: number, depth: number, where: 'top' | 'command' | 'labels'): string {
  const defs = [`x-0: &l0 [${Array(width).fill('"lol"').join(', ')}]`];
  for (let i = 1; i < depth; i += 1) defs.push(`x-${i}: &l${i} [${Array(width).fill(`*l${i - 1}`).join(', ')}]`);
  const use = `*l${depth - 1}`;
  const tail = where === 'top' ? ENV : where === 'command' ? `${ENV}    command: ${use}\n` : `${ENV}    labels: { a: ${use} }\n`;
  return `version: 1\n${defs.join('\n')}\n${tail}`;
}

function deep(depth: number, style: 'flow-seq' | 'flow-map' | 'block-map' | 'block-seq', where: 'top' | 'labels' | 'x'): string {
  const body =
    style === 'flow-seq'
      ? `${'['.repeat(depth)}${']'.repeat(depth)}`
      : style === 'flow-map'
        ? `${'{a: '.repeat(depth)}1${'}'.repeat(depth)}`
        : style === 'block-seq'
          ? `\n      ${'- '.repeat(depth)}1`
          : Array.from({ length: Math.min(depth, 1400) }, (_, i) => `\n${' '.repeat(6 + i)}k${i}:`).join('') + ' 1';
  if (where === 'labels') return `version: 1\n${ENV}    labels: ${body}\n`;
  if (where === 'x') return `version: 1\nx-deep: ${body}\n${ENV}`;
  return body;
}

const rawHostile: fc.Arbitrary<HostileSpec> = fc.oneof(
  fc.tuple(fc.integer({ min: 2, max: 12 }), fc.integer({ min: 2, max: 12 }), fc.constantFrom('top', 'command', 'labels') as fc.Arbitrary<'top' | 'command' | 'labels'>).map(([w, d, where]) => ({
    label: `alias bomb ${w}^${d} at ${where}`,
    bytes: Buffer.from(aliasBomb(w, d, where)),
  })),
  fc.constantFrom(
    `version: 1\n${ENV}    command: *nope\n`,
    `version: 1\nx: &a [1, *a]\n${ENV}`,
    `version: 1\nx: &a {k: *a}\n${ENV}`,
    `version: 1\nx: *b\ny: &b 1\n${ENV}`,
    `version: 1\n${ENV}    <<: *nope\n`,
    `version: 1\nx-base: &base [1, 2]\n${ENV}    <<: *base\n`,
    `version: 1\nx-base: &base "str"\n${ENV}    <<: *base\n`,
    `version: 1\n${ENV}    <<: [1, {a: 1}]\n`,
    `version: 1\n? [a, b]\n: 1\n${ENV}`,
    `version: 1\n? {a: 1}\n: 1\n${ENV}`,
    `version: 1\n${ENV}    labels: { ? [x] : y }\n`,
    `version: 1\n${ENV}    environment: { [a]: b }\n`,
    `version: 1\nversion: 1\n${ENV}`,
    `version: 1\n${ENV}${ENV}`,
    `version: 1\n${ENV}    image: busybox\n`,
    `%YAML 1.1\n---\nversion: 1\n${ENV}`,
    `%YAML 9.9\n---\nversion: 1\n${ENV}`,
    `%TAG ! tag:x,2000:\n---\nversion: !foo 1\n${ENV}`,
    `version: !!binary aGVsbG8=\n${ENV}`,
    `version: !!set {a, b}\n${ENV}`,
    `version: !!omap [a: 1, a: 2]\n${ENV}`,
    `version: !!timestamp 2001-12-14\n${ENV}`,
    `version: 1\n${ENV}    cpus: 1e308\n    shm_size: 99999999999g\n    mem_limit: 1e400\n    pids_limit: 99999999999999999999\n`,
    `version: 1\n${ENV}    ports: ["1000-1200:1000-1200", "65535:65535/udp"]\n`,
    `version: 1\n${ENV}    environment: { "A=B": c, "new\\nline": x, "": y, " ": z }\n`,
    `version: 1\n${ENV}    hostname: "a\\nb"\n    dns_search: ["lab.internal\\nnameserver 6.6.6.6"]\n`,
    `version: 1\n${ENV}    volumes: [{ type: tmpfs }, { type: bind }, { type: volume }, {}]\n`,
    `version: 1\n${ENV}    image: "../x"\n`,
    `version: 1\nenvironments:\n  "👩‍🔬":\n    image: busybox\n  "\u202eevil":\n    image: busybox\n  "a\u200bb":\n    image: busybox\n`,
    `version: 1\nenvironments:\n\tbox:\n\t\timage: busybox\n`,
    `\u0000version: 1\n${ENV}`,
    `version: 1\u0000\n${ENV}`,
    '',
    '\n\n\n',
    '---',
    '...',
    '- a\n- b\n',
    '"just a string"',
    '[1, 2',
    '{',
    '|',
    '&a',
    '*a',
    `version: 1\nenvironments: ${'{'.repeat(30)}\n`,
  ).map((text) => ({ label: `raw ${JSON.stringify(text.slice(0, 60))}`, bytes: Buffer.from(text) })),
  fc.tuple(fc.integer({ min: 10, max: 5000 }), fc.constantFrom('flow-seq', 'flow-map', 'block-map', 'block-seq'), fc.constantFrom('top', 'labels', 'x')).map(([n, style, where]) => ({
    label: `${n} levels of ${style} at ${where}`,
    bytes: Buffer.from(deep(n, style as Parameters<typeof deep>[1], where as Parameters<typeof deep>[2])),
  })),
);

/** Everything the fuzz tests draw from; mutations of valid specs are most of it, as most of what users write is. */
export const hostileSpec: fc.Arbitrary<HostileSpec> = fc.oneof(
  { weight: 4, arbitrary: textMutation },
  { weight: 1, arbitrary: byteMutation },
  { weight: 3, arbitrary: structuralMutation },
  { weight: 2, arbitrary: rawHostile },
);

/** Large inputs, checked once each rather than drawn at random: their cost is the point (`slow`: ~1 s to load). */
export function largeSpecs(): (HostileSpec & { slow?: boolean })[] {
  const envs = (n: number) =>
    `version: 1\nenvironments:\n${Array.from({ length: n }, (_, i) => `  e${i}:\n    image: busybox\n    environment: { INDEX: "${i}", PAD: "${'p'.repeat(80)}" }\n`).join('')}`;
  return [
    { label: '5 MB document', bytes: Buffer.from(envs(34_000)) },
    { label: '5 MB single scalar', bytes: Buffer.from(`version: 1\nx: "${'a'.repeat(5_000_000)}"\n${ENV}`) },
    { label: '1 MB of "["', bytes: Buffer.from(`x: ${'['.repeat(1_000_000 - 3)}`) },
    { label: 'just under 1 MiB: ~5,000 environments', bytes: Buffer.from(envs(5_000)), slow: true },
    { label: '60,000 labels in one map (yaml’s own duplicate check took 40 s)', bytes: Buffer.from(`version: 1\n${ENV}    labels:\n${Array.from({ length: 60_000 }, (_, i) => `      k${i}: v\n`).join('')}`), slow: true },
    { label: '40,000 aliases (yaml resolves each by scanning the ones before it)', bytes: Buffer.from(`version: 1\nx-a: &a "8080:80"\n${ENV}    ports: [${Array(40_000).fill('*a').join(', ')}]\n`) },
    { label: '10,000 list items each with a wrong field', bytes: Buffer.from(`version: 1\n${ENV}    volumes: ${JSON.stringify(Array(10_000).fill({ type: 'tmpfs', target: 5 }))}\n`), slow: true },
    { label: '1 MiB of NUL bytes', bytes: Buffer.alloc(1024 * 1024 - 1) },
    { label: 'alias bomb 20^20', bytes: Buffer.from(aliasBomb(20, 20, 'command')) },
  ];
}
