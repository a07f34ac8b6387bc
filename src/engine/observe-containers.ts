// A project's containers as envctl sees them: ONE list call, then every inspect in parallel.
import type { Engine, LockRecord, ObservedContainer, ServicesMarker } from './engine.js';

export async function observeContainers(engine: Engine, project: string): Promise<ObservedContainer[]> {
  return inspectAll(engine, await engine.listProjectContainers(project));
}

/** The containers, and the project's lock and services marker from the same list call. */
export async function observeContainersAndLock(engine: Engine, project: string): Promise<{ containers: ObservedContainer[]; lock: LockRecord | null; servicesMarker: ServicesMarker | null }> {
  const { containerIds, lock, servicesMarker } = await engine.listProject(project);
  return { containers: await inspectAll(engine, containerIds), lock, servicesMarker };
}

/** Every container of a list answer, inspected in parallel. */
export async function inspectAll(engine: Engine, ids: string[]): Promise<ObservedContainer[]> {
  const inspected = await Promise.all(ids.map((id) => engine.inspectContainer(id)));
  // A container removed between the list and its inspect is simply gone.
  return inspected.filter((c): c is ObservedContainer => c !== null);
}
