// The built CLI validates with code ajv generated at build time (scripts/build-validator.mjs) instead of compiling the
// schema on every run; it must report exactly what the run-time validator reports, problem for problem.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { SpecError } from '../../../src/errors/envctl-error.js';
import { loadSpec } from '../../../src/spec/load-spec.js';

const run = promisify(execFile);
const BIN = resolve(import.meta.dirname, '../../../bin/envctl.js');

const SPECS: Record<string, string> = {
  'typos, bad enums, wrong types': `version: 1
project: demo
environments:
  box:
    image: busybox
    shm_sise: 1g
    ports: ["80:80:80", {target: "x"}]
    restart: sometimes
    volumes: 3
    gpus: {count: x}
    environment: [1, 2]
    ulimits: {nofile: {soft: 1}}
`,
  'wrong top level': `version: 2
projekt: demo
environments: []
`,
  'unions and nested lists': `version: 1
project: demo
defaults:
  restart: always
  ports_host_ip: 3
environments:
  a:
    image: busybox
    command: {run: x}
    healthcheck: {test: 5, retries: -1}
    extra_hosts: 7
    cpus: [1]
volumes:
  data: {driver_opts: {a: [1]}}
`,
};

describe('the bundled validator', () => {
  const dir = mkdtempSync(join(tmpdir(), 'envctl-bundle-validator-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  for (const [name, text] of Object.entries(SPECS)) {
    it(`reports the same problems as the run-time validator: ${name}`, async () => {
      const file = join(dir, `${name.replace(/\W+/g, '-')}.yaml`);
      writeFileSync(file, text);
      const expected = await loadSpec(file, { displayPath: 'spec.yaml', environ: {} }).then(
        () => [],
        (err: unknown) => (err instanceof SpecError ? err.issues : Promise.reject(err)),
      );
      expect(expected.length).toBeGreaterThan(1);
      const r = await run('node', [BIN, '-f', file, 'validate', '--json'], { env: { PATH: process.env.PATH ?? '' } }).catch(
        (err: { stdout: string; code: number }) => err,
      );
      const json = JSON.parse(r.stdout) as { ok: boolean; error: { issues: unknown[] } };
      expect(json.ok).toBe(false);
      // The CLI names the file as the user typed it; everything else must match.
      const shown = (json.error.issues as { file: string }[]).map((i) => ({ ...i, file: 'spec.yaml' }));
      expect(shown).toEqual(JSON.parse(JSON.stringify(expected)));
    });
  }
});
