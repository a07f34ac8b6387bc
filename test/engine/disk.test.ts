// Disk use and cleanup on a real engine: `envctl df` agrees with `docker system df -v` for the same objects; `prune`
// removes what envctl made for this project (an image a rebuild left, a stopped orphan, old snapshots) and nothing of
// another project or of anyone else; `destroy --images` removes the images envctl built.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toDecimalUnit } from '../../src/cli/format-bytes.js';
import { cleanupProject } from './support/cleanup-project.js';
import { requireEngine } from './support/require-engine.js';
import { docker, dockerMaybe, SpecDir } from './support/run-cli.js';
import { IDLE_COMMAND, TEST_IMAGE } from './support/test-image.js';
import { uniqueProject } from './support/unique-project.js';

/** go-units' HumanSizeWithPrecision, which the docker CLI prints sizes with: decimal units, `%.*g`. */
function humanSize(bytes: number, precision: number): string {
  const { value, unit } = toDecimalUnit(bytes);
  let text = value.toPrecision(precision);
  if (text.includes('.') && !text.includes('e')) text = text.replace(/0+$/, '').replace(/\.$/, '');
  return `${text}${unit}`;
}

/** The rows of one section of `docker system df -v`, cut at the header's column starts (tabwriter aligns them). */
function dfSection(text: string, title: string): Record<string, string>[] {
  const lines = text.split('\n');
  const start = lines.findIndex((l) => l.startsWith(title));
  const header = lines[start + 2]!;
  const names = header.split(/ {2,}/).map((n) => n.trim()).filter(Boolean);
  const at = names.map((n) => header.indexOf(n));
  const rows: Record<string, string>[] = [];
  for (const line of lines.slice(start + 3)) {
    if (line.trim() === '') break;
    rows.push(Object.fromEntries(names.map((n, i) => [n, line.slice(at[i], at[i + 1] ?? undefined).trim()])));
  }
  return rows;
}

interface DfJson {
  ok: boolean;
  environments: {
    env: string;
    inSpec: boolean;
    container: string | null;
    image: { ref: string; id: string; sizeBytes: number; uniqueBytes: number } | null;
    ownLayerBytes: number;
    volumes: { name: string; sizeBytes: number }[];
    snapshots: { ref: string; id: string; sizeBytes: number; uniqueBytes: number }[];
    builtImages: { ref: string; id: string; sizeBytes: number; uniqueBytes: number; dangling: boolean }[];
  }[];
  totals: { bytes: number; ownLayersBytes: number; volumesBytes: number };
}

/** The engine lists images by creation time; two made in the same second come in either order, so sort. */
async function imageIds(filter: string): Promise<string[]> {
  return (await docker('images', '-q', '--no-trunc', '--filter', filter)).split('\n').filter(Boolean).sort();
}

async function removeImages(filter: string): Promise<void> {
  const ids = await imageIds(filter);
  if (ids.length > 0) await dockerMaybe('rmi', '-f', ...new Set(ids));
}

