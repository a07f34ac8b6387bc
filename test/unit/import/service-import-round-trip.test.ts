// Each real-looking `docker service create` line imports into a spec that `envctl validate` accepts as a service (an
// environment with deploy:), and round-trips: the canonical environment written back as spec keys
// (canonicalToFields, what `import --from-container` and the plan's fields use) loads as the same environment.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EnvctlError } from '../../../src/errors/envctl-error.js';
import { canonicalToFields } from '../../../src/features/import/canonical-to-fields.js';
import { renderNewSpec } from '../../../src/features/import/render-import-yaml.js';
import { runImport } from '../../../src/features/import/run-import.js';
import { loadSpec } from '../../../src/spec/load-spec.js';
import { SERVICE_LINES } from './service-create-line-fixtures.js';
import { rejectionOf } from '../../support/expect-error.js';

const dir = mkdtempSync(join(tmpdir(), 'envctl-service-import-'));
writeFileSync(join(dir, '.env'), 'WANDB_MODE=offline\n');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const noEngine = () => {
  throw new Error('importing a line asks no engine');
};

async function load(text: string) {
  const file = join(dir, 'envctl.yaml');
  writeFileSync(file, text);
  const state = await loadSpec(file, { environ: { JUPYTER_TOKEN: 'x' } });
  expect(state.environments).toHaveLength(1);
  return state.environments[0];
}

describe('a docker service create line, imported', () => {
  it.each(SERVICE_LINES.map(([line, key]) => [key, line] as const))('%s: validates as a service and round-trips', async (_key, line) => {
    const imported = await runImport({ words: [line], cwd: dir, environ: {} }, noEngine);
    const env = await load(imported.text);
    expect(env?.deploy).not.toBeNull();
    const again = await load(renderNewSpec({ key: env?.name ?? '', fields: canonicalToFields(env as NonNullable<typeof env>), notes: [], sources: {} }));
    expect(again).toStrictEqual(env);
  });

  it('what validate refuses on a service is a usage error naming the flag that asked for it', async () => {
    const line = 'docker service create -p 80 --endpoint-mode dnsrr nginx';
    const error = await rejectionOf(runImport({ words: [line], cwd: dir, environ: {} }, noEngine), EnvctlError);
    expect(error.code).toBe('usage');
    expect(error.message).toMatch(/^-p 80: a service with endpoint_mode: dnsrr cannot publish through the ingress routing mesh/);
  });
});
