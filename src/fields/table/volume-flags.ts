// The docker run flags that make mounts (-v, --mount, --tmpfs), for import: host paths made absolute the way the shell
// that ran the line would have, options the spec cannot keep refused by name.
import type { FlagMapping } from '../flag-mapping.js';
import { splitCsv } from '../values/parse-gpu-flag.js';
import { parseVolume } from '../values/parse-volume.js';

const MOUNT_KEYS = new Set(['type', 'source', 'src', 'destination', 'dst', 'target', 'readonly', 'ro', 'tmpfs-size']);

export const mountFlags: readonly FlagMapping[] = [
  {
    name: 'volume',
    short: 'v',
    takesValue: true,
    apply: (d) => {
      const parts = d.value.split(':');
      const source = parts[0] ?? '';
      const pathLike = source.startsWith('/') || source.startsWith('.') || source.startsWith('~');
      const written = pathLike && parts.length > 1 ? [d.path(source), ...parts.slice(1)].join(':') : d.value;
      if (parts.length === 3 && !['ro', 'rw'].includes(parts[2] ?? '')) {
        d.fail(`mount options "${parts[2]}" cannot be expressed in an envctl spec (only ro or rw)`, 'leave them out, or use :ro');
      }
      d.check(parseVolume(written, { specDir: d.cwd, homeDir: d.home }));
      d.push('volumes', written);
    },
  },
  {
    name: 'mount',
    takesValue: true,
    apply: (d) => {
      const opts = new Map<string, string | undefined>();
      for (const f of d.check(splitCsv(d.value))) {
        const eq = f.indexOf('=');
        const key = (eq === -1 ? f : f.slice(0, eq)).toLowerCase();
        if (!MOUNT_KEYS.has(key))
          d.fail(`the mount option "${key}" cannot be expressed in an envctl spec`, 'the spec knows type, source, target, readonly and tmpfs-size');
        opts.set(key, eq === -1 ? undefined : f.slice(eq + 1));
      }
      const type = opts.get('type') ?? 'volume';
      if (type !== 'bind' && type !== 'volume' && type !== 'tmpfs')
        d.fail(`mount type "${type}" cannot be expressed in an envctl spec`, 'use bind, volume or tmpfs');
      const target = opts.get('target') ?? opts.get('dst') ?? opts.get('destination');
      if (target === undefined) return d.fail('the mount has no target', 'add target=/path/in/container');
      const roText = opts.has('readonly') ? opts.get('readonly') : opts.has('ro') ? opts.get('ro') : 'false';
      const readOnly = roText === undefined || /^(1|true)$/i.test(roText);
      const long: Record<string, unknown> = { type };
      const source = opts.get('source') ?? opts.get('src');
      if (source !== undefined) long.source = type === 'bind' ? d.path(source) : source;
      long.target = target;
      if (readOnly) long.read_only = true;
      const size = opts.get('tmpfs-size');
      if (size !== undefined) {
        if (type !== 'tmpfs') d.fail('tmpfs-size only applies to type=tmpfs');
        long.tmpfs = { size: /^[0-9]+$/.test(size) ? Number(size) : size };
      }
      d.check(parseVolume(long as never, { specDir: d.cwd, homeDir: d.home }));
      d.push('volumes', long);
    },
  },
  // The spec's `tmpfs` reads "/path[:options]" like docker does; normalize says which options it cannot keep.
  { name: 'tmpfs', takesValue: true, apply: (d) => d.push('tmpfs', d.value) },
];
