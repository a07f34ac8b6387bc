// Gathers what the engine runs for a project: its containers (engine/observe-containers.ts), and only the extra
// lookups (names, images, volumes) that a plan will need — a no-op run makes none of those.
import type { Engine, ObservedContainer } from '../engine/engine.js';
import { namedVolumes, type DesiredState } from '../spec/desired-state.js';
import type { ImageState, ObservedState } from '../plan/observed-state.js';
import { BUILD_HASH_LABEL, type ImageSource } from '../spec/image-source.js';
import { readBuildContext } from '../features/build/read-build-context.js';
import { findMissingBindSources } from './find-missing-bind-sources.js';
import { findMissingIpvs } from './find-missing-ipvs.js';
import { hostBindings, type Binding } from '../plan/port-conflicts.js';
import { readHeldPorts } from './read-held-ports.js';
import { observeContainersAndServices } from './observe-services.js';
import { isService } from '../plan/service-config.js';

/** The named volumes the project's containers and existing services mount (a service's are on the nodes that run it):
 * these need no lookup to be known present. */
export function mountedVolumeNames(desired: DesiredState, observed: ObservedState): Set<string> {
  const running = new Set((observed.services ?? []).map((s) => s.envName));
  const serviceVolumes = desired.environments.filter((e) => isService(e) && running.has(e.name)).flatMap(namedVolumes);
  return new Set([...observed.containers.flatMap((c) => namedVolumes(c.config)), ...serviceVolumes]);
}

/** `health`: for services, also say where tasks moved when a node is down (plan, status; not apply's re-plan). */
export async function observeProject(engine: Engine, desired: DesiredState, health = true): Promise<ObservedState> {
  const observed: ObservedState = { project: desired.project, containers: [], foreignNames: {}, images: {}, volumes: {} };
  // Services are only asked about when the spec has some, or the project's services marker says it had: a project of
  // containers makes no Swarm call at all.
  const { containers } = await observeContainersAndServices(engine, desired, observed, health);
  observed.containers = containers;
  const missingBindSources = findMissingBindSources(engine.endpoint, desired.environments);
  if (missingBindSources !== undefined) observed.missingBindSources = missingBindSources;
  const ipvsMissing = findMissingIpvs(engine.endpoint, desired.environments);
  if (ipvsMissing !== undefined) observed.ipvsMissing = ipvsMissing;

  const byEnv = new Map<string, ObservedContainer[]>();
  for (const c of containers) {
    if (c.envName === null) continue;
    byEnv.set(c.envName, [...(byEnv.get(c.envName) ?? []), c]);
  }
  const ownedNames = new Set(containers.map((c) => c.name));
  const mountedVolumes = mountedVolumeNames(desired, observed);

  const lookups: Promise<void>[] = [];
  const newBindings: Binding[] = [];
  const imagesToCheck = new Set<string>();
  for (const env of desired.environments) {
    // A service's image is pulled by each node that runs it, and its name is not a container's.
    if (isService(env)) continue;
    const mine = byEnv.get(env.name) ?? [];
    if (mine.length === 0 && !ownedNames.has(env.containerName)) {
      lookups.push(
        engine.inspectContainer(env.containerName).then((c) => {
          if (c && c.project !== desired.project) observed.foreignNames[env.containerName] = { id: c.id, project: c.project };
        }),
      );
    }
    if (mine.length === 0 || mine.some((c) => c.config.image !== env.image)) imagesToCheck.add(env.image);
    // A new running container's host ports: who holds them is read beside the other lookups, not after the plan.
    if (mine.length === 0 && env.state !== 'stopped') newBindings.push(...hostBindings(env));
  }
  lookups.push(readHeldPorts(engine, observed, newBindings));
  // Envs that build their image, or pull it `always`: what the image is now, from the context or the registry.
  const sources = desired.imageSources ?? {};
  for (const env of desired.environments) {
    const source = sources[env.name];
    if (!source || (source.pullPolicy !== 'always' && source.build === null)) continue;
    imagesToCheck.delete(env.image);
    lookups.push(
      observeImageSource(engine, env.image, source).then(({ state, present }) => {
        (observed.imageStates ??= {})[env.name] = state;
        observed.images[env.image] = present;
      }),
    );
  }
  for (const ref of imagesToCheck) {
    lookups.push(
      engine.inspectImage(ref).then((img) => {
        observed.images[ref] = img !== null;
      }),
    );
  }
  for (const vol of desired.volumes) {
    if (mountedVolumes.has(vol.name)) continue;
    lookups.push(
      engine.inspectVolume(vol.name).then((v) => {
        observed.volumes[vol.name] = v;
      }),
    );
  }
  await Promise.all(lookups);
  return observed;
}

/** The image's state, and whether the engine has any image under the reference (an older build, say). */
async function observeImageSource(engine: Engine, ref: string, source: ImageSource): Promise<{ state: ImageState; present: boolean }> {
  if (source.build !== null) {
    const [{ hash }, image] = await Promise.all([readBuildContext(source.build), engine.inspectImage(ref)]);
    const imageId = image !== null && image.labels[BUILD_HASH_LABEL] === hash ? image.id : null;
    return { state: { kind: 'build', hash, imageId }, present: image !== null };
  }
  const [digest, image] = await Promise.all([engine.registryDigest(ref), engine.inspectImage(ref)]);
  const current = image?.repoDigests?.some((d) => d.endsWith(`@${digest}`)) ?? false;
  return { state: { kind: 'always', digest, current, imageId: image?.id ?? null }, present: image !== null };
}
