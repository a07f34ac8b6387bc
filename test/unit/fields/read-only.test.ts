// read_only, end to end without an engine: spec → canonical → create body → inspect → canonical, the plan's diff,
// and `docker run --read-only` through import (the real-engine round trip generates it too).
import { describe, expect, it } from 'vitest';
import { toCreateOptions } from '../../../src/engine/to-create-options.js';
import { observeContainer } from '../../../src/engine/observe.js';
import { canonicalToFields } from '../../../src/features/import/canonical-to-fields.js';
import { mapRunToEnvironment } from '../../../src/features/import/map-run-to-environment.js';
import { parseDockerRun } from '../../../src/features/import/parse-docker-run.js';
import { defaultEnv } from '../../../src/fields/default-env.js';
import { diffEnv } from '../../../src/plan/diff-env.js';
import { writeSpecFile } from '../spec/write-spec-file.js';
import { loadSpec } from '../../../src/spec/load-spec.js';

const image = { id: 'sha256:1', ref: 'img:1', env: [], cmd: null, entrypoint: null, workingDir: '', user: '', labels: {}, volumes: [] };

describe('read_only', () => {
  it('normalizes from the spec (default false), also from defaults', async () => {
    const { file, dir } = writeSpecFile('environments:\n  a: { image: img:1, read_only: true }\n  b: { image: img:1 }\n');
    const state = await loadSpec(file, { environ: {}, displayPath: 'envctl.yaml', homeDir: dir });
    expect(state.environments.map((e) => [e.name, e.readOnly])).toEqual([['a', true], ['b', false]]);
  });

  it('a value that is not a boolean is a located spec error', async () => {
    const { file, dir } = writeSpecFile('environments:\n  a: { image: img:1, read_only: sometimes }\n');
    await expect(loadSpec(file, { environ: {}, displayPath: 'envctl.yaml', homeDir: dir })).rejects.toThrow('envctl.yaml:2:33');
  });

  it('goes into the create body as ReadonlyRootfs and comes back from inspect', () => {
    const env = defaultEnv('p', 'e', 'img:1', { readOnly: true });
    const body = toCreateOptions({ env, image, name: 'p-e', specHash: 'h' });
    expect(body.HostConfig.ReadonlyRootfs).toBe(true);
    const observed = observeContainer({ Id: 'f'.repeat(64), Name: '/p-e', State: { Status: 'running' }, Config: { ...body, Hostname: 'ffffffffffff' }, HostConfig: body.HostConfig });
    expect(observed.config.readOnly).toBe(true);
  });

  it('a change needs a new container, and the plan says so', () => {
    const [change] = diffEnv(defaultEnv('p', 'e', 'img:1'), defaultEnv('p', 'e', 'img:1', { readOnly: true }));
    expect(change).toEqual({ field: 'read_only', from: 'false', to: 'true', forcesRecreate: true });
  });

  it('`docker run --read-only` imports as read_only: true, and a live container writes it back', () => {
    const imported = mapRunToEnvironment(parseDockerRun(['--read-only', 'img:1']), { cwd: '/' });
    expect(imported.fields).toMatchObject({ read_only: true, image: 'img:1' });
    expect(canonicalToFields(defaultEnv('p', 'e', 'img:1', { readOnly: true }))).toMatchObject({ read_only: true });
  });
});
