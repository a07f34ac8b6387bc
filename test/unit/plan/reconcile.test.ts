// The planner's rules, told as the user's story: what a change to the spec or to the engine makes apply do.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { reconcile } from '../../../src/plan/reconcile.js';
import type { Action } from '../../../src/plan/plan-types.js';
import { makeDesired, makeEnv, makeObserved, observeAs } from './build-state.js';

const GIB = 1024 ** 3;
const kinds = (actions: Action[]): string[] => actions.map((a) => a.id);

describe('reconcile', () => {
  it('a spec that matches the engine plans nothing and lists every environment as unchanged', () => {
    const envs = [makeEnv('a'), makeEnv('b', { state: 'stopped' }), makeEnv('c', { state: 'paused' })];
    const plan = reconcile(makeDesired(envs), makeObserved(envs.map((e) => observeAs(e))));
    expect(plan.actions).toEqual([]);
    expect(plan.conflicts).toEqual([]);
    expect(plan.unchanged).toEqual(['env:a', 'env:b', 'env:c']);
  });

  it('a recreate converges state by itself: one action, not recreate+start', () => {
    const want = makeEnv('a', { shmSizeBytes: 32 * GIB });
    const stopped = observeAs(makeEnv('a'), { status: 'exited', exitCode: 137 });
    const plan = reconcile(makeDesired([want]), makeObserved([stopped]));
    expect(kinds(plan.actions)).toEqual(['recreate env:a']);
    expect(plan.actions[0]?.cause).toBe('shm_size 64m → 32g forces recreate');
    expect(plan.actions[0]?.diff).toContainEqual({ field: 'state', from: 'stopped', to: 'running' });
  });

  it('several recreate-forcing changes are named together in one cause', () => {
    const want = makeEnv('a', { shmSizeBytes: 32 * GIB, ipc: 'host' });
    const plan = reconcile(makeDesired([want]), makeObserved([observeAs(makeEnv('a'))]));
    expect(plan.actions.map((a) => a.cause)).toEqual(['shm_size, ipc change: recreate']);
  });

  it('a restart-policy change updates the same container in place', () => {
    const old = observeAs(makeEnv('a'));
    const plan = reconcile(makeDesired([makeEnv('a', { restart: { name: 'always', maxRetries: 0 } })]), makeObserved([old]));
    expect(plan.actions).toHaveLength(1);
    const update = plan.actions[0];
    expect(update?.kind).toBe('update');
    if (update?.kind !== 'update') return;
    expect(update.containerId).toBe(old.id);
    expect(update.patch).toEqual({ restart: { name: 'always', maxRetries: 0 } });
    expect(update.cause).toBe('restart no → always, in place (same container)');
  });

  it('raising a limit is an update, but going back to unlimited needs a new container', () => {
    const limited = observeAs(makeEnv('a', { cpus: 4, memLimitBytes: 8 * GIB, cpuset: '0-3' }));
    const raise = reconcile(makeDesired([makeEnv('a', { cpus: 8, memLimitBytes: 16 * GIB, cpuset: '0-7' })]), makeObserved([limited]));
    expect(raise.actions.map((a) => a.kind)).toEqual(['update']);
    expect(raise.actions[0]?.kind === 'update' && raise.actions[0].patch).toEqual({ cpus: 8, memLimitBytes: 16 * GIB, cpuset: '0-7' });
    for (const unset of [{ cpus: 0 }, { memLimitBytes: 0 }, { cpuset: '' }]) {
      const env = makeEnv('a', { cpus: 4, memLimitBytes: 8 * GIB, cpuset: '0-3', ...unset });
      const plan = reconcile(makeDesired([env]), makeObserved([limited]));
      expect(plan.actions.map((a) => a.kind)).toEqual(['recreate']);
    }
  });

  it('an update, a rename and a state change run one after another on the same container', () => {
    const want = makeEnv('a', { restart: { name: 'always', maxRetries: 0 }, containerName: 'box', state: 'stopped' });
    const observed = observeAs(makeEnv('a'), { status: 'paused' });
    const plan = reconcile(makeDesired([want]), makeObserved([observed]));
    expect(plan.actions.map((a) => [a.id, a.dependsOn])).toEqual([
      ['update env:a', []],
      ['rename env:a', ['update env:a']],
      ['unpause env:a', ['rename env:a']],
      ['stop env:a', ['unpause env:a']],
    ]);
  });

  it.each([
    ['exited', 'running', ['start']],
    ['created', 'running', ['start']],
    ['running', 'stopped', ['stop']],
    ['running', 'paused', ['pause']],
    ['paused', 'running', ['unpause']],
    ['paused', 'stopped', ['unpause', 'stop']],
    ['exited', 'paused', ['start', 'pause']],
    ['restarting', 'running', []],
    ['restarting', 'stopped', ['stop']],
  ] as const)('a %s container that should be %s gets %j', (status, state, expected) => {
    const env = makeEnv('a', { state });
    const plan = reconcile(makeDesired([env]), makeObserved([observeAs(env, { status })]));
    expect(plan.actions.map((a) => a.kind)).toEqual(expected);
  });

  it('a manual docker stop is drift, repaired by a start whose cause says what happened', () => {
    const env = makeEnv('a');
    const plan = reconcile(makeDesired([env]), makeObserved([observeAs(env, { status: 'exited', exitCode: 137 })]));
    expect(plan.actions.map((a) => a.cause)).toEqual(['container is stopped (exited 137); spec says running']);
  });

  it('a dead container is recreated, even with no field change', () => {
    const env = makeEnv('a');
    const plan = reconcile(makeDesired([env]), makeObserved([observeAs(env, { status: 'dead' })]));
    expect(plan.actions.map((a) => [a.kind, a.cause])).toEqual([['recreate', 'container is dead; recreate']]);
  });

  it('an environment removed from the spec is an orphan, removed after everything else', () => {
    const keep = makeEnv('a');
    const old = observeAs(makeEnv('zz-old'));
    const plan = reconcile(makeDesired([keep, makeEnv('b')]), makeObserved([old, observeAs(keep)]));
    expect(kinds(plan.actions)).toEqual(['create env:b', 'remove env:zz-old']);
    expect(plan.actions[1]?.cause).toBe('environment "zz-old" is no longer in the spec');
  });

  it('duplicates from an interrupted apply: the newest is kept and renamed when none has the wanted name', () => {
    const env = makeEnv('a');
    const older = observeAs(env, { id: 'a'.repeat(64), name: 'lab-a-tmp1', createdAt: '2026-01-01T00:00:00Z' });
    const newer = observeAs(env, { id: 'b'.repeat(64), name: 'lab-a-tmp2', createdAt: '2026-01-02T00:00:00Z' });
    const plan = reconcile(makeDesired([env]), makeObserved([older, newer]));
    expect(plan.actions.map((a) => [a.id, 'containerId' in a ? a.containerId : ''])).toEqual([
      ['remove env:a', older.id],
      ['rename env:a', newer.id],
    ]);
  });

  it('several duplicates get distinct action ids', () => {
    const env = makeEnv('a');
    const containers = ['x', 'y', 'z'].map((s, i) =>
      observeAs(env, { id: s.repeat(64), name: i === 0 ? env.containerName : `lab-a-${s}` }),
    );
    const plan = reconcile(makeDesired([env]), makeObserved(containers));
    expect(kinds(plan.actions)).toEqual(['remove env:a (lab-a-y)', 'remove env:a (lab-a-z)']);
  });

  it('a wanted name held by a container envctl does not own is a conflict, never an action', () => {
    const env = makeEnv('a');
    const plan = reconcile(
      makeDesired([env]),
      makeObserved([], { foreignNames: { 'lab-a': { id: '1a2b3c4d5e6f00000000', project: null } }, images: { 'busybox:1.36': false } }),
    );
    expect(plan.actions).toEqual([]);
    expect(plan.unchanged).toEqual([]);
    expect(plan.conflicts).toEqual([
      {
        resource: 'env:a',
        message: 'container name "lab-a" is taken by a container envctl does not own (id 1a2b3c4d5e6f)',
        hint: 'rename or remove it yourself, or set container_name',
      },
    ]);
  });

  it('a rename onto a foreign name is a conflict too', () => {
    const plan = reconcile(
      makeDesired([makeEnv('a', { containerName: 'taken' })]),
      makeObserved([observeAs(makeEnv('a'))], { foreignNames: { taken: { id: 'f'.repeat(64), project: 'other' } } }),
    );
    expect(plan.actions).toEqual([]);
    expect(plan.conflicts[0]?.message).toContain('envctl project "other"');
  });

  it('a create waits for the removal of the orphan that holds its name', () => {
    const orphan = observeAs(makeEnv('old'));
    const plan = reconcile(makeDesired([makeEnv('new', { containerName: orphan.name })]), makeObserved([orphan]));
    expect(plan.actions.map((a) => [a.id, a.dependsOn])).toEqual([
      ['remove env:old', []],
      ['create env:new', ['remove env:old']],
    ]);
  });

  it('two environments swapping container names is refused as a conflict, not planned into a deadlock', () => {
    const a = makeEnv('a');
    const b = makeEnv('b');
    const plan = reconcile(
      makeDesired([{ ...a, containerName: b.containerName }, { ...b, containerName: a.containerName }]),
      makeObserved([observeAs(a), observeAs(b)]),
    );
    expect(plan.actions).toEqual([]);
    expect(plan.conflicts.map((c) => c.resource)).toEqual(['env:a', 'env:b']);
  });

  it('a swap through recreates pulls nothing either: no action is left without its reason', () => {
    const a = makeEnv('a');
    const b = makeEnv('b');
    const plan = reconcile(
      makeDesired([
        { ...a, containerName: b.containerName, shmSizeBytes: GIB },
        { ...b, containerName: a.containerName, shmSizeBytes: GIB },
      ]),
      makeObserved([observeAs(a), observeAs(b)], { images: { 'busybox:1.36': false } }),
    );
    expect(plan.actions).toEqual([]);
    expect(plan.conflicts).toHaveLength(2);
  });

  it('a create waits for its image pull and its missing volumes; existing ones are not touched', () => {
    const env = makeEnv('a', {
      image: 'pytorch/pytorch:2.4.0',
      mounts: [
        { type: 'volume', source: 'home', target: '/root', readOnly: false },
        { type: 'volume', source: 'cache', target: '/cache', readOnly: false },
      ],
    });
    const plan = reconcile(
      makeDesired([env], [{ name: 'home', driver: 'local', driverOpts: {}, labels: {}, declared: true }]),
      makeObserved([], {
        images: { 'pytorch/pytorch:2.4.0': false },
        volumes: { home: null, cache: { name: 'cache', driver: 'local', driverOpts: {}, labels: {} } },
      }),
    );
    expect(plan.actions.map((a) => [a.id, a.dependsOn])).toEqual([
      ['pull image:pytorch/pytorch:2.4.0', []],
      ['create-volume volume:home', []],
      ['create env:a', ['pull image:pytorch/pytorch:2.4.0', 'create-volume volume:home']],
    ]);
  });

  it('a volume an existing container mounts counts as present even if the lookup says missing', () => {
    const env = makeEnv('a', { mounts: [{ type: 'volume', source: 'home', target: '/root', readOnly: false }] });
    const plan = reconcile(
      makeDesired([env], [{ name: 'home', driver: 'local', driverOpts: {}, labels: {}, declared: true }]),
      makeObserved([observeAs(env)], { volumes: { home: null } }),
    );
    expect(plan.actions).toEqual([]);
    expect(plan.unchanged).toEqual(['env:a', 'volume:home']);
  });

  it('no image is pulled for an environment that is only started', () => {
    const env = makeEnv('a');
    const plan = reconcile(makeDesired([env]), makeObserved([observeAs(env, { status: 'exited' })], { images: { 'busybox:1.36': false } }));
    expect(plan.actions.map((a) => a.kind)).toEqual(['start']);
  });

  it('warns about ports open to all interfaces only for containers being created', () => {
    const open = makeEnv('a', { ports: [{ target: 80, published: 8080, hostIp: '0.0.0.0', protocol: 'tcp' }] });
    const fresh = reconcile(makeDesired([open]), makeObserved([]));
    expect(fresh.warnings).toEqual(['env:a publishes 8080/tcp on all interfaces (0.0.0.0)']);
    const running = reconcile(makeDesired([open]), makeObserved([observeAs(open)]));
    expect(running.warnings).toEqual([]);
  });

  it('warns when the ssh port is open to all interfaces, not when it is bound to loopback', () => {
    const ssh = { user: 'root', port: 2222, hostIp: '0.0.0.0', install: 'auto' as const, authorizedKeys: ['ssh-ed25519 AAAA k'] };
    const open = reconcile(makeDesired([makeEnv('a', { ssh: { ...ssh, install: 'never' as const } })]), makeObserved([]));
    expect(open.warnings).toEqual([
      'env:a publishes ssh (2222) on all interfaces (0.0.0.0); set ssh.host_ip: 127.0.0.1 to keep it local',
    ]);
    const local = reconcile(makeDesired([makeEnv('a', { ssh: { ...ssh, hostIp: '127.0.0.1', install: 'never' as const } })]), makeObserved([]));
    expect(local.warnings).toEqual([]);
  });

  it('says that ssh.install: auto may install openssh-server over the network, only for a container it makes', () => {
    const ssh = { user: 'root', port: 2222, hostIp: '127.0.0.1', install: 'auto' as const, authorizedKeys: ['ssh-ed25519 AAAA k'] };
    const env = makeEnv('a', { ssh });
    const fresh = reconcile(makeDesired([env]), makeObserved([]));
    expect(fresh.warnings).toEqual([
      'env:a: if image busybox:1.36 has no sshd, apply installs openssh-server with its package manager (apt-get, apk, dnf or yum): needs the network (ssh.install: auto; `never` refuses instead)',
    ]);
    expect(reconcile(makeDesired([env]), makeObserved([observeAs(env)])).warnings).toEqual([]);
  });

  it('a container joining another namespace is recreated after the one it joined is recreated', () => {
    const db = makeEnv('db');
    const app = makeEnv('app', { networkMode: 'container:lab-db', ipc: 'container:lab-db' });
    const sidecar = makeEnv('sidecar', { networkMode: 'container:lab-app' });
    const observed = makeObserved([observeAs(db), observeAs(app), observeAs(sidecar)]);
    const plan = reconcile(makeDesired([db, app, sidecar].map((e) => (e === db ? { ...db, shmSizeBytes: GIB } : e))), observed);
    const byId = new Map(plan.actions.map((a) => [a.id, a]));
    expect(plan.actions.map((a) => a.id).sort()).toEqual(['recreate env:app', 'recreate env:db', 'recreate env:sidecar']);
    expect(byId.get('recreate env:app')!.cause).toBe('joins env:db (container:lab-db), which is recreated');
    expect(byId.get('recreate env:app')!.dependsOn).toContain('recreate env:db');
    expect(byId.get('recreate env:sidecar')!.dependsOn).toContain('recreate env:app');
    // nothing recreated, nothing cascades
    expect(reconcile(makeDesired([db, app, sidecar]), observed).actions).toEqual([]);
  });

  it('the plan is deterministic whatever the input order', () => {
    const envs = [
      makeEnv('c', { shmSizeBytes: GIB }),
      makeEnv('a'),
      makeEnv('b', { restart: { name: 'always', maxRetries: 0 } }),
      makeEnv('d', { state: 'stopped' }),
    ];
    const containers = [observeAs(makeEnv('c')), observeAs(makeEnv('b')), observeAs(makeEnv('d')), observeAs(makeEnv('old'))];
    const base = reconcile(makeDesired(envs), makeObserved(containers, { images: { 'busybox:1.36': false } }));
    fc.assert(
      fc.property(fc.shuffledSubarray(envs, { minLength: 4 }), fc.shuffledSubarray(containers, { minLength: 4 }), (e, c) => {
        expect(reconcile(makeDesired(e), makeObserved(c, { images: { 'busybox:1.36': false } }))).toEqual(base);
      }),
    );
    expect(kinds(base.actions)).toEqual([
      'pull image:busybox:1.36',
      'create env:a',
      'update env:b',
      'recreate env:c',
      'stop env:d',
      'remove env:old',
    ]);
  });

  it('every dependency comes before its dependent', () => {
    const env = makeEnv('a', { mounts: [{ type: 'volume', source: 'v', target: '/v', readOnly: false }] });
    const plan = reconcile(
      makeDesired([env, makeEnv('b', { containerName: 'lab-old' })]),
      makeObserved([observeAs(makeEnv('old'))], { images: { 'busybox:1.36': false }, volumes: { v: null } }),
    );
    const seen = new Set<string>();
    for (const action of plan.actions) {
      for (const dep of action.dependsOn) expect(seen.has(dep), `${action.id} after ${dep}`).toBe(true);
      seen.add(action.id);
    }
    expect(plan.actions.map((a) => a.id)).toContain('remove env:old');
  });

  it('the observed fingerprint ignores list and key order but sees a status change', () => {
    const a = observeAs(makeEnv('a'));
    const b = observeAs(makeEnv('b'));
    const reordered = { ...b, config: Object.fromEntries(Object.entries(b.config).reverse()) as typeof b.config };
    const desired = makeDesired([makeEnv('a'), makeEnv('b')]);
    const one = reconcile(desired, makeObserved([a, b])).observedFingerprint;
    expect(reconcile(desired, makeObserved([reordered, a])).observedFingerprint).toBe(one);
    expect(reconcile(desired, makeObserved([a, { ...b, status: 'exited' }])).observedFingerprint).not.toBe(one);
  });
});

