// Anonymous volumes on their own: observed from inspect, carried by the create body and not read back as drift,
// given a fate by the planner (carry / keep / remove) and said in the plan text.
import { describe, expect, it } from 'vitest';
import type { AnonymousVolume, ImageInfo, ObservedContainer } from '../../../src/engine/engine.js';
import { observeContainer, type ContainerInspectJson } from '../../../src/engine/observe.js';
import { toCreateOptions } from '../../../src/engine/to-create-options.js';
import { formatPlan } from '../../../src/cli/render/format-plan.js';
import { planDestroy } from '../../../src/plan/plan-destroy.js';
import { planToJson } from '../../../src/cli/render/plan-to-json.js';
import { reconcile } from '../../../src/plan/reconcile.js';
import { makeDesired, makeEnv, makeObserved, observeAs } from '../plan/build-state.js';

const V1 = 'a'.repeat(64);
const V2 = 'b'.repeat(64);
const image: ImageInfo = { id: 'sha256:1', ref: 'img', env: [], cmd: ['sh'], entrypoint: null, workingDir: '', user: '', labels: {}, volumes: ['/data'] };
const anon = (name: string, target: string): AnonymousVolume => ({ name, target, readOnly: false });

/** What the engine answers for a container made from `body` with these live mounts. */
function inspectOf(body: ReturnType<typeof toCreateOptions>, mounts: ContainerInspectJson['Mounts']): ContainerInspectJson {
  return {
    Id: 'c'.repeat(64),
    Name: '/lab-box',
    State: { Status: 'running' },
    Config: { ...body, Image: body.Image, Volumes: { '/data': {} } } as ContainerInspectJson['Config'],
    HostConfig: body.HostConfig as ContainerInspectJson['HostConfig'],
    Mounts: mounts,
  };
}

describe('observe and create', () => {
  const env = makeEnv('box', { image: 'img:latest', shmSizeBytes: 128 * 1024 * 1024 });

  it("an image VOLUME's engine-made volume is anonymous, not a spec mount", () => {
    const body = toCreateOptions({ env, image, name: 'lab-box', specHash: 'h' });
    const observed = observeContainer(inspectOf(body, [{ Type: 'volume', Name: V1, Destination: '/data', RW: true }]));
    expect(observed.config.mounts).toEqual([]);
    expect(observed.anonymousVolumes).toEqual([anon(V1, '/data')]);
    expect(observed.enginePaths).toEqual({ mounts: ['/data'], dirs: [] });
  });

  it('a carried volume is mounted explicitly and labelled, and reads back as anonymous: no drift', () => {
    const body = toCreateOptions({ env, image, name: 'lab-box-envctl-1', specHash: 'h', carry: [anon(V1, '/data')] });
    expect(body.HostConfig?.Mounts).toEqual([{ Type: 'volume', Source: V1, Target: '/data', ReadOnly: false }]);
    expect(body.Labels?.['dev.envctl.carried-volumes']).toBe('["/data"]');
    const observed = observeContainer(inspectOf(body, [{ Type: 'volume', Name: V1, Destination: '/data', RW: true }]));
    expect(observed.config.mounts).toEqual(env.mounts);
    expect(observed.anonymousVolumes).toEqual([anon(V1, '/data')]);
  });

  it('a spec volume that happens to have 64 hex digits as its name is a named volume', () => {
    const named = makeEnv('box', { image: 'img:latest', mounts: [{ type: 'volume', source: V2, target: '/data', readOnly: false }] });
    const body = toCreateOptions({ env: named, image, name: 'lab-box', specHash: 'h' });
    const observed = observeContainer(inspectOf(body, [{ Type: 'volume', Name: V2, Destination: '/data', RW: true }]));
    expect(observed.anonymousVolumes).toEqual([]);
  });

  it('engine paths: every mount point, devices, init and the working dir', () => {
    const observed = observeContainer({
      Id: 'd'.repeat(64),
      Config: { WorkingDir: '/work/wd/' },
      HostConfig: {
        Binds: ['/h:/b:ro'],
        Tmpfs: { '/t': '' },
        Devices: [{ PathInContainer: '/opt/dev' }],
        Init: true,
      } as ContainerInspectJson['HostConfig'],
      Mounts: [{ Type: 'volume', Name: V1, Destination: '/data' }],
    });
    expect(observed.enginePaths).toEqual({ mounts: ['/b', '/data', '/opt/dev', '/sbin/docker-init', '/t'], dirs: ['/work/wd'] });
  });
});

