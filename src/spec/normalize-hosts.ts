// `hosts:` (engines by name) and the `host:` an environment runs on.
import { sortedRecord } from '../base/sorted-record.js';
import type { DataPath } from './locate-node.js';
import { isObj, type SpecValues } from './spec-values.js';

type Obj = Record<string, unknown>;

/** Top-level `hosts:` as name → DOCKER_HOST address; null when the spec has none. */
export function normalizeHosts(root: Obj, values: SpecValues): Record<string, string> | null {
  if (!('hosts' in root) || !values.usable(['hosts'], root.hosts) || !isObj(root.hosts)) return null;
  const hosts: Record<string, string> = {};
  for (const [name, entry] of Object.entries(root.hosts)) {
    const path = ['hosts', name, 'docker_host'];
    if (!isObj(entry) || !values.usable(path, entry.docker_host) || typeof entry.docker_host !== 'string') continue;
    const address = entry.docker_host.trim();
    if (!/^(unix:\/\/\/.+|(tcp|ssh):\/\/[^/\s]+\/?)$/.test(address)) {
      values.issue(path, `docker_host "${address}" is not an engine address`, 'write it as for DOCKER_HOST: unix:///path/to/docker.sock, tcp://host:2376 or ssh://user@host');
      continue;
    }
    hosts[name] = address;
  }
  return sortedRecord(hosts);
}

/** The `hosts:` entry an environment runs on (its own `host`, else `defaults.host`); null = the default engine. */
export function hostOf(raw: Obj, path: DataPath, defaults: Obj | undefined, hosts: Record<string, string> | null, values: SpecValues): string | null {
  const own = 'host' in raw;
  const value = own ? raw.host : defaults?.host;
  if (value === undefined || value === null) return null;
  const at = own ? [...path, 'host'] : ['defaults', 'host'];
  if (!values.usable(at, value)) return null;
  const name = String(value);
  if (hosts === null || !(name in hosts)) {
    const known = hosts === null ? [] : Object.keys(hosts);
    values.issue(at, `host \`${name}\` is not an entry of the top-level \`hosts:\``, known.length > 0 ? `known hosts: ${known.join(', ')}` : 'add `hosts: { ' + name + ': { docker_host: ssh://user@' + name + ' } }`');
    return null;
  }
  return name;
}
