// The import rules between envctl's layers (docs/ARCHITECTURE.md), checked on every CI run by `npm run lint:layers`.
// Layers, lowest first; a layer may import itself and any layer below it, never one above:
//   base, errors → fields → spec → engine → plan → features → apply → app → cli
const LAYERS = ['base|errors', 'fields', 'spec', 'engine', 'plan', 'features', 'apply', 'app', 'cli'];

const folder = (names) => `^src/(${names})/`;

/** One rule per layer: nothing in it imports a layer above it. */
const upward = LAYERS.slice(0, -1).map((layer, i) => ({
  name: `${layer.replace('|', '-')}-not-up`,
  comment: `${layer} sits below ${LAYERS.slice(i + 1).join(', ')}: it may not import them (see docs/ARCHITECTURE.md)`,
  severity: 'error',
  from: { path: folder(layer) },
  to: { path: folder(LAYERS.slice(i + 1).join('|')) },
}));

module.exports = {
  forbidden: [
    ...upward,
    {
      name: 'errors-stand-alone',
      comment: 'errors/ is the one error shape everyone uses: it depends on nothing of envctl',
      severity: 'error',
      from: { path: '^src/errors/' },
      to: { path: '^src/', pathNot: '^src/errors/' },
    },
    {
      name: 'only-engine-speaks-docker',
      comment: 'only src/engine/ talks to the Docker Engine (dockerode, docker-modem); everyone else uses the Engine interface',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/engine/' },
      to: { path: 'node_modules/(dockerode|docker-modem)/' },
    },
    {
      name: 'plan-knows-only-the-engine-interface',
      comment: 'the planner is pure: from engine/ it may use the types of the Engine interface, nothing that does I/O',
      severity: 'error',
      from: { path: '^src/plan/' },
      to: { path: '^src/engine/', pathNot: '^src/engine/engine\\.ts$' },
    },
    {
      name: 'no-circular',
      comment: 'modules that import each other at run time cannot be understood (or loaded) one at a time',
      severity: 'error',
      from: {},
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only', 'type-import'] } },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
};
