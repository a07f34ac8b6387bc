// Which environment names are treated as holding a secret (import --from-container does not copy their values).
import { describe, expect, it } from 'vitest';
import { looksSecret } from '../../../src/fields/values/looks-secret.js';

describe('looksSecret', () => {
  it.each(['HF_TOKEN', 'GITHUB_TOKEN', 'DB_PASSWORD', 'PGPASSWORD', 'MYSQL_ROOT_PASSWORD', 'AWS_SECRET_ACCESS_KEY', 'AWS_ACCESS_KEY_ID', 'WANDB_API_KEY', 'OPENAI_APIKEY', 'LICENSE_KEY', 'NPM_AUTH', 'DB_PASS', 'GIT_CREDENTIALS', 'GPG_PASSPHRASE', 'SSH_PRIVATE_KEY', 'session.cookie'])(
    '%s looks secret',
    (name) => expect(looksSecret(name)).toBe(true),
  );
  it.each(['PATH', 'HOME', 'MODE', 'PYTHONUNBUFFERED', 'NVIDIA_VISIBLE_DEVICES', 'KEYBOARD_LAYOUT', 'PASSENGER_COUNT', 'LANG', 'CUDA_VERSION'])(
    '%s does not',
    (name) => expect(looksSecret(name)).toBe(false),
  );
});