describe('the planner gives each anonymous volume a fate, and the plan says it', () => {
  it('recreate: carried, unless the spec now mounts the target itself (then left, unused)', () => {
    const old = makeEnv('box');
    const observed = makeObserved([observeAs(old, { anonymousVolumes: [anon(V1, '/data'), anon(V2, '/cache')] })]);
    const next = makeEnv('box', { shmSizeBytes: 128 * 1024 * 1024, mounts: [{ type: 'volume', source: 'cache', target: '/cache', readOnly: false }] });
    const plan = reconcile(makeDesired([next]), observed);
    const recreate = plan.actions.find((a) => a.kind === 'recreate')!;
    expect(recreate.anonymousVolumes).toEqual([
      { ...anon(V1, '/data'), fate: 'carry' },
      { ...anon(V2, '/cache'), fate: 'keep' },
    ]);
    const text = formatPlan(plan, { color: false });
    expect(text).toContain('        = carries anonymous volume /data (aaaaaaaaaaaa) into the new container');
    expect(text).toContain(`        ! leaves anonymous volume /cache unused on the engine (the spec mounts /cache itself now): ${V2}`);
    expect(planToJson(plan).actions.find((a) => a.kind === 'recreate')?.anonymousVolumes).toHaveLength(2);
  });

  it('an orphan removed by apply keeps its volume, named; a duplicate sharing the kept one says nothing', () => {
    const box = makeEnv('box');
    const kept = observeAs(box, { anonymousVolumes: [anon(V1, '/data')] });
    const duplicate = observeAs(box, { id: 'e'.repeat(64), name: 'lab-box-envctl-1a2b3c', anonymousVolumes: [anon(V1, '/data')] });
    const orphan = observeAs(makeEnv('gone'), { anonymousVolumes: [anon(V2, '/data')] });
    const plan = reconcile(makeDesired([box]), makeObserved([kept, duplicate, orphan]));
    const removes = plan.actions.filter((a) => a.kind === 'remove');
    expect(removes.map((a) => [a.resource, a.anonymousVolumes])).toEqual([
      ['env:box', undefined],
      ['env:gone', [{ ...anon(V2, '/data'), fate: 'keep' }]],
    ]);
    expect(formatPlan(plan, { color: false })).toContain(`= keeps anonymous volume /data on the engine: ${V2}\n`);
  });

  it('destroy keeps them (and says --volumes removes them); destroy --volumes removes each once, after every user', () => {
    const a = observeAs(makeEnv('a'), { anonymousVolumes: [anon(V1, '/data')] });
    const b = observeAs(makeEnv('b'), { anonymousVolumes: [anon(V1, '/data')] });
    const keep = planDestroy(makeObserved([a, b]), { volumes: false, volumeNames: [] });
    expect(keep.actions.map((x) => x.kind)).toEqual(['remove', 'remove']);
    expect(formatPlan(keep, { color: false, command: 'destroy' })).toContain(`= keeps anonymous volume /data on the engine: ${V1} (destroy --volumes removes it)`);

    const remove = planDestroy(makeObserved([a, b]), { volumes: true, volumeNames: [] });
    const volume = remove.actions.find((x) => x.kind === 'remove-volume')!;
    expect(volume).toMatchObject({ resource: 'volume:aaaaaaaaaaaa', volumeName: V1, dependsOn: ['remove env:a', 'remove env:b'] });
    expect(volume.cause).toBe('destroy --volumes removes the anonymous volume /data of env:a, env:b and its data');
    expect(remove.actions.filter((x) => x.kind === 'remove').map((x) => x.anonymousVolumes?.[0]?.fate)).toEqual(['remove', 'remove']);
  });

  it('a container without anonymous volumes adds no line', () => {
    const observed: ObservedContainer = observeAs(makeEnv('box'));
    const plan = reconcile(makeDesired([makeEnv('box', { shmSizeBytes: 1 })]), makeObserved([observed]));
    expect(plan.actions[0]?.anonymousVolumes).toBeUndefined();
  });
});
