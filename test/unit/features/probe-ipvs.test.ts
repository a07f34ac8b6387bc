// The IPVS probe's rule on fake /proc and /lib/modules trees: "missing" only when it is certain (no /proc/net/ip_vs
// and no way to load ip_vs: no module support, built without it, loading disabled, no module file for this kernel);
// "unknown" when this process cannot see the kernel's modules; "present" when the file or the module is there.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { probeIpvs } from '../../../src/features/ipvs/probe-ipvs.js';

const KERNEL = '6.1.0-test';
const roots: string[] = [];
afterEach(() => roots.splice(0).forEach((r) => rmSync(r, { recursive: true, force: true })));

/** A fake root with these files (path → content; a Buffer for config.gz). */
function tree(files: Record<string, string | Buffer>): string {
  const root = mkdtempSync(join(tmpdir(), 'envctl-ipvs-'));
  roots.push(root);
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  return root;
}

const config = (line: string): Buffer => gzipSync(`CONFIG_NETFILTER=y\n${line}\nCONFIG_VXLAN=y\n`);
const MODULES = { 'proc/modules': 'overlay 151552 0 - Live 0x0\n', 'proc/net/tcp': '' };
const probe = (files: Record<string, string | Buffer>) => probeIpvs(tree(files), KERNEL);

describe('probeIpvs', () => {
  it('present when /proc/net/ip_vs exists (built in or loaded), whatever else says', () => {
    expect(probe({ 'proc/net/ip_vs': 'IP Virtual Server version 1.2.1\n' }).ipvs).toBe('present');
    expect(probe({ ...MODULES, 'proc/net/ip_vs': '', 'proc/config.gz': config('# CONFIG_IP_VS is not set') }).ipvs).toBe('present');
  });

  it('missing when the kernel cannot load modules at all (no /proc/modules) and has no /proc/net/ip_vs', () => {
    expect(probe({ 'proc/net/tcp': '' })).toEqual({ ipvs: 'missing', evidence: 'no /proc/net/ip_vs, and the kernel cannot load modules (no /proc/modules)' });
  });

  it('missing when /proc/config.gz says the kernel was built without it, even with ip_vs files lying around', () => {
    const found = probe({ ...MODULES, 'proc/config.gz': config('# CONFIG_IP_VS is not set'), [`lib/modules/${KERNEL}/modules.dep`]: 'kernel/net/netfilter/ipvs/ip_vs.ko: \n' });
    expect(found).toEqual({ ipvs: 'missing', evidence: 'the kernel was built without it (/proc/config.gz: CONFIG_IP_VS is not set)' });
  });

  it('unknown when the config says built in yet /proc/net/ip_vs is absent (a contradiction is no certainty)', () => {
    expect(probe({ ...MODULES, 'proc/config.gz': config('CONFIG_IP_VS=y'), [`lib/modules/${KERNEL}/modules.dep`]: '' }).ipvs).toBe('unknown');
  });

  it('missing when module loading is disabled and ip_vs is not loaded', () => {
    const found = probe({ ...MODULES, 'proc/sys/kernel/modules_disabled': '1\n', [`lib/modules/${KERNEL}/kernel/net/netfilter/ipvs/ip_vs.ko`]: '' });
    expect(found.ipvs).toBe('missing');
    expect(found.evidence).toContain('modules_disabled=1');
  });

  it('present when a loadable ip_vs module is installed for this kernel, in any compression or place modules.dep names', () => {
    for (const file of ['ip_vs.ko', 'ip_vs.ko.xz', 'ip_vs.ko.zst', 'ip_vs.ko.gz']) {
      expect(probe({ ...MODULES, 'proc/config.gz': config('CONFIG_IP_VS=m'), [`lib/modules/${KERNEL}/kernel/net/netfilter/ipvs/${file}`]: '' }).ipvs, file).toBe('present');
    }
    expect(probe({ ...MODULES, [`lib/modules/${KERNEL}/modules.dep`]: 'updates/dkms/ip_vs.ko.zst: kernel/net/netfilter/nf_conntrack.ko.zst\n' }).ipvs).toBe('present');
    expect(probe({ ...MODULES, [`usr/lib/modules/${KERNEL}/kernel/net/netfilter/ipvs/ip_vs.ko.zst`]: '' }).ipvs).toBe('present');
  });

  it('missing when this kernel’s module folder has no ip_vs (modprobe looks nowhere else); a module of another kernel does not count', () => {
    const found = probe({
      ...MODULES,
      [`lib/modules/${KERNEL}/modules.dep`]: 'kernel/net/netfilter/ipvs/ip_vs_rr.ko: kernel/fs/overlayfs/overlay.ko\nkernel/fs/overlayfs/overlay.ko:\n',
      'lib/modules/5.10.0-old/kernel/net/netfilter/ipvs/ip_vs.ko': '',
    });
    expect(found).toEqual({ ipvs: 'missing', evidence: `no /proc/net/ip_vs, and no ip_vs module in /lib/modules/${KERNEL}` });
  });

  it('unknown when this kernel’s modules cannot be seen from here (envctl in a container with the engine’s socket)', () => {
    expect(probe({ ...MODULES, 'lib/modules/5.10.0-old/kernel/net/netfilter/ipvs/ip_vs.ko': '' })).toEqual({ ipvs: 'unknown', evidence: `no /lib/modules/${KERNEL} to look in from here` });
  });
});
