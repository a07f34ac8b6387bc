// The planner: compares the desired environments with what the engine has and decides every action apply will take.
import type { ObservedContainer } from '../engine/engine.js';
import type { DesiredState } from '../spec/desired-state.js';
import { specGpuWarnings } from './gpu-claims.js';
import { bindSourceWarnings } from './bind-source-warnings.js';
import { ipvsWarnings } from './ipvs-warnings.js';
import { fingerprintObserved } from './fingerprint-observed.js';
import { guardOwnLayer } from './guard-own-layer.js';
import { imageChange } from './image-change.js';
import { isVolumeMissing, type ObservedState } from './observed-state.js';
import { planAnonymousVolumes } from './plan-anonymous-volumes.js';
import { planEnv } from './plan-env.js';
import { planServices } from './plan-services.js';
import { isService } from './service-config.js';
import { planImageBuilds, planPulls, planVolumeCreates, waitForInputs } from './plan-images-volumes.js';
import { cascadeNamespaceRecreates, orderNamespaceJoins } from './plan-namespaces.js';
import { planSteps } from './plan-steps.js';
import type { Action, Plan } from './plan-types.js';
import { portWarnings } from './port-warnings.js';
import { sshInstallNotes } from './ssh-install-notes.js';
import { findPortConflict, startsContainer } from './port-conflicts.js';
import { findVolumeConflicts } from './volume-conflicts.js';
import { dangerMarks } from './danger-marks.js';
import { planOrphanRemoves } from './remove-actions.js';
import { resolveNames } from './resolve-names.js';
import { compareText } from './short-ids.js';
import { sortActions } from './sort-actions.js';

export function reconcile(desired: DesiredState, observed: ObservedState): Plan {
  const all = [...desired.environments].sort((a, b) => compareText(a.name, b.name));
  // An environment with deploy: is a Swarm service (plan-services.ts); a container of it is an orphan like any other.
  const envs = all.filter((e) => !isService(e));
  const serviceEnvs = all.filter(isService);
  const wanted = new Set(envs.map((e) => e.name));

  const groups = new Map<string, ObservedContainer[]>();
  const orphans: ObservedContainer[] = [];
  for (const c of observed.containers) {
    if (c.envName !== null && wanted.has(c.envName)) {
      const group = groups.get(c.envName) ?? [];
      group.push(c);
      groups.set(c.envName, group);
    } else {
      orphans.push(c);
    }
  }

  const envPlans = envs.map((env) =>
    planEnv(env, groups.get(env.name) ?? [], imageChange(env, observed.imageStates?.[env.name]), desired.sensitive?.[env.name]),
  );
  cascadeNamespaceRecreates(envPlans, observed.containers);
  const orphanRemoves = planOrphanRemoves(orphans);
  resolveNames(envPlans, orphanRemoves, observed);
  for (const p of envPlans) if (p.conflict === null && startsContainer(p.chain, p.env)) p.conflict = findPortConflict(p.env, observed);

  const live = envPlans.filter((p) => p.conflict === null);
  const builds = live.flatMap((p) => (p.build === null ? [] : [p.build]));
  const pulls = planPulls(builds, observed, desired);
  const imageBuilds = planImageBuilds(builds, observed, desired);
  const volumeCreates = planVolumeCreates(desired, builds, observed);
  waitForInputs(builds, pulls, imageBuilds, volumeCreates);
  orderNamespaceJoins(builds);

  const base: Action[] = [...pulls, ...imageBuilds, ...volumeCreates, ...live.flatMap((p) => [...p.removes, ...p.chain]), ...orphanRemoves];
  const { sorted: ordered, stuck } = sortActions(base);
  // A pull or image build exists only for the containers that need it; if they are stuck, so is its reason to run.
  const sorted = ordered.filter((a) => (a.kind !== 'pull' && a.kind !== 'build') || ordered.some((b) => b.dependsOn.includes(a.id)));
  const swarmSeen = (observed.services?.length ?? 0) > 0 || (observed.servicesMarker ?? null) !== null || (observed.network ?? null) !== null;
  const services = serviceEnvs.length > 0 || swarmSeen ? planServices(desired.project, serviceEnvs, observed) : null;
  if (services !== null) sorted.push(...services.actions);
  const conflicts = [...envPlans.flatMap((p) => (p.conflict === null ? [] : [p.conflict])), ...findVolumeConflicts(desired, observed)];
  for (const resource of [...new Set(stuck.map((a) => a.resource))].sort()) {
    conflicts.push({
      resource,
      message: 'container names would swap between environments; apply cannot do that in one step',
      hint: 'change one container_name, apply, then change the other',
    });
  }

  guardOwnLayer(sorted, observed, desired.policies ?? {});
  planAnonymousVolumes(sorted, observed);
  const acting = new Set(sorted.map((a) => a.resource));
  const blocked = new Set(conflicts.map((c) => c.resource));
  const unchanged = [
    ...envs.map((e) => `env:${e.name}`).filter((r) => !acting.has(r) && !blocked.has(r)),
    ...desired.volumes
      .map((v) => v.name)
      .sort(compareText)
      .filter((name) => !isVolumeMissing(observed, name))
      .map((name) => `volume:${name}`),
    ...(services?.unchanged ?? []),
  ];

  return {
    project: desired.project,
    actions: sorted,
    // Last: the steps follow the own-layer policy (a snapshot step) and the order decided above.
    steps: planSteps(sorted),
    conflicts,
    warnings: [...dangerMarks(sorted), ...portWarnings(sorted), ...sshInstallNotes(sorted), ...bindSourceWarnings(sorted, observed.missingBindSources), ...specGpuWarnings(envs, builds.map((b) => b.env)), ...ipvsWarnings(services?.actions ?? [], observed.ipvsMissing), ...(services?.warnings ?? [])],
    unchanged,
    observedFingerprint: fingerprintObserved(observed.containers, observed.services),
  };
}
