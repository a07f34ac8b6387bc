// Whether this machine's kernel can do IPVS, which Swarm's ingress routing mesh and virtual-IP load balancing need,
// read from files only (a few stats; no process, no netlink) and answered "missing" only when that is certain.
//
// The rule, in order (each step is what the kernel or modprobe itself would go by):
//  1. /proc/net/ip_vs exists → present. IPVS built in, or its module loaded, creates that file in every network
//     namespace (ip_vs_control_net_init), so the nodes' namespaces see what this one sees.
//  2. No /proc/modules → missing. The kernel has no loadable-module support (CONFIG_MODULES unset): IPVS is not built
//     in (step 1) and nothing could ever add it.
//  3. /proc/config.gz says `# CONFIG_IP_VS is not set` → missing: the kernel was built without it. (`=y` with no
//     /proc/net/ip_vs contradicts step 1: unknown.)
//  4. kernel.modules_disabled = 1 → missing: no module may be loaded any more, and ip_vs is not loaded (step 1).
//  5. /lib/modules/<release> (or /usr/lib/modules/<release>) absent → unknown: this process cannot see the modules
//     the kernel's modprobe would load (envctl in a container with the engine's socket mounted looks like this).
//  6. An ip_vs module there (ip_vs.ko[.xz|.zst|.gz] in its usual folder, or named in modules.dep, or built in per
//     modules.builtin) → present: dockerd's first look-up of the "IPVS" netlink family makes the kernel load it.
//     Otherwise → missing: modprobe finds modules only through that folder.
// What is not read: the generic-netlink family "IPVS" itself (Node has no netlink socket, a native addon is not worth
// it, and resolving the family is exactly what auto-loads the module — a probe must not change the machine).
// Measured on the build machine (kernel 6.18, CONFIG_MODULES and CONFIG_IP_VS unset, no /lib/modules): step 2 says
// missing after two access() calls (strace), ~8 µs a probe; /proc/config.gz agrees (step 3); dockerd there logs
// "Could not get ipvs family information", an ingress port is refused on every node and a virtual IP does not answer
// (test/engine/swarm-ipvs.test.ts).
import { existsSync, readFileSync } from 'node:fs';
import { release } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';

export interface IpvsProbe {
  ipvs: 'present' | 'missing' | 'unknown';
  /** How that is known, in a few words with the files read. */
  evidence: string;
}

const MODULE_ROOTS = ['lib/modules', 'usr/lib/modules'];
const MODULE_FILES = ['ip_vs.ko', 'ip_vs.ko.xz', 'ip_vs.ko.zst', 'ip_vs.ko.gz'];
/** ip_vs.ko (any compression) as a line of modules.dep ("kernel/…/ip_vs.ko.zst: …") or modules.builtin. */
const MODULE_LINE = /(^|\/)ip_vs\.ko(\.(xz|zst|gz))?(:|$)/m;

/** `root`: where /proc and /lib are (a test's fake tree); `kernel`: the running kernel's release (`uname -r`). */
export function probeIpvs(root = '/', kernel = release()): IpvsProbe {
  const at = (path: string): string => join(root, path);
  if (existsSync(at('proc/net/ip_vs'))) return { ipvs: 'present', evidence: '/proc/net/ip_vs exists (IPVS is built in or loaded)' };
  if (!existsSync(at('proc/modules'))) {
    return { ipvs: 'missing', evidence: 'no /proc/net/ip_vs, and the kernel cannot load modules (no /proc/modules)' };
  }
  const config = configuredIpvs(at('proc/config.gz'));
  if (config === 'n') return { ipvs: 'missing', evidence: 'the kernel was built without it (/proc/config.gz: CONFIG_IP_VS is not set)' };
  if (config === 'y') return { ipvs: 'unknown', evidence: 'CONFIG_IP_VS=y, yet no /proc/net/ip_vs' };
  if (readText(at('proc/sys/kernel/modules_disabled'))?.trim() === '1') {
    return { ipvs: 'missing', evidence: 'no /proc/net/ip_vs, and module loading is disabled (kernel.modules_disabled=1)' };
  }
  const dirs = MODULE_ROOTS.map((r) => join(at(r), kernel)).filter((d) => existsSync(d));
  if (dirs.length === 0) return { ipvs: 'unknown', evidence: `no /lib/modules/${kernel} to look in from here` };
  if (dirs.some(hasIpvsModule)) return { ipvs: 'present', evidence: `an ip_vs module for ${kernel} is installed (loaded on first use)` };
  return { ipvs: 'missing', evidence: `no /proc/net/ip_vs, and no ip_vs module in /lib/modules/${kernel}` };
}

/** CONFIG_IP_VS from the kernel's own config: 'y', 'm', 'n' (not set), or undefined (no /proc/config.gz). */
function configuredIpvs(file: string): 'y' | 'm' | 'n' | undefined {
  let text: string;
  try {
    text = gunzipSync(readFileSync(file)).toString('utf8');
  } catch {
    return undefined;
  }
  if (/^# CONFIG_IP_VS is not set$/m.test(text)) return 'n';
  const value = /^CONFIG_IP_VS=([ym])$/m.exec(text)?.[1];
  return value === 'y' || value === 'm' ? value : undefined;
}

function hasIpvsModule(dir: string): boolean {
  if (MODULE_FILES.some((f) => existsSync(join(dir, 'kernel/net/netfilter/ipvs', f)))) return true;
  return ['modules.dep', 'modules.builtin'].some((f) => MODULE_LINE.test(readText(join(dir, f)) ?? ''));
}

function readText(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}
