// The one source of truth for envctl.yaml: the TypeBox schema (→ schemas/envctl.schema.json) and the raw types derived from it.
import { Type, type Static, type TOptional, type TSchema } from '@sinclair/typebox';
import { FIELDS } from '../fields/registry.js';
import { ListOrDict, Size, StringEnum, text } from '../fields/schema-parts.js';

const Build = Type.Union(
  [
    Type.String(),
    Type.Object(
      {
        context: Type.Optional(Type.String(text('Build context folder, relative to the spec.'))),
        dockerfile: Type.Optional(Type.String(text('Dockerfile, relative to the context.'))),
        args: Type.Optional(ListOrDict('Build arguments.')),
        target: Type.Optional(Type.String(text('Build stage to stop at.'))),
        max_context: Type.Optional(Size('Largest context (after .dockerignore) plan and apply send, e.g. 8g (default 2g).')),
      },
      { additionalProperties: false },
    ),
  ],
  text('Build the image: a context folder or {context, dockerfile, args, target, max_context}.', 'must be a folder or {context, dockerfile, args, target, max_context}'),
);

/** The fields of the table: each spec key with its schema fragment, as the field defines it (src/fields/table/). */
type TableKeys = UnionToIntersection<(typeof FIELDS)[number]['keys']>;
type UnionToIntersection<U> = (U extends unknown ? (u: U) => void : never) extends (i: infer I) => void ? I : never;
type FieldProperties = { [K in keyof TableKeys]: TableKeys[K] extends { schema: infer S extends TSchema } ? TOptional<S> : never };

function fieldProperties(): FieldProperties {
  const entries = FIELDS.flatMap((field) => Object.entries(field.keys as Record<string, { schema: TSchema }>).map(([key, def]) => [key, Type.Optional(def.schema)]));
  return Object.fromEntries(entries) as FieldProperties;
}

/** What an environment sets that is not container config: lifecycle, data safety, image source, placement. */
const settings = {
  state: Type.Optional(StringEnum(['running', 'stopped', 'paused'] as const, 'What apply converges the container to (default running).')),
  on_recreate: Type.Optional(
    StringEnum(['refuse', 'snapshot', 'discard'] as const, "What to do with changes in the container's own layer when it must be recreated."),
  ),
  ignore_changes: Type.Optional(
    Type.Array(
      Type.String(),
      text(
        'Globs of paths inside the container whose changes are runtime noise, not work (e.g. /workspace/.cache/**), added to the built-in list.',
        'must be a list of path globs',
      ),
    ),
  ),
  build: Type.Optional(Build),
  pull_policy: Type.Optional(StringEnum(['missing', 'always', 'never', 'build'] as const, 'When to pull the image.')),
  host: Type.Optional(Type.String(text('Which entry of top-level `hosts` runs this environment.'))),
};

/** Every field an environment (and `defaults`) may set. Nothing required here: `image` may come from `defaults`. */
const environmentFields = { ...fieldProperties(), ...settings };

export const EnvironmentSchema = Type.Object(environmentFields, {
  additionalProperties: false,
  description: 'One environment: a container and everything about it.',
});

const DefaultsSchema = Type.Object(
  {
    ...environmentFields,
    ports_host_ip: Type.Optional(Type.String(text('Host IP for ports that name none (default 0.0.0.0, all interfaces).'))),
  },
  { additionalProperties: false, description: 'Merged under every environment (environment wins; maps merge, lists replace).' },
);

export const VolumeDeclSchema = Type.Union(
  [
    Type.Null(),
    Type.Object(
      {
        driver: Type.Optional(Type.String(text('Volume driver (default local).'))),
        driver_opts: Type.Optional(Type.Record(Type.String(), Type.Union([Type.String(), Type.Number()]), text('Driver options.'))),
        labels: Type.Optional(ListOrDict('Labels on the volume.')),
      },
      { additionalProperties: false },
    ),
  ],
  text('A named volume with options (or null for the defaults).', 'must be empty or {driver, driver_opts, labels}'),
);

const HostSchema = Type.Object(
  {
    docker_host: Type.String(text('Where the engine is, as in DOCKER_HOST: unix:///..., tcp://host:2376, ssh://user@host.')),
    description: Type.Optional(Type.String()),
  },
  { additionalProperties: false, description: 'A Docker engine envctl may place environments on.' },
);

export const SpecSchema = Type.Object(
  {
    version: Type.Optional(Type.Literal(1, { description: 'Spec format version.', errorMessage: 'must be 1' })),
    project: Type.Optional(
      Type.String({
        pattern: '^[a-z0-9][a-z0-9_-]*$',
        description: "Project name; labels every resource envctl owns. Default: the spec file's folder name.",
        errorMessage: 'must be lowercase letters, digits, _ and - (starting with a letter or digit)',
      }),
    ),
    defaults: Type.Optional(DefaultsSchema),
    environments: Type.Record(Type.String(), EnvironmentSchema, text('The environments, by name; container name <project>-<name> unless container_name is set.')),
    volumes: Type.Optional(Type.Record(Type.String(), VolumeDeclSchema, text('Named volumes with options; those used by environments are created anyway.'))),
    hosts: Type.Optional(Type.Record(Type.String(), HostSchema, text('Docker engines environments may run on.'))),
  },
  {
    additionalProperties: false,
    // `x-…` keys hold YAML anchors to reuse (`x-gpu: &gpu {...}` then `<<: *gpu`), as in Compose.
    patternProperties: { '^x-': {} },
    title: 'envctl.yaml',
    description: 'envctl spec: declarative Docker environments.',
  },
);

export type RawSpec = Static<typeof SpecSchema>;
export type RawEnvironment = Static<typeof EnvironmentSchema>;
export type RawDefaults = Static<typeof DefaultsSchema>;
export type RawPort = RawEnvironment extends { ports?: (infer P)[] } ? P : never;
export type RawVolume = RawEnvironment extends { volumes?: (infer V)[] } ? V : never;
export type RawVolumeDecl = Static<typeof VolumeDeclSchema>;
