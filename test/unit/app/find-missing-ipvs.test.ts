// When the IPVS probe is asked at all: only for a spec with a service that needs IPVS, and only when the manager is on
// this machine (a unix socket, tcp to loopback); a remote manager or a spec of containers reads no file.
import { describe, expect, it } from 'vitest';
import { findMissingIpvs, isOnThisMachine } from '../../../src/app/find-missing-ipvs.js';
import type { IpvsProbe } from '../../../src/features/ipvs/probe-ipvs.js';
import { defaultDeploy } from '../../support/default-env.js';
import { makeEnv } from '../plan/build-state.js';

const LOCAL = 'unix:///var/run/docker.sock';

/** A probe answering `answer`, counting its calls. */
function probeSaying(answer: IpvsProbe): { probe: () => IpvsProbe; calls: () => number } {
  let n = 0;
  return { probe: () => (n++, answer), calls: () => n };
}

describe('findMissingIpvs', () => {
  const vip = makeEnv('web', { deploy: defaultDeploy({ endpointMode: 'vip' }) });
  const ingress = makeEnv('web', { deploy: defaultDeploy(), ports: [{ target: 80, published: 8080, hostIp: '', protocol: 'tcp', mode: 'ingress' }] });
  const fine = makeEnv('web', { deploy: defaultDeploy(), ports: [{ target: 80, published: 8080, hostIp: '', protocol: 'tcp', mode: 'host' }] });
  const container = makeEnv('box', { ports: [{ target: 80, published: 8080, hostIp: '', protocol: 'tcp' }] });
  const missing: IpvsProbe = { ipvs: 'missing', evidence: 'no /proc/net/ip_vs, and the kernel cannot load modules (no /proc/modules)' };

  it('hands on the evidence when a local manager’s kernel certainly has no IPVS and a service needs it', () => {
    for (const env of [vip, ingress]) expect(findMissingIpvs(LOCAL, [container, env], probeSaying(missing).probe)).toBe(missing.evidence);
    expect(findMissingIpvs('tcp://127.0.0.1:2375', [vip], probeSaying(missing).probe)).toBe(missing.evidence);
  });

  it('says nothing when IPVS is there or cannot be told', () => {
    expect(findMissingIpvs(LOCAL, [vip], probeSaying({ ipvs: 'present', evidence: '/proc/net/ip_vs exists' }).probe)).toBeUndefined();
    expect(findMissingIpvs(LOCAL, [vip], probeSaying({ ipvs: 'unknown', evidence: 'no /lib/modules/x' }).probe)).toBeUndefined();
  });

  it('does not look at all for a remote manager, a spec of containers, or services on mode: host ports with dnsrr', () => {
    for (const [endpoint, envs] of [['tcp://10.0.0.5:2376', [vip]], [LOCAL, [container]], [LOCAL, [fine]], [LOCAL, []]] as const) {
      const spy = probeSaying(missing);
      expect(findMissingIpvs(endpoint, envs, spy.probe)).toBeUndefined();
      expect(spy.calls(), `${endpoint} ${envs.map((e) => e.name).join()}`).toBe(0);
    }
  });
});

describe('isOnThisMachine', () => {
  it('a unix socket and tcp to loopback are this machine; any other host, ssh and nonsense are not', () => {
    for (const e of [LOCAL, 'unix:///run/envctl-swarm/manager.sock', 'tcp://127.0.0.1:2375', 'tcp://127.1.2.3:2375', 'tcp://localhost:2375', 'tcp://[::1]:2375']) expect(isOnThisMachine(e), e).toBe(true);
    for (const e of ['tcp://10.213.0.10:2375', 'tcp://manager.lab:2376', 'ssh://me@localhost', 'tcp://127.example.com:2375', 'not a url']) expect(isOnThisMachine(e), e).toBe(false);
  });
});
