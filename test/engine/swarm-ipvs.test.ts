// envctl says when the swarm manager's kernel cannot do what a service asks of IPVS: on this machine (the manager is a
// dockerd in a network namespace here, reached by a unix socket, so it shares this kernel, which has no IPVS) a plan
// of a service publishing through the ingress routing mesh, or reached by a virtual IP, warns about each, in text and
// in --json; the same services with `mode: host` ports and `endpoint_mode: dnsrr` get no warning.
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { probeIpvs } from '../../src/features/ipvs/probe-ipvs.js';
import { ensureSwarmTestbed, type SwarmTestbed } from './support/swarm-testbed.js';
import { SwarmProject } from './support/swarm-project.js';
import { freePort } from '../support/free-port.js';

const SLEEP_ARGS = `["sleep", "3600"]`;
/** busybox httpd on port 80, answering "up". */
const SERVE = `["sh", "-c", "mkdir -p /tmp/w && echo up >/tmp/w/index.html && exec httpd -f -p 80 -h /tmp/w"]`;

/** How a TCP connection to host:port ends: 'connected', or the error code (ECONNREFUSED …). */
function tryConnect(host: string, port: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect({ host, port, timeout: 5000 });
    socket.once('connect', () => (socket.destroy(), resolve('connected')));
    socket.once('timeout', () => (socket.destroy(), resolve('timeout')));
    socket.once('error', (err: NodeJS.ErrnoException) => resolve(err.code ?? err.message));
  });
}

describe('a kernel without IPVS under the swarm manager', () => {
  let bed: SwarmTestbed;
  let p: SwarmProject;
  let port: number;

  const spec = (web: string[], api: string[], webCommand = SLEEP_ARGS): string =>
    [
      'version: 1',
      `project: ${p.name}`,
      'environments:',
      '  web:',
      `    image: ${bed.image}`,
      `    command: ${webCommand}`,
      ...web,
      '  api:',
      `    image: ${bed.image}`,
      `    command: ${SLEEP_ARGS}`,
      ...api,
      '',
    ].join('\n');

  beforeAll(async () => {
    bed = await ensureSwarmTestbed();
    p = new SwarmProject(bed, 'swipvs');
    port = await freePort();
  }, 180_000);
  afterAll(async () => {
    await p?.cleanup();
  }, 120_000);

  it('the premise: this machine’s kernel has no IPVS, and the probe is certain of it', () => {
    const found = probeIpvs();
    expect(
      found.ipvs,
      `this test expects a kernel without IPVS (the machines envctl is built on have none); this one: ${found.ipvs} (${found.evidence}). ` +
        'On a machine with IPVS the warnings below are rightly absent: change the test to expect none.',
    ).toBe('missing');
  });

  it('plan warns of an ingress port and of a virtual IP, in text and in --json; mode: host and dnsrr get none', async () => {
    p.write(spec([`    ports: ["${port}:80"]`, '    deploy: { replicas: 1 }'], ['    deploy: { replicas: 1, endpoint_mode: vip }']));
    const ingress = `env:web publishes port ${port}/tcp through the ingress routing mesh, which this machine's kernel cannot do (no IPVS): it will not answer here; use the long form with mode: host`;
    const vip = (env: string) => `other services reach env:${env} by a virtual IP (endpoint_mode vip, the default), which this machine's kernel cannot route (no IPVS): set deploy.endpoint_mode: dnsrr`;

    const text = await p.run(['plan']);
    expect(text.exitCode, text.stdout + text.stderr).toBe(2);
    expect(text.stdout).toContain('create-service  env:web');
    expect(text.stdout).toContain(`! ${ingress}`);
    expect(text.stdout).toContain(`! ${vip('web')}`);
    expect(text.stdout).toContain(`! ${vip('api')}`);

    const json = await p.run(['plan', '--json']);
    expect(json.exitCode, json.stdout + json.stderr).toBe(2);
    expect((JSON.parse(json.stdout) as { warnings: string[] }).warnings).toEqual([vip('api'), ingress, vip('web')]);

    p.write(spec([`    ports: [{ target: 80, published: ${port}, mode: host }]`, '    deploy: { replicas: 1, endpoint_mode: dnsrr }'], ['    deploy: { replicas: 1, endpoint_mode: dnsrr }']));
    const fine = await p.run(['plan', '--json']);
    expect(fine.exitCode, fine.stdout + fine.stderr).toBe(2);
    const plan = JSON.parse(fine.stdout) as { warnings: string[]; actions: unknown[] };
    expect(plan.actions.length).toBeGreaterThan(0);
    expect(plan.warnings).toEqual([]);
  });

  it('what the warnings say is so: the services run, yet the ingress port is refused on every node and the virtual IP is unreachable', async () => {
    p.write(spec([`    ports: ["${port}:80"]`, '    deploy: { replicas: 1 }'], ['    deploy: { replicas: 1 }'], SERVE));
    const applied = await p.run(['apply', '--yes', '--wait-timeout', '120s']);
    expect(applied.exitCode, applied.stdout + applied.stderr).toBe(0);
    expect(applied.stdout).toContain('through the ingress routing mesh, which this machine');
    const [web] = await p.running('web', 1);
    const [api] = await p.running('api', 1);
    for (const node of bed.nodes) expect(await tryConnect(node.address, port), `${node.hostname}:${port}`).toBe('ECONNREFUSED');
    // From the api task: the web task's own address (tasks.web, as dnsrr gives) answers; the service's virtual IP does not.
    const on = bed.nodes.find((n) => n.hostname === api!.node)!;
    const nc = async (host: string): Promise<number> =>
      (await p.on(on, 'exec', api!.containerId, 'sh', '-c', `nc -w 3 ${host} 80 </dev/null >/dev/null 2>&1; echo $?`).then(Number));
    expect(web!.state).toBe('running');
    expect(await nc('tasks.web')).toBe(0);
    expect(await nc('web')).not.toBe(0);
  }, 180_000);
});
