// volumes (and `tmpfs:`): bind mounts, named volumes and tmpfs mounts, one per container path, sorted by target.
// The anonymous volumes envctl carries into a recreated container are marked by a label and are not the spec's.
import { Type } from '@sinclair/typebox';
import { decodeCarried, LABEL_CARRIED_VOLUMES } from '../anonymous-volumes.js';
import type { Mount } from '../canonical-env.js';
import type { DataPath, Field } from '../field.js';
import { onlyIf } from '../only-if.js';
import { formatList, formatMount } from '../present/format-value.js';
import { specMount } from '../present/spec-values.js';
import { byString } from '../read-raw.js';
import { RECREATE } from '../rules.js';
import { Size, StringEnum, StringOrList, text } from '../schema-parts.js';
import { parseTmpfs } from '../values/parse-tmpfs.js';
import { parseVolume, type LongVolume } from '../values/parse-volume.js';
import { mountFlags } from './volume-flags.js';
import { containerSpec, isShmMount, SHM_PATH } from '../service/service-rules.js';
import { fromServiceMount, serviceMount } from '../service/service-mounts.js';

const VolumeLong = () =>
  Type.Object(
    {
      type: StringEnum(['bind', 'volume', 'tmpfs'] as const, 'Mount type.'),
      source: Type.Optional(Type.String(text('Host path (bind) or volume name (volume).'))),
      target: Type.String(text('Absolute path inside the container.')),
      read_only: Type.Optional(Type.Boolean(text('Mount read-only.'))),
      tmpfs: Type.Optional(
        Type.Object({ size: Type.Optional(Size('Size limit of the tmpfs.')) }, { additionalProperties: false, description: 'tmpfs options.' }),
      ),
    },
    { additionalProperties: false },
  );

const Volume = () =>
  Type.Union([Type.String(), VolumeLong()], {
    description: 'A mount: "src:dst[:ro]" (bind when src starts with /, . or ~; otherwise a named volume) or the long form.',
    errorMessage: 'must be a mount: "src:dst[:ro|:rw]" or {type: bind|volume|tmpfs, source, target, read_only}',
  });

const keys = {
  volumes: {
    get schema() {
      return Type.Array(Volume(), text('Bind mounts, named volumes and tmpfs mounts.'));
    },
  },
  tmpfs: {
    get schema() {
      return StringOrList('tmpfs mounts: "/run" or "/run:size=64m" (a list for several); same as volumes of type tmpfs.');
    },
  },
};

export const compareMounts = (a: Mount, b: Mount): number => byString(a.target, b.target);
const withoutTrailingSlash = (target: string): string => (target.length > 1 ? target.replace(/\/+$/, '') : target);

/** Docker size strings as tmpfs takes them ("1m", "65536", "2g"); null when not expressible in bytes (e.g. "50%"). */
export function parseTmpfsSize(options: string): number | null {
  for (const opt of options.split(',')) {
    const m = /^size=(\d+)([kmgt]?)$/i.exec(opt.trim());
    if (m) {
      const unit = (m[2] ?? '').toLowerCase();
      const mult = unit === 'k' ? 1024 : unit === 'm' ? 1024 ** 2 : unit === 'g' ? 1024 ** 3 : unit === 't' ? 1024 ** 4 : 1;
      return Number(m[1]) * mult;
    }
  }
  return null;
}

/** "src:dst[:opts]"; a source without a leading slash is a named volume, as the engine decides it. */
function parseBind(bind: string): Mount | null {
  const parts = bind.split(':');
  if (parts.length < 2) return null;
  const [source = '', target = '', opts = ''] = parts;
  const readOnly = opts.split(',').includes('ro');
  return source.startsWith('/') ? { type: 'bind', source, target, readOnly } : { type: 'volume', source, target, readOnly };
}

const sortedText = (mounts: readonly Mount[]): string[] => mounts.map(formatMount).sort();

