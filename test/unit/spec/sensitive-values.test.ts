// Which values are secrets (env_file entries, names that look secret, `sensitive:`), refused in labels, and hidden in
// everything the CLI prints, also JSON-escaped.
import { describe, expect, test } from 'vitest';
import { hideInOutput, hideSecrets } from '../../../src/cli/hide-secrets-in-output.js';
import { sensitiveValues } from '../../../src/spec/sensitive-values.js';
import { load, problems } from './write-spec-file.js';

const yaml = (extra = '') => `project: lab
defaults:
  sensitive: [SHARED_LICENSE]
environments:
  box:
    image: busybox
    env_file: .secrets
    sensitive: [MODEL_LICENSE]
    environment: { HF_TOKEN: hf-value-1, MODEL_LICENSE: lic-value-2, SHARED_LICENSE: shared-value-3, MODE: development, ON: "1", PASSWORD: abc }
${extra}`;

describe('sensitive values', () => {
  test('env_file entries, names that look secret and `sensitive:` names (defaults too) are marked; other names are not', async () => {
    const state = await load(yaml(), {}, { '.secrets': 'DATABASE_URL=pg-value-4\n' });
    expect(state.sensitive).toEqual({ box: ['DATABASE_URL', 'HF_TOKEN', 'MODEL_LICENSE', 'PASSWORD', 'SHARED_LICENSE'] });
    // Values shorter than 4 characters guard nothing and would garble the output: not hidden.
    const values = sensitiveValues(state);
    expect([...values].sort()).toEqual(['hf-value-1', 'lic-value-2', 'pg-value-4', 'shared-value-3']);
    expect(values[0]).toBe('shared-value-3');
  });

  test('a label holding a secret value is a located error that does not quote it', async () => {
    const found = await problems(yaml('    labels: { note: "licensed lic-value-2" }\n'), {}, { '.secrets': 'DATABASE_URL=pg-value-4\n' });
    expect(found).toEqual([
      'envctl.yaml:10:21: label `note` holds the value of MODEL_LICENSE, a secret: labels are readable by anyone who can list containers (pass it in `environment` only)',
    ]);
  });

  test('a name under an environment’s own `sensitive:` that it does not set is a warning (a misspelt name hides nothing)', async () => {
    const state = await load(yaml().replace('sensitive: [MODEL_LICENSE]', 'sensitive: [MODEL_LICENCE]'), {}, { '.secrets': 'DATABASE_URL=pg-value-4\n' });
    expect(state.warnings?.map((w) => `${w.line}:${w.col}: ${w.message}`)).toEqual(['8:17: sensitive: MODEL_LICENCE is not an environment variable of this environment']);
    expect(state.sensitive?.box).not.toContain('MODEL_LICENSE');
  });

  test('a `sensitive:` that is not a list of names is a schema error', async () => {
    const found = await problems('project: lab\nenvironments:\n  box:\n    image: busybox\n    sensitive: HF_TOKEN\n');
    expect(found).toEqual([expect.stringMatching(/^envctl\.yaml:5:16: .*sensitive/)]);
  });

  test('output hiding replaces each value, longest first, also in its JSON-escaped form', () => {
    hideInOutput(['s3cr"et\\val', 'tok-123456', 'tok-1234567']);
    expect(hideSecrets('a tok-1234567 b tok-123456 c')).toBe('a (sensitive) b (sensitive) c');
    expect(hideSecrets(JSON.stringify({ v: 's3cr"et\\val' }))).toBe('{"v":"(sensitive)"}');
    expect(hideSecrets('s3cr"et\\val')).toBe('(sensitive)');
  });
});
