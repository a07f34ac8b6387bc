// The Docker API create body for a canonical environment; observe.ts is its inverse.
import type Docker from 'dockerode';
import type { CanonicalEnv, PortBinding } from '../fields/canonical-env.js';
import type { CreateContainerRequest } from './engine.js';
import { computeInheritedDefaults } from '../fields/inherited-defaults.js';
import { buildEnvctlLabels } from './labels.js';
import { addSshToCreateBody } from '../fields/ssh/ssh-create-options.js';
import { toLabHostConfig } from './lab-host-config.js';
import { encodeNamespaces, LABEL_NAMESPACES } from '../fields/namespace-label.js';
import { carriedMounts, encodeCarried, LABEL_CARRIED_VOLUMES } from '../fields/anonymous-volumes.js';

export type CreateBody = Omit<Docker.ContainerCreateOptions, 'name'>;

function sortedRecord(entries: [string, string][]): Record<string, string> {
  return Object.fromEntries(entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

function portKey(p: PortBinding): string {
  return `${p.target}/${p.protocol}`;
}

function toPortBindings(ports: PortBinding[]): {
  exposed: Record<string, Record<string, never>>;
  bindings: Record<string, { HostIp: string; HostPort: string }[]>;
} {
  const exposed: Record<string, Record<string, never>> = {};
  const bindings: Record<string, { HostIp: string; HostPort: string }[]> = {};
  for (const p of ports) {
    const key = portKey(p);
    exposed[key] = {};
    // '' is what `docker run -p 8080:80` sends: the engine then binds IPv4 and IPv6 (0.0.0.0 alone would skip ::).
    (bindings[key] ??= []).push({
      HostIp: p.hostIp === '0.0.0.0' ? '' : p.hostIp,
      HostPort: p.published === null ? '' : String(p.published),
    });
  }
  return { exposed, bindings };
}

function toBindsAndTmpfs(env: CanonicalEnv): { binds: string[]; tmpfs: Record<string, string> } {
  const binds: string[] = [];
  const tmpfs: Record<string, string> = {};
  for (const m of env.mounts) {
    if (m.type === 'tmpfs') {
      tmpfs[m.target] = m.sizeBytes === null ? '' : `size=${m.sizeBytes}`;
    } else {
      // Binds rather than Mounts: a missing bind source directory is created, as `docker run -v` does.
      binds.push(`${m.source}:${m.target}${m.readOnly ? ':ro' : ''}`);
    }
  }
  return { binds, tmpfs };
}

/** Everything is sent explicitly (ipc, network, restart …) so the daemon's own defaults never decide. */
export function toCreateOptions(req: CreateContainerRequest): CreateBody {
  const { env } = req;
  const { exposed, bindings } = toPortBindings(env.ports);
  const { binds, tmpfs } = toBindsAndTmpfs(env);
  const inherited = computeInheritedDefaults(env, req.image);
  const namespaces = encodeNamespaces(env.ipc, env.networkMode);
  const labels = {
    ...sortedRecord(Object.entries(env.labels)),
    ...buildEnvctlLabels({ project: env.project, envName: env.name, specHash: req.specHash, inherited }),
    ...(namespaces === null ? {} : { [LABEL_NAMESPACES]: namespaces }),
    ...(req.carry?.length ? { [LABEL_CARRIED_VOLUMES]: encodeCarried(req.carry) } : {}),
  };
  for (const key of env.expose) exposed[key] = {};
  const body: CreateBody = {
    Image: env.image,
    Env: Object.keys(env.environment)
      .sort()
      .map((k) => `${k}=${env.environment[k]}`),
    Labels: labels,
    Tty: env.tty,
    OpenStdin: env.stdinOpen,
    ExposedPorts: exposed,
    HostConfig: {
      PortBindings: bindings,
      Binds: binds,
      Tmpfs: tmpfs,
      ShmSize: env.shmSizeBytes,
      IpcMode: env.ipc,
      RestartPolicy: {
        Name: env.restart.name,
        MaximumRetryCount: env.restart.name === 'on-failure' ? env.restart.maxRetries : 0,
      },
      NetworkMode: env.networkMode,
      Dns: [...env.dns],
      ExtraHosts: [...env.extraHosts],
      Memory: env.memLimitBytes,
      NanoCpus: Math.round(env.cpus * 1e9),
      CpusetCpus: env.cpuset,
      ...toLabHostConfig(env),
      // The replaced container's anonymous volumes, data and all (as Compose does); the label above marks them.
      ...(req.carry?.length ? { Mounts: carriedMounts(req.carry) } : {}),
    },
  };
  if (env.command !== null) body.Cmd = [...env.command];
  if (env.entrypoint !== null) body.Entrypoint = [...env.entrypoint];
  if (env.workingDir !== null) body.WorkingDir = env.workingDir;
  if (env.user !== null) body.User = env.user;
  if (env.hostname !== null) body.Hostname = env.hostname;
  if (env.stopSignal !== null) body.StopSignal = env.stopSignal;
  if (env.stopGracePeriodSeconds !== null) (body as CreateBody & { StopTimeout?: number }).StopTimeout = env.stopGracePeriodSeconds;
  if (env.healthcheck !== null) {
    const h = env.healthcheck;
    body.Healthcheck = { Test: [...h.test], Interval: h.intervalNs, Timeout: h.timeoutNs, StartPeriod: h.startPeriodNs, Retries: h.retries };
  }
  // Last: the ssh wrapper goes in front of the entrypoint and command set above.
  if (env.ssh !== null) addSshToCreateBody(body, env, env.ssh, req.image);
  return body;
}
