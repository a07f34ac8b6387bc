// Use-cases behind `envctl ssh` and `envctl ssh-config`: find the environments' containers and how to reach their sshd.
import type { ContainerFiles } from '../engine/container-files.js';
import { hasContainerFiles } from '../engine/container-files.js';
import type { Engine } from '../engine/engine.js';
import { EnvctlError } from '../errors/envctl-error.js';
import { findSshContainers } from '../features/ssh/find-ssh-containers.js';
import { resolveSshTarget, type SshTarget } from '../features/ssh/resolve-ssh-target.js';
import type { DesiredState } from '../spec/desired-state.js';
import { loadDesired, type SpecSource } from './run-plan.js';
import { engineParts, type ConnectTo } from './engine-parts.js';

export interface SshTargets {
  project: string;
  targets: SshTarget[];
  /** Environments with ssh that cannot be reached now, and why. */
  missing: { env: string; reason: string }[];
}

function withFiles(engine: Engine): Engine & ContainerFiles {
  if (!hasContainerFiles(engine)) throw new EnvctlError('internal', 'this engine connection cannot read files from containers, which ssh needs');
  return engine;
}

function requireEnv(desired: DesiredState, name: string): void {
  const env = desired.environments.find((e) => e.name === name);
  if (!env) {
    const names = desired.environments.map((e) => e.name).join(', ') || 'none';
    throw new EnvctlError('not-found', `no environment "${name}" in the spec`, { hint: `environments: ${names}` });
  }
  if (env.ssh === null) {
    throw new EnvctlError('not-found', `environment "${name}" has no ssh`, { hint: 'add `ssh: true` (or `ssh: {port: 2222}`) to it, then run `envctl apply`' });
  }
}

export async function runSshTargets(source: SpecSource, connectTo: ConnectTo, only?: string): Promise<SshTargets> {
  const desired = await loadDesired(source);
  if (only !== undefined) requireEnv(desired, only);
  const targets: SshTarget[] = [];
  const missing: { env: string; reason: string }[] = [];
  // Each environment on the engine it runs on (a spec with hosts: spans several); engines without ssh are not asked.
  for (const part of engineParts(desired)) {
    if (!part.desired.environments.some((e) => e.ssh !== null && (only === undefined || e.name === only))) continue;
    const engine = withFiles(connectTo(part.dockerHost));
    const found = await findSshContainers(engine, part.desired, only);
    for (const { env, container } of found) {
      if (container === null) {
        missing.push({ env: env.name, reason: 'has no container yet (run `envctl apply`)' });
        continue;
      }
      // What runs, not what the spec now says: an edit not yet applied must not send ssh to the wrong port or user.
      if (container.config.ssh === null) {
        missing.push({ env: env.name, reason: 'runs a container made without ssh (run `envctl apply`)' });
        continue;
      }
      if (container.status !== 'running') {
        missing.push({ env: env.name, reason: `is ${container.status}, not running (run \`envctl apply\`)` });
        continue;
      }
      const target = await resolveSshTarget(engine, container.config, container.id, part.dockerHost, env.ssh ?? {});
      if (target === null) missing.push({ env: env.name, reason: 'has no published ssh port (run `envctl apply`)' });
      else targets.push(target);
    }
  }
  targets.sort((a, b) => (a.env < b.env ? -1 : a.env > b.env ? 1 : 0));
  return { project: desired.project, targets, missing };
}

/** One environment, ready to connect to, or an error that says why not. */
export async function runSshTarget(source: SpecSource, connectTo: ConnectTo, name: string): Promise<SshTarget> {
  const { targets, missing } = await runSshTargets(source, connectTo, name);
  const target = targets[0];
  if (target) return target;
  const why = missing[0]?.reason ?? 'cannot be reached';
  throw new EnvctlError('not-found', `environment "${name}" ${why.replace(/ \(run `envctl apply`\)$/, '')}`, { hint: 'run `envctl apply`, then try again' });
}
