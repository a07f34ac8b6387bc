// Services that need IPVS (an ingress port, a virtual IP) are warned about when the plan creates or updates them and
// the manager's kernel certainly has none; never for a service left alone, never when it could not be told.
import { describe, expect, it } from 'vitest';
import type { CanonicalEnv, Deploy, PortBinding } from '../../../src/fields/canonical-env.js';
import type { ObservedService } from '../../../src/engine/engine.js';
import { reconcile } from '../../../src/plan/reconcile.js';
import { serviceSpecOf } from '../../../src/plan/service-config.js';
import { defaultDeploy } from '../../support/default-env.js';
import { makeDesired, makeEnv, makeObserved } from './build-state.js';

const port = (published: number, mode: 'ingress' | 'host', target = 80): PortBinding => ({ target, published, hostIp: '', protocol: 'tcp', mode });
const service = (name: string, endpointMode: Deploy['endpointMode'], ports: PortBinding[] = []): CanonicalEnv =>
  makeEnv(name, { deploy: defaultDeploy({ endpointMode }), ports });
const running = (env: CanonicalEnv): ObservedService => ({
  id: `id-${env.name}`, name: `lab-${env.name}`, version: 7, project: 'lab', envName: env.name, spec: serviceSpecOf(env),
  updateState: null, updateMessage: '', runningTasks: 2, desiredTasks: 2,
});
const NO_IPVS = 'no /proc/net/ip_vs, and the kernel cannot load modules (no /proc/modules)';
const ingress = (env: string, which: string, they = false) =>
  `env:${env} publishes ${which} through the ingress routing mesh, which this machine's kernel cannot do (no IPVS): ${they ? 'they' : 'it'} will not answer here; use the long form with mode: host`;
const vip = (env: string) =>
  `other services reach env:${env} by a virtual IP (endpoint_mode vip, the default), which this machine's kernel cannot route (no IPVS): set deploy.endpoint_mode: dnsrr`;
const observed = (services: ObservedService[], ipvsMissing?: string) =>
  makeObserved([], { services, network: null, servicesMarker: services.length > 0 ? { id: 'marker', name: 'envctl-services-lab' } : null, ...(ipvsMissing === undefined ? {} : { ipvsMissing }) });

describe('services that need IPVS on a kernel without it', () => {
  const web = service('web', 'vip', [port(8080, 'ingress'), port(8443, 'ingress', 443), port(2222, 'host', 22)]);
  const api = service('api', 'vip');
  const db = service('db', 'dnsrr', [port(5432, 'host', 5432)]);
  const one = service('one', 'dnsrr', [port(9000, 'ingress')]);

  it('names each ingress port and each virtual IP of a service the plan creates; mode: host and dnsrr are fine', () => {
    const plan = reconcile(makeDesired([web, api, db, one]), observed([], NO_IPVS));
    expect(plan.warnings).toEqual([vip('api'), ingress('one', 'port 9000/tcp'), ingress('web', 'ports 8080/tcp, 8443/tcp', true), vip('web')]);
  });

  it('warns for a service the plan updates, not for one left as it is', () => {
    const changed = { ...api, environment: { MODE: 'new' } };
    const plan = reconcile(makeDesired([changed, web]), observed([running(api), running(web)], NO_IPVS));
    expect(plan.actions.map((a) => `${a.kind} ${a.resource}`)).toEqual(['update-service env:api']);
    expect(plan.warnings).toEqual([vip('api')]);
  });

  it('says nothing when it could not be told (a remote manager, a kernel with IPVS)', () => {
    expect(reconcile(makeDesired([web, api]), observed([])).warnings).toEqual([]);
  });
});
