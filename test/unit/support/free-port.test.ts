// The shared free-port helper: what it hands out can be bound, below the ephemeral range, and is never handed out
// twice, in this process or to another one.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSync } from 'esbuild';
import { execa } from 'execa';
import { afterAll, describe, expect, test } from 'vitest';
import { freePort, freePortBlock } from '../../support/free-port.js';

const listen = (port: number): Promise<Server> =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve(server));
  });

describe('freePort', () => {
  const dir = mkdtempSync(join(tmpdir(), 'envctl-free-port-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('hands out distinct ports below the ephemeral range, each one bindable', async () => {
    const ports = await Promise.all(Array.from({ length: 20 }, () => freePort()));
    expect(new Set(ports).size).toBe(20);
    for (const port of ports) {
      expect(port).toBeGreaterThanOrEqual(20000);
      expect(port).toBeLessThan(32768);
    }
    const servers = await Promise.all(ports.map(listen));
    await Promise.all(servers.map((s) => new Promise((done) => s.close(done))));
  });

  test('a block is consecutive, aligned to its size, and free', async () => {
    const first = await freePortBlock(10);
    expect(first % 10).toBe(0);
    const servers = await Promise.all(Array.from({ length: 10 }, (_, i) => listen(first + i)));
    await Promise.all(servers.map((s) => new Promise((done) => s.close(done))));
  });

  test('another test process is never given a port this one holds', async () => {
    const held = await Promise.all(Array.from({ length: 50 }, () => freePort()));
    // The helper as plain JavaScript, for a second node process; 1500 picks of ~12,700 ports would hit some of the 50
    // held ones were they not reserved.
    const entry = new URL('../../support/free-port.ts', import.meta.url).pathname;
    buildSync({ entryPoints: [entry], bundle: true, platform: 'node', format: 'esm', outfile: join(dir, 'free-port.mjs'), logLevel: 'error' });
    const script = `import { freePort } from './free-port.mjs';
      const got = []; for (let i = 0; i < 1500; i++) got.push(await freePort()); console.log(JSON.stringify(got));`;
    const r = await execa('node', ['--input-type=module', '-e', script], { cwd: dir });
    const theirs = JSON.parse(r.stdout) as number[];
    expect(theirs).toHaveLength(1500);
    expect(theirs.filter((p) => held.includes(p))).toEqual([]);
  });
});
