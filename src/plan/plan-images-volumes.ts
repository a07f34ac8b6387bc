// What the containers a plan makes need first: images pulled or built, named volumes created — and the waits for them.
import { namedVolumes, type CanonicalVolume, type DesiredState } from '../spec/desired-state.js';
import { isVolumeMissing, type ObservedState } from './observed-state.js';
import type { ActionOf } from './plan-types.js';
import { compareText, shortImage } from './short-ids.js';

type Build = ActionOf<'create'> | ActionOf<'recreate'>;
type PullAction = ActionOf<'pull'>;
type ImageBuildAction = ActionOf<'build'>;
type VolumeCreateAction = ActionOf<'create-volume'>;

export function planPulls(builds: Build[], observed: ObservedState, desired: DesiredState): PullAction[] {
  const sources = desired.imageSources ?? {};
  const states = observed.imageStates ?? {};
  // Why each image must be pulled: missing (pull_policy missing, the default), or behind the registry (always).
  const reasons = new Map<string, string>();
  for (const b of builds) {
    const name = b.env.name;
    const policy = sources[name]?.pullPolicy ?? 'missing';
    const state = states[name];
    if (policy === 'build' || policy === 'never') continue;
    if (state?.kind === 'always' && !state.current) {
      reasons.set(b.env.image, state.imageId === null ? 'not present locally' : `the registry has a newer image (${shortImage(state.digest)})`);
    } else if (observed.images[b.env.image] === false && !reasons.has(b.env.image)) reasons.set(b.env.image, 'not present locally');
  }
  const refs = [...reasons.keys()].sort(compareText);
  return refs.map((ref) => ({
    id: `pull image:${ref}`,
    kind: 'pull',
    resource: `image:${ref}`,
    cause: `${reasons.get(ref)!}; needed by ${builds
      .filter((b) => b.env.image === ref)
      .map((b) => b.resource)
      .join(', ')}`,
    diff: [],
    dependsOn: [],
    image: ref,
  }));
}

export function planImageBuilds(builds: Build[], observed: ObservedState, desired: DesiredState): ImageBuildAction[] {
  const byRef = new Map<string, ImageBuildAction>();
  for (const b of builds) {
    const state = observed.imageStates?.[b.env.name];
    const spec = desired.imageSources?.[b.env.name]?.build;
    if (state?.kind !== 'build' || state.imageId !== null || !spec) continue;
    const known = byRef.get(b.env.image);
    if (known) {
      known.cause = `${known.cause}, ${b.resource}`;
      continue;
    }
    byRef.set(b.env.image, {
      id: `build image:${b.env.image}`,
      kind: 'build',
      resource: `image:${b.env.image}`,
      cause: `${observed.images[b.env.image] === false ? 'not built yet' : 'the build context changed'}; needed by ${b.resource}`,
      diff: [],
      dependsOn: [],
      image: b.env.image,
      envName: b.env.name,
      build: spec,
      buildHash: state.hash,
    });
  }
  return [...byRef.values()].sort((a, b) => compareText(a.image, b.image));
}

export function planVolumeCreates(desired: DesiredState, builds: Build[], observed: ObservedState): VolumeCreateAction[] {
  const declared = new Map(desired.volumes.map((v) => [v.name, v]));
  const names = new Set([...declared.keys(), ...builds.flatMap((b) => namedVolumes(b.env))]);
  return [...names]
    .filter((name) => isVolumeMissing(observed, name))
    .sort(compareText)
    .map((name) => {
      // A volume only mounted (never declared) gets the engine's defaults, as `docker run -v name:/path` would.
      const volume: CanonicalVolume = declared.get(name) ?? { name, driver: 'local', driverOpts: {}, labels: {}, declared: false };
      const users = desired.environments
        .filter((e) => namedVolumes(e).includes(name))
        .map((e) => `env:${e.name}`)
        .sort(compareText);
      return {
        id: `create-volume volume:${name}`,
        kind: 'create-volume',
        resource: `volume:${name}`,
        cause: users.length > 0 ? `used by ${users.join(', ')}` : 'declared under volumes:',
        diff: [],
        dependsOn: [],
        volume,
      };
    });
}

/** Each create or recreate waits for the pull or build of its image and the creates of its named volumes. */
export function waitForInputs(builds: Build[], pulls: PullAction[], imageBuilds: ImageBuildAction[], volumeCreates: VolumeCreateAction[]): void {
  for (const build of builds) {
    const pull = pulls.find((p) => p.image === build.env.image);
    if (pull) build.dependsOn.push(pull.id);
    const imageBuild = imageBuilds.find((b) => b.image === build.env.image);
    if (imageBuild) build.dependsOn.push(imageBuild.id);
    for (const name of namedVolumes(build.env)) {
      const create = volumeCreates.find((v) => v.volume.name === name);
      if (create) build.dependsOn.push(create.id);
    }
  }
}