export const volumes: Field<'mounts', Mount[], typeof keys> = {
  name: 'volumes',
  prop: 'mounts',
  keys,
  normalize: ({ volumes, tmpfs }, ctx) => {
    const mounts: Mount[] = [];
    const targets = new Map<string, DataPath>();
    if (volumes.value) {
      for (const item of ctx.items(volumes.value)) {
        const mount = ctx.report(item.path, parseVolume(item.value as string | LongVolume, { specDir: ctx.specDir, homeDir: ctx.homeDir }));
        if (!mount) continue;
        const target = withoutTrailingSlash(mount.target);
        const first = targets.get(target);
        if (first) {
          ctx.issue(item.path, `two mounts target ${mount.target} (the other is at ${ctx.where(first)})`, 'each container path can be mounted once');
          continue;
        }
        targets.set(target, item.path);
        mounts.push(mount);
      }
    }
    // Service-level `tmpfs:` adds tmpfs mounts next to `volumes:`; one path can be mounted once across both.
    if (tmpfs.value) {
      const list = typeof tmpfs.value.value === 'string' ? [tmpfs.value] : ctx.items(tmpfs.value);
      for (const item of list) {
        const mount = ctx.report(item.path, parseTmpfs(String(item.value)));
        if (!mount) continue;
        const target = withoutTrailingSlash(mount.target);
        if (mounts.some((m) => m.target === target)) {
          ctx.issue(item.path, `${target} is already mounted (under volumes or tmpfs)`, 'each container path can be mounted once');
          continue;
        }
        mounts.push({ ...mount, target });
      }
    }
    return mounts.sort(compareMounts);
  },
  container: {
    create: (v, body) => {
      for (const m of v) {
        if (m.type === 'tmpfs') body.HostConfig.Tmpfs[m.target] = m.sizeBytes === null ? '' : `size=${m.sizeBytes}`;
        // Binds rather than Mounts: a missing bind source directory is created, as `docker run -v` does.
        else body.HostConfig.Binds.push(`${m.source}:${m.target}${m.readOnly ? ':ro' : ''}`);
      }
    },
    observe: (i, ctx) => {
      const host = i.HostConfig ?? {};
      const mounts: Mount[] = [];
      for (const bind of host.Binds ?? []) {
        const m = parseBind(bind);
        if (m) mounts.push(m);
      }
      // `docker run --mount …` lands here rather than in Binds; so do the anonymous volumes envctl carried over,
      // which are not the spec's.
      const carried = decodeCarried(i.Config?.Labels?.[LABEL_CARRIED_VOLUMES]);
      for (const m of host.Mounts ?? []) {
        const target = m.Target ?? '';
        if (carried.has(target)) continue;
        if (m.Type === 'bind' || m.Type === 'volume') mounts.push({ type: m.Type, source: m.Source ?? '', target, readOnly: m.ReadOnly === true });
        else if (m.Type === 'tmpfs') {
          const size = m.TmpfsOptions?.SizeBytes;
          mounts.push({ type: 'tmpfs', target, sizeBytes: size === undefined || size === 0 ? null : size });
        }
      }
      for (const [target, options] of Object.entries(host.Tmpfs ?? {})) mounts.push({ type: 'tmpfs', target, sizeBytes: parseTmpfsSize(options) });
      // Anonymous volumes (`-v /path`, or an image VOLUME the spec did not cover and envctl did not record).
      const covered = new Set(mounts.map((m) => m.target));
      const fromImage = new Set(ctx.inherited?.volumes ?? []);
      for (const target of Object.keys(i.Config?.Volumes ?? {})) {
        if (covered.has(target) || fromImage.has(target)) continue;
        const live = (i.Mounts ?? []).find((m) => m.Destination === target);
        mounts.push({ type: 'volume', source: live?.Name ?? '', target, readOnly: live?.RW === false });
      }
      return mounts.sort(compareMounts);
    },
    inherited: (env, img) => {
      const targets = new Set(env.mounts.map((m) => m.target));
      const paths = img.volumes.filter((v) => !targets.has(v)).sort();
      return paths.length > 0 ? { volumes: paths } : {};
    },
  },
  // Named volumes are made on each node a task lands on; a bind's source must exist on every node.
  service: {
    create: (v, spec) => void (containerSpec(spec).Mounts ??= []).push(...v.map(serviceMount)),
    // The tmpfs on /dev/shm is shm_size's.
    observe: (spec) => (containerSpec(spec).Mounts ?? []).filter((m) => !isShmMount(m)).map(fromServiceMount).sort(compareMounts),
    check: (v, _env, ctx) => {
      if (v.some((m) => m.target === SHM_PATH)) {
        ctx.issue(ctx.pathOf('volumes') ?? ctx.pathOf('tmpfs') ?? [], `a service's ${SHM_PATH} is set by shm_size`, `remove the mount on ${SHM_PATH} and write shm_size: envctl mounts a tmpfs of that size there`, true);
      }
    },
  },
  change: RECREATE,
  present: { show: (v) => formatList(sortedText(v)), compare: sortedText },
  import: {
    flags: mountFlags,
    // docker service create has only --mount (no -v, no --tmpfs), with the same options.
    serviceFlags: ['mount'],
    write: (v, env) => onlyIf(v.length > 0, 'volumes', () => v.map((m) => specMount(m, env.containerName))),
  },
};
