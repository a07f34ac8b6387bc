// Who holds a host port: this machine's sockets read from /proc (a real listener of this test process), and the
// planner's rule of which holders are conflicts.
import { createServer, type Server } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { nameSocketHolders, readPortSockets } from '../../../src/features/host-ports/read-host-listeners.js';
import { defaultEnv } from '../../../src/fields/default-env.js';
import type { ObservedState } from '../../../src/plan/observed-state.js';
import { findPortConflict } from '../../../src/plan/port-conflicts.js';

function listen(host: string): Promise<{ server: Server; port: number }> {
  const server = createServer();
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, () => resolve({ server, port: (server.address() as { port: number }).port }));
  });
}

describe('readPortSockets / nameSocketHolders', () => {
  const servers: Server[] = [];
  afterAll(() => servers.forEach((s) => s.close()));

  it('finds an IPv4 and an IPv6 listener with their addresses, and names this process as the holder', async () => {
    const v4 = await listen('127.0.0.1');
    const v6 = await listen('::1');
    servers.push(v4.server, v6.server);
    const sockets = readPortSockets(new Set([`${v4.port}/tcp`, `${v6.port}/tcp`]));
    expect(sockets.map((s) => `${s.hostIp} ${s.port}/${s.protocol}`).sort()).toEqual([`127.0.0.1 ${v4.port}/tcp`, `::1 ${v6.port}/tcp`].sort());
    const named = nameSocketHolders(sockets);
    expect(named.every((l) => l.holder.endsWith(`(pid ${process.pid})`))).toBe(true);
  });
});

describe('findPortConflict', () => {
  const web = defaultEnv('mine', 'web', 'img', { ports: [{ target: 80, published: 8080, hostIp: '127.0.0.1', protocol: 'tcp' }] });
  const observed = (held: ObservedState['heldPorts']): ObservedState => ({ project: 'mine', containers: [], foreignNames: {}, images: {}, volumes: {}, heldPorts: held });
  const published = (project: string | null, hostIp = '0.0.0.0') => ({ hostIp, port: 8080, protocol: 'tcp', containerId: 'c1', containerName: `${project ?? 'x'}-api`, project });

  it("another project's or a foreign container on the port (wildcard or same IP) is a conflict; the project's own is not", () => {
    expect(findPortConflict(web, observed({ published: [published('other')], listeners: [] }))?.message).toContain('already published by a container of envctl project "other": other-api');
    expect(findPortConflict(web, observed({ published: [published(null, '127.0.0.1')], listeners: [] }))?.message).toContain('a container envctl does not own');
    expect(findPortConflict(web, observed({ published: [published(null, '10.0.0.1')], listeners: [] }))).toBeNull();
    expect(findPortConflict(web, observed({ published: [published('mine')], listeners: [] }))).toBeNull();
  });

  it("a listener is named, unless a container publishes the port (then it is the engine's proxy)", () => {
    const listener = { hostIp: '0.0.0.0', port: 8080, protocol: 'tcp', holder: 'python3 (pid 42)' };
    expect(findPortConflict(web, observed({ published: [], listeners: [listener] }))?.message).toContain('held on the engine\'s machine by python3 (pid 42)');
    expect(findPortConflict(web, observed({ published: [published('mine')], listeners: [listener] }))).toBeNull();
  });
});
