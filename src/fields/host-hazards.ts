// The host paths, capabilities and security options that give a container the host: read by the fields' `policy`.
import type { Hazard } from './field-policy.js';

const DOCKER_SOCKETS = new Set(['/var/run/docker.sock', '/run/docker.sock']);
/** Folders of the host's own system: a bind of one of them (or of anything in them) gives the container the host. */
const HOST_ROOTS = ['/etc', '/proc', '/sys', '/dev', '/boot', '/run', '/var/run', '/var/lib/docker', '/usr', '/lib', '/lib64', '/bin', '/sbin'];
/**
 * root's home is where people who run as root keep caches (`~/.cache/huggingface`): only the whole of it and the
 * folders holding credentials count.
 */
const ROOT_HOME = new Set(['/root', ...['.ssh', '.docker', '.kube', '.gnupg', '.aws', '.config'].map((d) => `/root/${d}`)]);

export function bindHazard(source: string, key: string): Hazard | null {
  const path = source.replace(/\/+$/, '') || '/';
  if (DOCKER_SOCKETS.has(path)) return { kind: 'docker-socket', what: `bind mount of the docker socket ${path}`, key };
  const credentials = [...ROOT_HOME].some((dir) => dir !== '/root' && path.startsWith(`${dir}/`));
  if (path === '/' || ROOT_HOME.has(path) || credentials || HOST_ROOTS.some((root) => path === root || path.startsWith(`${root}/`))) {
    return { kind: 'host-path', what: `bind mount of the host's ${path}`, key };
  }
  return null;
}

/** Capabilities that reach past the container (canonical names are CAP_…; ALL stays ALL). */
const HOST_CAPABILITIES = new Set(['ALL', 'SYS_ADMIN', 'SYS_MODULE', 'SYS_RAWIO', 'SYS_BOOT', 'SYS_TIME', 'NET_ADMIN', 'DAC_READ_SEARCH', 'BPF', 'PERFMON', 'SYSLOG', 'MAC_ADMIN', 'MAC_OVERRIDE', 'LINUX_IMMUTABLE']);

export function capabilityHazards(caps: readonly string[]): Hazard[] {
  return caps.flatMap((c): Hazard[] => {
    const name = c.toUpperCase().replace(/^CAP_/, '');
    if (name === 'SYS_PTRACE') return [{ kind: 'ptrace', what: `cap_add ${c}`, key: 'cap_add' }];
    return HOST_CAPABILITIES.has(name) ? [{ kind: 'capability', what: `cap_add ${c}`, key: 'cap_add' }] : [];
  });
}

/** seccomp/apparmor unconfined, SELinux labels off, /proc and /sys unmasked. */
export function securityOptHazards(options: readonly string[]): Hazard[] {
  return options
    .filter((o) => /^(seccomp|apparmor|systempaths)[=:]unconfined$/.test(o) || /^label[=:]disable$/.test(o))
    .map((o) => ({ kind: 'unconfined', what: `security_opt ${o}`, key: 'security_opt' }));
}
