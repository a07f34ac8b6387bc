// Compares two stored Swarm service specs (`docker service inspect` .Spec) the way a user would: the docker CLI writes
// every default into what it sends (restart any/5s, update 1/pause/5s/stop-first, vip, 10 s grace …) and envctl
// may leave a default out; both mean the same service. Also left out: the service name, envctl's own labels
// (dev.envctl.*), the networks (envctl attaches the project's overlay network) and an image digest.
type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Obj = { [key: string]: Json };

const SECOND = 1_000_000_000;
const ROLLOUT = { Parallelism: 1, FailureAction: 'pause', Monitor: 5 * SECOND, MaxFailureRatio: 0, Order: 'stop-first', Delay: 0 };

/** Values Swarm (or the docker CLI) uses when a key is absent: equal to absent. */
const DEFAULTS: Record<string, Json> = {
  'TaskTemplate.ContainerSpec.Init': false,
  'TaskTemplate.ContainerSpec.TTY': false,
  'TaskTemplate.ContainerSpec.OpenStdin': false,
  'TaskTemplate.ContainerSpec.ReadOnly': false,
  'TaskTemplate.ContainerSpec.StopGracePeriod': 10 * SECOND,
  'TaskTemplate.ContainerSpec.Isolation': 'default',
  'TaskTemplate.RestartPolicy.Condition': 'any',
  'TaskTemplate.RestartPolicy.Delay': 5 * SECOND,
  'TaskTemplate.RestartPolicy.MaxAttempts': 0,
  'TaskTemplate.RestartPolicy.Window': 0,
  'TaskTemplate.Placement.MaxReplicas': 0,
  'TaskTemplate.ForceUpdate': 0,
  'TaskTemplate.Runtime': 'container',
  'EndpointSpec.Mode': 'vip',
  ...Object.fromEntries(Object.entries(ROLLOUT).flatMap(([k, v]) => [[`UpdateConfig.${k}`, v], [`RollbackConfig.${k}`, v]])),
};

const isObj = (v: Json | undefined): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Drops defaults, then empty objects, arrays and nulls, recursively; sorts what Swarm treats as a set. */
function canonical(value: Json, path: string): Json | undefined {
  if (path in DEFAULTS && JSON.stringify(DEFAULTS[path]) === JSON.stringify(value)) return undefined;
  if (Array.isArray(value)) {
    const items = value.map((v) => canonical(v, `${path}[]`)).filter((v): v is Json => v !== undefined);
    if (items.length === 0) return undefined;
    return /\.(Env|Hosts|Constraints|CapabilityAdd|CapabilityDrop|Nameservers|Search|Groups)$/.test(path) ? [...items].sort() : items;
  }
  if (isObj(value)) {
    const out: Obj = {};
    for (const [k, v] of Object.entries(value)) {
      const c = canonical(v, path === '' ? k : `${path}.${k}`);
      if (c !== undefined) out[k] = c;
    }
    return Object.keys(out).length === 0 ? undefined : out;
  }
  return value === null ? undefined : value;
}

/** A port published through the ingress (Swarm's default mode) over tcp: the same with or without those keys. */
function portDefaults(spec: Obj): void {
  const ports = (spec.EndpointSpec as Obj | undefined)?.Ports;
  if (!Array.isArray(ports)) return;
  for (const p of ports) {
    if (!isObj(p)) continue;
    if (p.PublishMode === 'ingress') delete p.PublishMode;
    if (p.Protocol === 'tcp') delete p.Protocol;
  }
}

function withoutEnvctlLabels(labels: Json | undefined): Json | undefined {
  if (!isObj(labels)) return labels;
  return Object.fromEntries(Object.entries(labels).filter(([k]) => !k.startsWith('dev.envctl.')));
}

/** The parts of a stored spec two equal services share. */
export function comparableSpec(spec: unknown): Json | undefined {
  const copy = structuredClone(spec) as Obj;
  delete copy.Name;
  copy.Labels = withoutEnvctlLabels(copy.Labels) ?? null;
  const task = copy.TaskTemplate as Obj | undefined;
  if (task) {
    delete task.Networks;
    const cs = task.ContainerSpec as Obj | undefined;
    if (cs) {
      cs.Labels = withoutEnvctlLabels(cs.Labels) ?? null;
      if (typeof cs.Image === 'string') cs.Image = cs.Image.replace(/@sha256:[0-9a-f]+$/, '');
      if (Array.isArray(cs.Mounts)) cs.Mounts = [...cs.Mounts].sort((a, b) => String((a as Obj).Target).localeCompare(String((b as Obj).Target)));
    }
  }
  portDefaults(copy);
  return canonical(copy, '');
}

/** Every path where the two specs differ, as `path: cli → envctl` (none: the same service). */
export function serviceSpecDifferences(fromCli: unknown, fromEnvctl: unknown): string[] {
  const out: string[] = [];
  const walk = (a: Json | undefined, b: Json | undefined, path: string): void => {
    if (isObj(a) && isObj(b)) {
      for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) walk(a[k], b[k], path === '' ? k : `${path}.${k}`);
    } else if (JSON.stringify(a) !== JSON.stringify(b)) {
      out.push(`${path}: ${JSON.stringify(a)} → ${JSON.stringify(b)}`);
    }
  };
  walk(comparableSpec(fromCli), comparableSpec(fromEnvctl), '');
  return out;
}
