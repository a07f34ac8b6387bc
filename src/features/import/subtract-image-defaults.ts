// Takes out of an observed container what it only has because its image says so (ENV, CMD, ENTRYPOINT, WORKDIR, USER,
// LABEL, VOLUME, STOPSIGNAL, EXPOSE, HEALTHCHECK), so an import from a hand-made container lists only what its
// `docker run` line asked for.
import type { CanonicalEnv } from '../../fields/canonical-env.js';
import type { ImageInfo } from '../../engine/engine.js';

const sameList = (a: string[] | null, b: string[] | null): boolean =>
  (a ?? []).length === (b ?? []).length && (a ?? []).every((v, i) => v === (b ?? [])[i]);

const ANONYMOUS_VOLUME = /^[0-9a-f]{64}$/;

export function subtractImageDefaults(env: CanonicalEnv, image: ImageInfo): CanonicalEnv {
  const imageEnv = new Set(image.env);
  const environment = Object.fromEntries(Object.entries(env.environment).filter(([k, v]) => !imageEnv.has(`${k}=${v}`)));
  const labels = Object.fromEntries(Object.entries(env.labels).filter(([k, v]) => image.labels[k] !== v));
  // The daemon hands the image's CMD over only when the entrypoint is the image's too (daemon/create.go merge()).
  const entrypointInherited = sameList(env.entrypoint, image.entrypoint);
  const commandInherited = entrypointInherited && sameList(env.command, image.cmd);
  const imageVolumes = new Set(image.volumes);
  const mounts = env.mounts.filter((m) => !(m.type === 'volume' && imageVolumes.has(m.target) && (m.source === '' || ANONYMOUS_VOLUME.test(m.source))));
  return {
    ...env,
    environment,
    labels,
    entrypoint: entrypointInherited ? null : env.entrypoint,
    command: commandInherited ? null : env.command,
    workingDir: env.workingDir === image.workingDir || env.workingDir === null ? null : env.workingDir,
    user: env.user === image.user || env.user === null ? null : env.user,
    mounts,
    stopSignal: env.stopSignal !== null && env.stopSignal === (image.stopSignal ?? '') ? null : env.stopSignal,
    expose: env.expose.filter((k) => !(image.exposedPorts ?? []).includes(k)),
    healthcheck: env.healthcheck !== null && JSON.stringify(env.healthcheck) === JSON.stringify(image.healthcheck ?? null) ? null : env.healthcheck,
  };
}