describe('df, prune and destroy --images on a real engine', () => {
  const a = uniqueProject('disk');
  const b = uniqueProject('disk2');
  const foreign = `${a}-foreign:1`;
  const dirA = new SpecDir();
  const dirB = new SpecDir();
  const ctx = (dir: SpecDir, text: string): void => {
    mkdirSync(join(dir.dir, 'ctx'), { recursive: true });
    writeFileSync(join(dir.dir, 'ctx', 'Dockerfile'), `FROM ${TEST_IMAGE}\nCOPY f /f\n`);
    writeFileSync(join(dir.dir, 'ctx', 'f'), text);
  };
  const idle = JSON.stringify(IDLE_COMMAND);
  const specA = (withOld: boolean): string =>
    `version: 1\nproject: ${a}\nenvironments:\n  box:\n    image: envctl/${a}-box:dev\n    build: ./ctx\n    command: ${idle}\n    volumes: [${a}-data:/data]\n` +
    (withOld ? `  old:\n    image: ${TEST_IMAGE}\n    command: ${idle}\n  worked:\n    image: ${TEST_IMAGE}\n    command: ${idle}\n` : '');
  const specB = `version: 1\nproject: ${b}\nenvironments:\n  box:\n    image: envctl/${b}-box:dev\n    build: ./ctx\n    command: ${idle}\n`;

  beforeAll(async () => {
    await requireEngine();
    ctx(dirA, randomBytes(200_000).toString('hex'));
    ctx(dirB, randomBytes(50_000).toString('hex'));
    dirA.write(specA(true));
    dirB.write(specB);
    for (const dir of [dirA, dirB]) {
      const first = await dir.run('apply', '--yes');
      expect(first.exitCode, first.stderr).toBe(0);
      // A rebuild: the image built before loses its tag and stays as a dangling image with envctl's labels.
      ctx(dir, randomBytes(100_000).toString('hex'));
      const again = await dir.run('apply', '--yes');
      expect(again.exitCode, again.stderr).toBe(0);
    }
    // Work in box's own layer and in its volume; a snapshot of old; old and worked stop and leave the spec.
    await docker('exec', `${a}-box`, 'sh', '-c', 'head -c 1234567 /dev/urandom > /big && head -c 2345678 /dev/urandom > /data/v');
    await docker('exec', `${a}-worked`, 'sh', '-c', 'echo work > /notes');
    expect((await dirA.run('snapshot', 'old')).exitCode).toBe(0);
    await docker('stop', '-t', '1', `${a}-old`, `${a}-worked`);
    dirA.write(specA(false));
    // An image that is not envctl's (no labels).
    await docker('tag', TEST_IMAGE, foreign);
  }, 240_000);

  afterAll(async () => {
    await cleanupProject(a);
    await cleanupProject(b);
    await removeImages(`label=dev.envctl.project=${a}`);
    await removeImages(`label=dev.envctl.project=${b}`);
    await dockerMaybe('rmi', foreign);
    dirA.dispose();
    dirB.dispose();
  });

  it('df --json: sizes per environment agree with `docker system df -v` for the same image, container and volume', async () => {
    const r = await dirA.run('df', '--json');
    expect(r.exitCode, r.stderr).toBe(0);
    const df = JSON.parse(r.stdout) as DfJson;
    expect(df.ok).toBe(true);
    const text = await docker('system', 'df', '-v');
    const images = dfSection(text, 'Images space usage');
    const containers = dfSection(text, 'Containers space usage');
    const volumes = dfSection(text, 'Local Volumes space usage');

    const box = df.environments.find((e) => e.env === 'box')!;
    expect(box.ownLayerBytes).toBeGreaterThanOrEqual(1234567);
    const boxRow = containers.find((c) => c.NAMES === `${a}-box`)!;
    expect(boxRow.SIZE).toBe(humanSize(box.ownLayerBytes, 3));
    const imageRow = images.find((i) => i['IMAGE ID'] === box.image!.id)!;
    expect(`${imageRow.REPOSITORY}:${imageRow.TAG}`).toBe(`envctl/${a}-box:dev`);
    expect(imageRow.SIZE).toBe(humanSize(box.image!.sizeBytes, 3));
    expect(imageRow['UNIQUE SIZE']).toBe(humanSize(box.image!.uniqueBytes, 4));
    const vol = box.volumes.find((v) => v.name === `${a}-data`)!;
    expect(vol.sizeBytes).toBe(2345678);
    expect(volumes.find((v) => v['VOLUME NAME'] === `${a}-data`)!.SIZE).toBe(humanSize(vol.sizeBytes, 4));

    // Both builds (the current and the one the rebuild left dangling) and the snapshot, with docker's unique sizes.
    expect(box.builtImages.map((i) => i.dangling).sort()).toEqual([false, true]);
    for (const built of box.builtImages) {
      expect(images.find((i) => i['IMAGE ID'] === built.id)!['UNIQUE SIZE']).toBe(humanSize(built.uniqueBytes, 4));
    }
    const old = df.environments.find((e) => e.env === 'old')!;
    expect(old.inSpec).toBe(false);
    expect(old.snapshots).toHaveLength(1);
    expect(images.find((i) => i['IMAGE ID'] === old.snapshots[0]!.id)!.SIZE).toBe(humanSize(old.snapshots[0]!.sizeBytes, 3));
    expect(df.totals.ownLayersBytes).toBeGreaterThanOrEqual(box.ownLayerBytes);
    expect(df.totals.volumesBytes).toBe(2345678);

    const table = await dirA.run('df');
    expect(table.exitCode).toBe(0);
    expect(table.stdout).toMatch(/box\s+\S+-box \(running\)\s+envctl\/\S+-box:dev/);
    expect(table.stdout).toMatch(/^Total /m);
  });

  it('prune lists and refuses without a terminal or --yes (exit 6, --json carries the list); nothing is removed', async () => {
    const before = await imageIds(`label=dev.envctl.project=${a}`);
    const plain = await dirA.run('prune', '--keep', '0');
    expect(plain.exitCode).toBe(6);
    expect(plain.stdout).toContain(`${a}-old`);
    expect(plain.stderr).toMatch(/prune removes 3 item\(s\).*nothing was removed/);
    const json = await dirA.run('prune', '--keep', '0', '--json');
    expect(json.exitCode).toBe(6);
    const refused = JSON.parse(json.stdout) as { ok: boolean; error: { code: string }; remove: { kind: string }[]; kept: { what: string; reason: string }[] };
    expect(refused.ok).toBe(false);
    expect(refused.error.code).toBe('confirmation-required');
    expect(refused.remove.map((i) => i.kind).sort()).toEqual(['build', 'orphan', 'snapshot']);
    expect(refused.kept.find((k) => k.what === `${a}-worked`)!.reason).toMatch(/changed path/);
    expect(await imageIds(`label=dev.envctl.project=${a}`)).toEqual(before);
  });

  it('prune --yes frees the image the rebuild left, the stopped orphan, the snapshot — and nothing of another project or of anyone else', async () => {
    const danglingA = await imageIds(`label=dev.envctl.project=${a}`).then(async (ids) => {
      const current = await docker('image', 'inspect', '--format', '{{.Id}}', `envctl/${a}-box:dev`);
      return ids.filter((id) => id !== current && !id.includes('snapshot'));
    });
    const bImages = await imageIds(`label=dev.envctl.project=${b}`);
    expect(bImages).toHaveLength(2);
    const r = await dirA.run('prune', '--keep', '0', '--yes', '--json');
    expect(r.exitCode, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { ok: boolean; freedBytes: number; engines: { removed: { kind: string; id: string }[] }[] };
    expect(out.ok).toBe(true);
    const removed = out.engines[0]!.removed;
    expect(removed.map((i) => i.kind).sort()).toEqual(['build', 'orphan', 'snapshot']);
    expect(out.freedBytes).toBeGreaterThanOrEqual(200_000);
    for (const id of danglingA) expect((await dockerMaybe('image', 'inspect', id)).ok).toBe(false);
    expect((await dockerMaybe('container', 'inspect', `${a}-old`)).ok).toBe(false);
    // The orphan with work stays, and so does everything that is not this project's.
    expect((await dockerMaybe('container', 'inspect', `${a}-worked`)).ok).toBe(true);
    expect(await imageIds(`label=dev.envctl.project=${b}`)).toEqual(bImages);
    expect((await dockerMaybe('image', 'inspect', foreign)).ok).toBe(true);
    expect((await dockerMaybe('image', 'inspect', `envctl/${a}-box:dev`)).ok).toBe(true);
    expect(await docker('inspect', '--format', '{{.State.Status}}', `${b}-box`)).toBe('running');
    // A second prune finds nothing more to do.
    const again = await dirA.run('prune', '--keep', '0');
    expect(again.exitCode).toBe(0);
    expect(again.stdout).toContain('nothing to prune');
  });

  it('destroy --images removes the images envctl built for the project, and only those', async () => {
    await docker('rm', '-f', `${a}-worked`);
    const r = await dirA.run('destroy', '--yes', '--images', '--volumes', '--discard-changes');
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stdout).toContain(`Removed image envctl/${a}-box:dev`);
    expect(await imageIds(`label=dev.envctl.project=${a}`)).toEqual([]);
    expect(await imageIds(`label=dev.envctl.project=${b}`)).toHaveLength(2);
    expect((await dockerMaybe('image', 'inspect', foreign)).ok).toBe(true);
    expect((await dockerMaybe('image', 'inspect', TEST_IMAGE)).ok).toBe(true);
  });
});
