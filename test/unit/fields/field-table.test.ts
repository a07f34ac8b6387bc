// The field table as a whole: each field, spec key and docker run flag is defined once, and each field's container
// mapping is its own inverse on the engine's defaults (the real-engine round trip covers every value form).
import { describe, expect, it } from 'vitest';
import { DEPLOY_SERVICE_FLAGS } from '../../../src/features/import/deploy-service-flags.js';
import { SHADOWED_FLAGS } from '../../../src/features/import/docker-run-flags.js';
import { defaultEnv } from '../../../src/fields/default-env.js';
import type { AnyField } from '../../../src/fields/field.js';
import { FIELDS } from '../../../src/fields/registry.js';
import { toCreateOptions } from '../../../src/engine/to-create-options.js';
import { observeContainer, type ContainerInspectJson } from '../../../src/engine/observe.js';
import { EnvironmentSchema } from '../../../src/spec/schema.js';

const TABLE: readonly AnyField[] = FIELDS;
const dupes = (names: string[]): string[] => names.filter((n, i) => names.indexOf(n) !== i);

describe('the field table', () => {
  it('defines each field, canonical property and spec key once, and every key is in the schema', () => {
    expect(dupes(TABLE.map((f) => f.name))).toEqual([]);
    expect(dupes(TABLE.map((f) => f.prop))).toEqual([]);
    const keys = TABLE.flatMap((f) => Object.keys(f.keys));
    expect(dupes(keys)).toEqual([]);
    for (const key of keys) expect(Object.keys(EnvironmentSchema.properties)).toContain(key);
  });

  it('maps each docker run flag from one field, and no flag is also listed as one the spec cannot express', () => {
    const flags = TABLE.flatMap((f) => f.import.flags.map((m) => m.name));
    expect(flags.length).toBeGreaterThan(40);
    expect(dupes(flags)).toEqual([]);
    expect(SHADOWED_FLAGS).toEqual([]);
  });

  it('maps each docker service create flag from one place (a field, or deploy:), a name standing for the field\'s own docker run flag', () => {
    const named = TABLE.flatMap((f) => (f.import.serviceFlags ?? []).filter((e): e is string => typeof e === 'string').map((name) => [f, name] as const));
    expect(named.filter(([f, name]) => !f.import.flags.some((m) => m.name === name)).map(([f, name]) => `${f.name}: ${name}`)).toEqual([]);
    const flags = [...TABLE.flatMap((f) => (f.import.serviceFlags ?? []).map((e) => (typeof e === 'string' ? e : e.name))), ...DEPLOY_SERVICE_FLAGS.map((m) => m.name)];
    expect(flags.length).toBeGreaterThan(50);
    expect(dupes(flags)).toEqual([]);
  });

  it('an environment left at every default goes into a create body and comes back from inspect unchanged', () => {
    const env = defaultEnv('p', 'e', 'img:1');
    const body = toCreateOptions({ env, image: { id: 'sha256:1', ref: 'img:1', env: [], cmd: null, entrypoint: null, workingDir: '', user: '', labels: {}, volumes: [] }, name: 'p-e', specHash: 'h' });
    // What the engine echoes back for such a create: the body's own values, under the name and id it gave.
    const inspect: ContainerInspectJson = { Id: 'f'.repeat(64), Name: '/p-e', State: { Status: 'running' }, Config: { ...body, Hostname: 'ffffffffffff' }, HostConfig: body.HostConfig };
    expect(observeContainer(inspect).config).toEqual(env);
  });
});
