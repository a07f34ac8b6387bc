// The committed JSON Schema, its shape, the SPEC.md reference, and the types derived from the schema.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, expectTypeOf, test } from 'vitest';
import { parseDocument, LineCounter, stringify } from 'yaml';
import { loadSpec } from '../../../src/spec/load-spec.js';
import { NodeLocator } from '../../../src/spec/locate-node.js';
import type { RawEnvironment, RawPort, RawSpec, RawVolume, RawVolumeDecl } from '../../../src/spec/schema.js';
import { validateSpec } from '../../../src/spec/validate-spec.js';
import { buildJsonSchema, renderJsonSchema, SCHEMA_FILE } from '../../../src/spec/write-schema.js';
import { writeSpecFile } from './write-spec-file.js';

const referenceYaml = readFileSync(fileURLToPath(new URL('./fixtures/spec-reference.yaml', import.meta.url)), 'utf8');

function schemaIssues(yaml: string) {
  const lineCounter = new LineCounter();
  const doc = parseDocument(yaml, { lineCounter });
  return validateSpec(doc.toJS(), 'envctl.yaml', new NodeLocator(doc, lineCounter));
}

describe('schemas/envctl.schema.json, for editors and users', () => {
  test('the committed file is exactly what src/spec/schema.ts generates (run `npm run gen:schema` after a change)', () => {
    expect(readFileSync(SCHEMA_FILE, 'utf8')).toBe(renderJsonSchema());
  });

  test('is plain draft-07 JSON Schema with a title', () => {
    const schema = buildJsonSchema();
    expect(schema.$schema).toBe('http://json-schema.org/draft-07/schema#');
    expect(schema.title).toBe('envctl.yaml');
  });

  test('every object refuses unknown keys, and every environment field has a description', () => {
    const objects: Record<string, unknown>[] = [];
    const walk = (node: unknown) => {
      if (Array.isArray(node)) return node.forEach(walk);
      if (typeof node !== 'object' || node === null) return;
      const record = node as Record<string, unknown>;
      if (record.type === 'object' && record.properties) objects.push(record);
      Object.values(record).forEach(walk);
    };
    const schema = buildJsonSchema();
    walk(schema);
    expect(objects.length).toBeGreaterThan(8);
    for (const object of objects) expect(object.additionalProperties).toBe(false);

    const env = (schema.properties as Record<string, { patternProperties: Record<string, { properties: Record<string, { description?: string }> }> }>).environments;
    const fields = Object.values(env?.patternProperties ?? {})[0]?.properties ?? {};
    const undocumented = Object.entries(fields).filter(([, field]) => !field.description).map(([name]) => name);
    expect(undocumented).toEqual([]);
  });

  test('accepts the whole SPEC.md reference', () => {
    expect(schemaIssues(referenceYaml)).toEqual([]);
  });

  test('accepts the other documented forms (build, pull_policy, gpus, volumes long form)', () => {
    const yaml = [
      'environments:',
      '  a:',
      '    build: { context: ./docker, dockerfile: Dockerfile, args: { USER_ID: "1000" }, target: dev }',
      '    pull_policy: missing',
      '    gpus: [0, 3]',
      '    volumes: [{type: tmpfs, target: /scratch, tmpfs: {size: 1g}}, {type: bind, source: ., target: /src, read_only: true}]',
      '    ports: [{target: 80, published: 8080, host_ip: 127.0.0.1, protocol: tcp}, 22, "[::1]:8080:80"]',
      '  b:',
      '    build: ./docker',
      '    gpus: {count: all, capabilities: [compute, utility], driver: nvidia}',
      '    ulimits: {nofile: {soft: 1024, hard: 4096}}',
      'volumes:',
      '  v1:',
      '  v2: {driver: local, driver_opts: {type: tmpfs}, labels: [a=b]}',
      '',
    ].join('\n');
    expect(schemaIssues(yaml)).toEqual([]);
  });

  test('the SPEC.md reference loads completely: every environment field it shows is implemented', async () => {
    // Its `ssh.authorized_keys: [~/.ssh/id_ed25519.pub]` needs that file in the home it is loaded with.
    const { file, dir } = writeSpecFile(referenceYaml, { '.env.det': 'A=1\n', '.ssh/id_ed25519.pub': 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIReferenceSpecKey alice@lab\n' });
    const state = await loadSpec(file, { environ: { USER: 'alice' }, displayPath: 'envctl.yaml', homeDir: dir });
    const env = state.environments[0];
    expect(env?.ssh).toMatchObject({ port: 2222, user: 'root', authorizedKeys: ['ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIReferenceSpecKey alice@lab'] });
  });
});

describe('the TypeScript types are derived from the schema', () => {
  test('raw spec types agree with the documented shapes', () => {
    expectTypeOf<RawSpec['environments']>().toEqualTypeOf<Record<string, RawEnvironment>>();
    expectTypeOf<RawSpec['version']>().toEqualTypeOf<1 | undefined>();
    expectTypeOf<RawEnvironment['shm_size']>().toEqualTypeOf<number | string | undefined>();
    expectTypeOf<RawEnvironment['command']>().toEqualTypeOf<string | string[] | null | undefined>();
    expectTypeOf<RawEnvironment['state']>().toEqualTypeOf<'running' | 'stopped' | 'paused' | undefined>();
    expectTypeOf<RawEnvironment['environment']>().toEqualTypeOf<Record<string, string | number | boolean | null> | string[] | undefined>();
    expectTypeOf<RawEnvironment['tty']>().toEqualTypeOf<boolean | undefined>();
    expectTypeOf<RawPort>().toEqualTypeOf<
      number | string | { target: number; published?: number | string; host_ip?: string; protocol?: 'tcp' | 'udp' | 'sctp'; mode?: 'ingress' | 'host' }
    >();
    expectTypeOf<RawVolume>().toEqualTypeOf<
      | string
      | { type: 'bind' | 'volume' | 'tmpfs'; source?: string; target: string; read_only?: boolean; tmpfs?: { size?: number | string } }
    >();
    expectTypeOf<RawVolumeDecl>().toEqualTypeOf<
      null | { driver?: string; driver_opts?: Record<string, string | number>; labels?: Record<string, string | number | boolean | null> | string[] }
    >();
    // The lines above are checked by tsc (`npm run check`); at run time, a spec written against the derived types is
    // one the schema accepts.
    const typed: RawSpec = {
      version: 1,
      environments: {
        box: {
          image: 'x',
          shm_size: '1g',
          command: ['sh'],
          state: 'paused',
          environment: { A: '1', B: 2, C: true, D: null },
          tty: true,
          ports: [80, '8080:80', { target: 22, published: '2222', host_ip: '127.0.0.1', protocol: 'tcp' }],
          volumes: ['./a:/a', { type: 'tmpfs', target: '/t', tmpfs: { size: '1m' } }],
        },
      },
      volumes: { v: null, w: { driver: 'local', driver_opts: { a: 1 }, labels: ['a=b'] } },
    };
    expect(schemaIssues(stringify(typed))).toEqual([]);
  });
});