describe('reconcile(desired, observed-as-desired)', () => {
  const size = fc.constantFrom(0, 64 * 1024 ** 2, GIB, 32 * GIB);
  const envArb = fc.record({
    image: fc.constantFrom('busybox:1.36', 'pytorch/pytorch:2.4.0', 'alpine@sha256:' + 'a'.repeat(64)),
    command: fc.option(fc.array(fc.string({ minLength: 1, maxLength: 6 }), { maxLength: 3 }), { nil: null }),
    environment: fc.dictionary(fc.constantFrom('A', 'B', 'PATH', 'TOKEN'), fc.string({ maxLength: 5 })),
    workingDir: fc.option(fc.constantFrom('/w', '/root'), { nil: null }),
    ports: fc.uniqueArray(
      fc.record({
        target: fc.integer({ min: 1, max: 65535 }),
        published: fc.option(fc.integer({ min: 1, max: 65535 }), { nil: null }),
        hostIp: fc.constantFrom('0.0.0.0', '127.0.0.1', '::'),
        protocol: fc.constantFrom('tcp' as const, 'udp' as const),
      }),
      { maxLength: 3, selector: (p) => `${p.target}/${p.protocol}` },
    ),
    shmSizeBytes: size.filter((s) => s > 0),
    memLimitBytes: size,
    cpus: fc.constantFrom(0, 0.5, 8),
    cpuset: fc.constantFrom('', '0-3'),
    restart: fc.record({ name: fc.constantFrom('no' as const, 'always' as const, 'on-failure' as const), maxRetries: fc.nat(5) }),
    state: fc.constantFrom('running' as const, 'stopped' as const, 'paused' as const),
    labels: fc.dictionary(fc.constantFrom('team', 'owner'), fc.string({ maxLength: 4 })),
    tty: fc.boolean(),
  });

  it('is empty for any environments already as the spec says', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.tuple(fc.constantFrom('a', 'b', 'c', 'd'), envArb), { selector: ([n]) => n, maxLength: 4 }), (rows) => {
        const envs = rows.map(([name, fields]) => makeEnv(name, fields));
        const plan = reconcile(makeDesired(envs), makeObserved(envs.map((e) => observeAs(e)), { images: { 'busybox:1.36': false } }));
        expect(plan.actions).toEqual([]);
        expect(plan.conflicts).toEqual([]);
        expect(plan.unchanged).toHaveLength(envs.length);
      }),
    );
  });
});
