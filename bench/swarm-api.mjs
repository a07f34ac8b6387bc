// The few Engine API calls the Swarm bench makes itself, straight over a node's unix socket (no docker CLI start-up in
// the timed convergence check): services and their running tasks by name prefix, version indexes, and clean-up of
// exactly what one bench run made (services, envctl's services markers, networks named after its projects).
import { request } from 'node:http';

/** One HTTP request to the engine at `socket` (a path); resolves with the parsed JSON body (or null when empty). */
function call(socket, method, path) {
  return new Promise((resolve, reject) => {
    const req = request({ socketPath: socket, method, path: `/v1.41${path}`, timeout: 30_000 }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d) => (body += d));
      res.on('end', () => {
        if ((res.statusCode ?? 500) >= 400) reject(Object.assign(new Error(`${method} ${path}: ${res.statusCode} ${body.trim()}`), { status: res.statusCode }));
        else resolve(body === '' ? null : JSON.parse(body));
      });
    });
    req.on('timeout', () => req.destroy(new Error(`${method} ${path}: no answer in 30 s`)));
    req.on('error', reject);
    req.end();
  });
}

const filters = (f) => `filters=${encodeURIComponent(JSON.stringify(f))}`;

/** `unix:///run/x.sock` → `/run/x.sock`. */
export const socketOf = (dockerHost) => dockerHost.replace(/^unix:\/\//, '');

/** The services whose names start with `prefix` (Swarm's name filter matches prefixes). */
export async function servicesNamed(socket, prefix) {
  const all = await call(socket, 'GET', `/services?${filters({ name: [prefix] })}`);
  return all.filter((s) => s.Spec.Name.startsWith(prefix));
}

/**
 * True when exactly `count` services named `prefix…` exist and each has as many running tasks, of its current spec,
 * as it wants replicas (what `docker service ls` shows as 2/2), with no old task still running next to them.
 */
export async function converged(socket, prefix, count) {
  const services = await servicesNamed(socket, prefix);
  if (services.length !== count) return false;
  const tasks = await call(socket, 'GET', `/tasks?${filters({ 'desired-state': ['running'] })}`);
  for (const s of services) {
    const mine = tasks.filter((t) => t.ServiceID === s.ID);
    const running = mine.filter((t) => t.Status.State === 'running');
    if (mine.length !== s.Spec.Mode.Replicated.Replicas || running.length !== mine.length) return false;
    if (s.UpdateStatus !== undefined && s.UpdateStatus.State === 'updating') return false;
  }
  return true;
}

/** Each service's version index, to prove a no-op run changed nothing the swarm stores. */
export async function versions(socket, prefix) {
  return Object.fromEntries((await servicesNamed(socket, prefix)).map((s) => [s.Spec.Name, s.Version.Index]));
}

async function until(check, { timeoutMs, what, every = 200 }) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`bench: ${what} did not happen within ${Math.round(timeoutMs / 1000)} s`);
    await new Promise((r) => setTimeout(r, every));
  }
}

/**
 * Removes this run's services, markers and networks (names starting with one of `prefixes`) and waits until every node has
 * stopped their containers, so the next measurement starts from an empty swarm.
 */
export async function cleanSwarm({ manager, nodes, prefixes }) {
  const ours = (name) => prefixes.some((p) => name.startsWith(p));
  for (const s of (await call(manager, 'GET', '/services')).filter((x) => ours(x.Spec.Name))) {
    await call(manager, 'DELETE', `/services/${s.ID}`).catch((err) => {
      if (err.status !== 404) throw err;
    });
  }
  // envctl's services marker of each of this run's projects (`envctl-services-<project>`, a never-started container on
  // the manager): envctl removes it with the project's last service, the clean-up of an interrupted run must too.
  const labelled = await call(manager, 'GET', `/containers/json?all=1&${filters({ label: ['dev.envctl.project'] })}`);
  for (const c of labelled.filter((x) => ours(x.Labels['dev.envctl.project'] ?? ''))) {
    await call(manager, 'DELETE', `/containers/${c.Id}?force=1`).catch((err) => {
      if (err.status !== 404) throw err;
    });
  }
  const containersLeft = async () => {
    for (const node of nodes) {
      // A node whose dockerd is down (a Swarm test kills and revives workers) is the manager's to reconcile later.
      const list = await call(node, 'GET', `/containers/json?all=1&${filters({ label: ['com.docker.swarm.service.name'] })}`).catch((err) => {
        if (err.code === 'ECONNREFUSED' || err.code === 'ENOENT') return [];
        throw err;
      });
      if (list.some((c) => ours(c.Labels['com.docker.swarm.service.name'] ?? ''))) return true;
    }
    return false;
  };
  await until(async () => !(await containersLeft()), { timeoutMs: 120_000, what: "removing the bench's services' containers" });
  // A network is removed once no task uses it any more; the manager may take a moment to see that.
  await until(
    async () => {
      const left = (await call(manager, 'GET', '/networks')).filter((n) => ours(n.Name));
      for (const n of left) await call(manager, 'DELETE', `/networks/${n.Id}`).catch(() => undefined);
      return left.length === 0;
    },
    { timeoutMs: 60_000, what: "removing the bench's networks", every: 500 },
  );
}

export { until };
