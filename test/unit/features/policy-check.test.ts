// The policy check and the hazards the field table declares, on canonical environments (no engine, no files).
import { describe, expect, it } from 'vitest';
import { defaultEnv } from '../../../src/fields/default-env.js';
import { readPolicyFacts } from '../../../src/fields/read-policy-facts.js';
import { checkPolicy } from '../../../src/features/policy/check-policy.js';
import type { EffectivePolicy, PolicyLayer } from '../../../src/features/policy/policy-types.js';
import { dangerMarks } from '../../../src/plan/danger-marks.js';

const env = (overrides: Parameters<typeof defaultEnv>[3]) => defaultEnv('p', 'box', 'envctl/busybox:local', overrides);
const bind = (source: string) => ({ type: 'bind' as const, source, target: '/x', readOnly: false });
const layer = (rules: Partial<PolicyLayer>, role: 'admin' | 'user' = 'admin'): PolicyLayer => ({ file: `/${role}.yaml`, role, max: {}, ...rules });
const noPolicy: EffectivePolicy = { layers: [], allowed: null };
const written = () => true;

describe('hazards the field table declares', () => {
  it('names what gives the container the host, and only that', () => {
    const kinds = readPolicyFacts(
      env({
        privileged: true,
        networkMode: 'host',
        ipc: 'host',
        capAdd: ['CAP_SYS_ADMIN', 'CAP_SYS_PTRACE', 'CAP_CHOWN'],
        devices: ['/dev/fuse:/dev/fuse:rwm'],
        securityOpt: ['seccomp=unconfined', 'no-new-privileges'],
        mounts: [bind('/var/run/docker.sock'), bind('/etc/passwd'), bind('/'), bind('/root/.cache/hf'), bind('/root/.ssh/id_rsa'), bind('/home/alice/data'), bind('/data')],
      }),
    ).hazards.map((h) => `${h.kind}:${h.what}`);
    expect(kinds).toEqual([
      'docker-socket:bind mount of the docker socket /var/run/docker.sock',
      "host-path:bind mount of the host's /etc/passwd",
      "host-path:bind mount of the host's /",
      "host-path:bind mount of the host's /root/.ssh/id_rsa",
      'host-ipc:ipc: host',
      'host-network:network_mode: host',
      'device:device /dev/fuse:/dev/fuse:rwm',
      'capability:cap_add CAP_SYS_ADMIN',
      'ptrace:cap_add CAP_SYS_PTRACE',
      'privileged:privileged',
      'unconfined:security_opt seccomp=unconfined',
    ]);
  });

  it('are marked on the containers a plan creates; ipc: host only as host access', () => {
    const created = env({ privileged: true, ipc: 'host' });
    const marks = dangerMarks([{ id: 'create env:box', kind: 'create', resource: 'env:box', cause: '', diff: [], dependsOn: [], env: created, specHash: '' }]);
    expect(marks).toEqual(['host access: ipc: host — shares the host\'s shared memory and semaphores (env:box)', 'dangerous: privileged — gives the container the host (env:box)']);
  });
});

describe('checkPolicy', () => {
  it('refuses dangerous settings by default, not with --allow-dangerous, not when the policy allows the kind', () => {
    const box = env({ privileged: true, ipc: 'host' });
    expect(checkPolicy([box], noPolicy, { allowDangerous: false, written }).map((v) => v.key)).toEqual(['privileged']);
    expect(checkPolicy([box], noPolicy, { allowDangerous: true, written })).toEqual([]);
    expect(checkPolicy([box], { layers: [], allowed: { value: ['privileged'], at: '/a.yaml:1' } }, { allowDangerous: false, written })).toEqual([]);
  });

  it('applies every layer: limits, bind roots, host IP, images, forbidden fields, each naming its rule and place', () => {
    const box = env({
      gpus: [{ driver: '', count: 4, deviceIds: [], capabilities: ['gpu'] }],
      memLimitBytes: 0,
      mounts: [bind('/data/x'), bind('/scratch')],
      ports: [{ target: 80, published: 8080, hostIp: '0.0.0.0', protocol: 'tcp' }],
    });
    const policy: EffectivePolicy = {
      layers: [
        layer({ max: { gpus: { value: 2, at: '/admin.yaml:3' }, memory: { value: 64 * 1024 ** 3, at: '/admin.yaml:4' } }, bindMountRoots: { value: ['/data'], at: '/admin.yaml:5' } }),
        layer({ portsHostIp: { value: '127.0.0.1', at: '/user.yaml:1' }, images: { value: ['registry.lab/*'], at: '/user.yaml:2' }, forbiddenFields: { value: ['volumes'], at: '/user.yaml:3' } }, 'user'),
      ],
      allowed: null,
    };
    const messages = checkPolicy([box], policy, { allowDangerous: false, written: (_env, key) => key !== 'mem_limit' }).map((v) => v.message);
    expect(messages).toEqual([
      "no mem_limit (unlimited) is over the policy's max_per_environment.memory 64g (/admin.yaml:4)",
      "gpus 4 is over the policy's max_per_environment.gpus 2 (/admin.yaml:3)",
      "bind mount of /scratch is outside the policy's bind_mount_roots /data (/admin.yaml:5)",
      '`volumes` is forbidden by the policy (forbidden_fields, /user.yaml:3)',
      "ports publishes on 0.0.0.0; the policy's ports_host_ip requires 127.0.0.1 (/user.yaml:1)",
      'image envctl/busybox:local is not among the policy\'s images registry.lab/* (/user.yaml:2)',
    ]);
  });

  it('gpus: all is over any GPU limit', () => {
    const all = env({ gpus: [{ driver: '', count: -1, deviceIds: [], capabilities: [] }] });
    const policy: EffectivePolicy = { layers: [layer({ max: { gpus: { value: 8, at: '/a.yaml:1' } } })], allowed: null };
    expect(checkPolicy([all], policy, { allowDangerous: false, written })).toHaveLength(1);
  });
});
