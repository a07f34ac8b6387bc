// Which private key `envctl ssh` and `ssh-config` offer, and which explicit `ssh.identity_file` does not exist here
// (to be warned about; the guessed private halves of listed .pub files stay silent).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findIdentityFile } from '../../../src/features/ssh/resolve-ssh-target.js';
import { normalizeSsh } from '../../../src/fields/ssh/normalize-ssh.js';

const KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIAaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa alice@lab';
const home = mkdtempSync(join(tmpdir(), 'envctl-identity-unit-'));
mkdirSync(join(home, '.ssh'));
mkdirSync(join(home, 'keys'));
writeFileSync(join(home, '.ssh', 'id_ed25519.pub'), `${KEY}\n`);
writeFileSync(join(home, '.ssh', 'id_ed25519'), 'private\n');
writeFileSync(join(home, 'keys', 'lab'), 'private\n');
writeFileSync(join(home, 'keys', 'lab.pub'), `${KEY}\n`);
afterAll(() => rmSync(home, { recursive: true, force: true }));
const ctx = { specDir: home, homeDir: home, defaultHostIp: '0.0.0.0' };
const ssh = (block: Record<string, unknown>) => normalizeSsh(block, ctx).config!;

describe('the private key offered', () => {
  it('an identity_file that exists is used, with nothing to warn about', () => {
    const config = ssh({ authorized_keys: ['~/keys/lab.pub'], identity_file: '~/keys/lab' });
    expect(config.identityFile).toBe(join(home, 'keys', 'lab'));
    expect(findIdentityFile(config.authorizedKeys, config, home)).toEqual({ path: join(home, 'keys', 'lab'), missing: null });
  });

  it('a missing identity_file is named; the private half of a listed .pub is used instead', () => {
    const config = ssh({ authorized_keys: ['~/keys/lab.pub'], identity_file: '~/keys/lab-typo' });
    expect(findIdentityFile(config.authorizedKeys, config, home)).toEqual({ path: join(home, 'keys', 'lab'), missing: join(home, 'keys', 'lab-typo') });
  });

  it('a missing identity_file is named; a ~/.ssh key the environment authorizes is used instead', () => {
    const config = ssh({ authorized_keys: [KEY], identity_file: '/nowhere/lab' });
    expect(findIdentityFile(config.authorizedKeys, config, home)).toEqual({ path: join(home, '.ssh', 'id_ed25519'), missing: '/nowhere/lab' });
  });

  it('a missing identity_file and no key found: none offered (ssh tries its own), the file still named', () => {
    const config = ssh({ authorized_keys: ['ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb'], identity_file: '/nowhere/lab' });
    expect(findIdentityFile(config.authorizedKeys, config, home)).toEqual({ path: null, missing: '/nowhere/lab' });
  });

  it('a guessed private half of a listed .pub that is missing is no warning', () => {
    const other = join(home, 'other.pub');
    writeFileSync(other, `${KEY}\n`);
    const config = ssh({ authorized_keys: [other] });
    expect(config.identityFiles).toEqual([join(home, 'other')]);
    expect(findIdentityFile(config.authorizedKeys, config, home)).toEqual({ path: join(home, '.ssh', 'id_ed25519'), missing: null });
  });
});
