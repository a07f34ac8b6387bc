// Top-level `volumes:` (named volumes with options), plus every named volume an environment mounts without declaring it.
import { compareStrings } from '../base/compare-strings.js';
import { sortedRecord } from '../base/sorted-record.js';
import type { CanonicalEnv } from '../fields/canonical-env.js';
import { readLabels } from '../fields/table/labels.js';
import { VOLUME_NAME } from '../fields/values/parse-volume.js';
import type { CanonicalVolume } from './desired-state.js';
import { isObj, type SpecValues } from './spec-values.js';

export function normalizeVolumes(root: Record<string, unknown>, environments: CanonicalEnv[], values: SpecValues): CanonicalVolume[] {
  const volumes = new Map<string, CanonicalVolume>();
  const declared = values.usable(['volumes'], root.volumes) && isObj(root.volumes) ? root.volumes : {};
  for (const name of Object.keys(declared)) {
    const path = ['volumes', name];
    if (!VOLUME_NAME.test(name)) {
      values.issue(path, `\`${name}\` is not a volume name (2 to 255 letters, digits, _ . -)`, undefined, true);
      continue;
    }
    const decl = declared[name];
    if (decl !== null && (!values.usable(path, decl) || !isObj(decl))) continue;
    const driverOpts: Record<string, string> = {};
    if (decl && isObj(decl.driver_opts)) for (const [k, v] of Object.entries(decl.driver_opts)) driverOpts[k] = String(v);
    const labelsPath = [...path, 'labels'];
    const labels = decl && decl.labels !== undefined && values.usable(labelsPath, decl.labels) ? readLabels([{ value: decl.labels, path: labelsPath }], values) : {};
    volumes.set(name, { name, driver: decl && typeof decl.driver === 'string' ? decl.driver : 'local', driverOpts: sortedRecord(driverOpts), labels, declared: true });
  }
  for (const env of environments) {
    for (const mount of env.mounts) {
      if (mount.type === 'volume' && !volumes.has(mount.source)) {
        volumes.set(mount.source, { name: mount.source, driver: 'local', driverOpts: {}, labels: {}, declared: false });
      }
    }
  }
  return [...volumes.values()].sort((a, b) => compareStrings(a.name, b.name));
}
