// An apply killed with SIGKILL after ANY engine call, or an engine restarted mid-apply, leaves a state from which the
// next apply converges: no duplicate container, no orphan, no named volume or its data lost. The kill point is exact:
// a counting proxy in front of the engine kills envctl right after the k-th request is answered, for every k.
import { execa } from 'execa';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanupProject } from './support/cleanup-project.js';
import { engineSocketPath, startCountingProxy, type CountingProxy } from './support/counting-proxy.js';
import { startPrivateEngine, type PrivateEngine } from './support/private-engine.js';
import { requireEngine } from './support/require-engine.js';
import { SpecDir, docker } from './support/run-cli.js';
import { IDLE_COMMAND, TEST_IMAGE } from './support/test-image.js';
import { uniqueProject } from './support/unique-project.js';
import { isDangling, makeVolumeImage, mountedVolumes, removeImage } from './support/volume-image.js';

const BIN = resolve(import.meta.dirname, '../../bin/envctl.js');
const CMD = JSON.stringify(IDLE_COMMAND);

interface EnvSpec {
  name: string;
  extra?: string;
}

function spec(project: string, envs: EnvSpec[], volume: string): string {
  const blocks = envs.map((e) => `  ${e.name}:\n    image: ${TEST_IMAGE}\n    command: ${CMD}\n${e.extra ?? ''}`);
  return `version: 1\nproject: ${project}\ndefaults:\n  network_mode: none\nvolumes:\n  ${volume}: {}\nenvironments:\n${blocks.join('')}`;
}

/** Runs `envctl apply --yes` through the proxy and SIGKILLs it right after the k-th request is answered. */
async function applyKilledAfter(proxy: CountingProxy, file: string, k: number): Promise<{ tripped: boolean; requests: number; output: string }> {
  const before = proxy.count();
  let tripped = false;
  const child = execa('node', [BIN, '-f', file, 'apply', '--yes'], {
    env: { DOCKER_HOST: proxy.host, NO_COLOR: '1' },
    reject: false,
    stdin: 'ignore',
  });
  proxy.trip(before + k, () => {
    tripped = true;
    child.kill('SIGKILL');
  });
  const r = await child;
  return { tripped, requests: proxy.count() - before, output: `${String(r.stdout)}\n${String(r.stderr)}` };
}

/** Containers of the project as `name state` lines, sorted. */
async function projectContainers(project: string, env: Record<string, string> = {}): Promise<string[]> {
  const r = await execa('docker', ['ps', '-a', '--filter', `label=dev.envctl.project=${project}`, '--format', '{{.Names}} {{.State}}'], { env });
  return String(r.stdout).split('\n').filter(Boolean).sort();
}

describe('crash consistency', () => {
  beforeAll(async () => {
    await requireEngine();
  });

  describe('an apply of 3 environments killed after every k-th engine call', () => {
    const project = uniqueProject('crash');
    const volume = `${project}-data`;
    const dir = new SpecDir();
    let proxy: CountingProxy;
    // v1 → v2: env a is recreated (shm_size) and keeps its volume, b is updated in place, c is removed, d is created.
    const v1 = spec(project, [
      { name: 'a', extra: `    volumes: ["${volume}:/data"]\n` },
      { name: 'b' },
      { name: 'c' },
    ], volume);
    const v2 = spec(project, [
      { name: 'a', extra: `    volumes: ["${volume}:/data"]\n    shm_size: 96m\n` },
      { name: 'b', extra: '    restart: unless-stopped\n' },
      { name: 'd' },
    ], volume);
    const converged = [`${project}-a running`, `${project}-b running`, `${project}-d running`];

    beforeAll(async () => {
      proxy = await startCountingProxy(engineSocketPath());
    });
    afterAll(async () => {
      await proxy.close();
      await cleanupProject(project);
      dir.dispose();
    });

    it('converges after a re-apply at every kill point, with no duplicate, no orphan and the volume data kept', async () => {
      dir.write(v1);
      expect((await dir.run('apply', '--yes')).exitCode).toBe(0);
      await docker('exec', `${project}-a`, 'sh', '-c', 'echo precious > /data/keep.txt');

      const killPoints: number[] = [];
      for (let k = 1; k < 200; k++) {
        dir.write(v1);
        const reset = await dir.run('apply', '--yes');
        expect(reset.exitCode, `reset before k=${k}: ${reset.stderr}`).toBe(0);

        dir.write(v2);
        const { tripped, requests, output } = await applyKilledAfter(proxy, dir.file, k);
        if (!tripped) {
          // k is past the last request: the whole apply ran; it must have converged by itself.
          expect(requests, output).toBeGreaterThan(0);
          break;
        }
        killPoints.push(k);
        const again = await dir.run('apply', '--yes');
        expect(again.exitCode, `re-apply after a kill at request ${k}: ${again.stdout}\n${again.stderr}`).toBe(0);
        const plan = await dir.run('plan');
        expect(plan.exitCode, `plan after a kill at request ${k}: ${plan.stdout}`).toBe(0);
        expect(await projectContainers(project), `containers after a kill at request ${k}`).toEqual(converged);
        expect(await docker('volume', 'inspect', '-f', '{{.Name}}', volume)).toBe(volume);
      }
      // Every request of the apply was a kill point (the lock, the list, inspects, creates, stops, removes, renames…).
      expect(killPoints.length).toBeGreaterThanOrEqual(10);
      // The figure for the README's guarantees: every kill point converged (an expect above fails otherwise).
      console.log(`kill -9 of a 3-environment apply: ${killPoints.length} kill points, ${killPoints.length} converged`);
      expect(await docker('exec', `${project}-a`, 'cat', '/data/keep.txt')).toBe('precious');
    }, 170_000);
  });

  describe('a recreate of an environment with an anonymous volume, killed after every k-th engine call', () => {
    const project = uniqueProject('crashanon');
    const image = `envctl-test/${project}:vol`;
    const dir = new SpecDir();
    let proxy: CountingProxy;
    let volume = '';
    const version = (shm: string): string =>
      `version: 1\nproject: ${project}\nenvironments:\n  box:\n    image: ${image}\n    command: ${CMD}\n    network_mode: none\n    shm_size: ${shm}\n`;

    beforeAll(async () => {
      proxy = await startCountingProxy(engineSocketPath());
      await makeVolumeImage(image);
    });
    afterAll(async () => {
      await proxy.close();
      await cleanupProject(project);
      await execa('docker', ['volume', 'rm', '-f', volume].filter(Boolean), { reject: false });
      await removeImage(image);
      dir.dispose();
    });

    it('every container ever made mounts the one volume, and the data is there after the re-apply', async () => {
      dir.write(version('64m'));
      expect((await dir.run('apply', '--yes')).exitCode).toBe(0);
      volume = (await mountedVolumes(`${project}-box`))[0]!.split(' ')[1]!;
      await docker('exec', `${project}-box`, 'sh', '-c', 'echo precious > /data/keep.txt');
      /** Any container made without the volume (a new, empty one) would show here: each kill point sees them all. */
      const allMountTheVolume = async (when: string): Promise<void> => {
        // The lock a killed apply left (it carries the project label too) is no environment's container.
        for (const line of (await projectContainers(project)).filter((l) => !l.startsWith('envctl-lock-'))) {
          expect(await mountedVolumes(line.split(' ')[0]!), `${line} ${when}`).toEqual([`/data ${volume}`]);
        }
      };

      const killPoints: number[] = [];
      for (let k = 1; k < 100; k++) {
        dir.write(version(k % 2 === 0 ? '64m' : '96m'));
        const { tripped, output } = await applyKilledAfter(proxy, dir.file, k);
        if (!tripped) break;
        killPoints.push(k);
        await allMountTheVolume(`after a kill at request ${k}`);
        const again = await dir.run('apply', '--yes');
        expect(again.exitCode, `re-apply after a kill at request ${k}: ${output}\n${again.stdout}\n${again.stderr}`).toBe(0);
        expect((await dir.run('plan')).exitCode, `plan after a kill at request ${k}`).toBe(0);
        expect(await projectContainers(project)).toEqual([`${project}-box running`]);
        await allMountTheVolume(`after the re-apply (kill at ${k})`);
        expect(await docker('exec', `${project}-box`, 'cat', '/data/keep.txt')).toBe('precious');
      }
      expect(killPoints.length).toBeGreaterThanOrEqual(8);
      console.log(`kill -9 of a recreate carrying an anonymous volume: ${killPoints.length} kill points, ${killPoints.length} converged, data kept`);
      expect(await isDangling(volume)).toBe(false);
    }, 170_000);
  });

  describe('12 environments', () => {
    const project = uniqueProject('crash12');
    const volume = `${project}-data`;
    const dir = new SpecDir();
    let proxy: CountingProxy;
    const names = Array.from({ length: 12 }, (_, i) => `e${String(i + 1).padStart(2, '0')}`);

    beforeAll(async () => {
      proxy = await startCountingProxy(engineSocketPath());
    });
    afterAll(async () => {
      await proxy.close();
      await cleanupProject(project);
      dir.dispose();
    });

    it('an apply killed mid-way, then re-applied: exactly 12 running and plan exits 0', async () => {
      dir.write(spec(project, names.map((name) => ({ name })), volume));
      // Mid-way: after the lock, the list, the lookups and some of the 12 creates/starts.
      const { tripped, output } = await applyKilledAfter(proxy, dir.file, 25);
      expect(tripped, output).toBe(true);
      const partial = await projectContainers(project);
      expect(partial.length).toBeLessThan(12 * 2);

      const again = await dir.run('apply', '--yes');
      expect(again.exitCode, again.stderr).toBe(0);
      expect(await projectContainers(project)).toEqual(names.map((n) => `${project}-${n} running`));
      expect((await dir.run('plan')).exitCode).toBe(0);
    }, 60_000);
  });

  describe('an engine restarted mid-apply', () => {
    const dir = new SpecDir();
    let engine: PrivateEngine;
    let proxy: CountingProxy;
    const project = uniqueProject('restart');
    const volume = `${project}-data`;

    beforeAll(async () => {
      engine = await startPrivateEngine();
      proxy = await startCountingProxy(engine.host.slice('unix://'.length));
    }, 120_000);
    afterAll(async () => {
      await proxy?.close();
      await engine?.dispose();
      dir.dispose();
    });

    it('the next apply converges: every environment running once, plan exits 0', async () => {
      const envs = ['a', 'b', 'c'].map((name) => ({ name, extra: name === 'a' ? `    volumes: ["${volume}:/data"]\n` : '' }));
      dir.write(spec(project, envs, volume));
      const before = proxy.count();
      const child = execa('node', [BIN, '-f', dir.file, 'apply', '--yes'], {
        env: { DOCKER_HOST: proxy.host, NO_COLOR: '1' },
        reject: false,
        stdin: 'ignore',
      });
      let restarted: Promise<void> | null = null;
      // Request 12 or so falls among the creates and starts: some containers exist, some do not.
      proxy.trip(before + 12, () => {
        restarted = engine.restart();
      });
      const interrupted = await child;
      expect(restarted, 'the engine was restarted during the apply').not.toBeNull();
      await restarted;
      expect(interrupted.exitCode).not.toBe(0);

      const run = (...args: string[]) =>
        execa('node', [BIN, '-f', dir.file, ...args], { env: { ...engine.env, NO_COLOR: '1' }, reject: false, stdin: 'ignore' });
      const again = await run('apply', '--yes');
      expect(again.exitCode, `${again.stdout}\n${again.stderr}`).toBe(0);
      expect((await run('plan')).exitCode).toBe(0);
      expect(await projectContainers(project, engine.env)).toEqual(['a', 'b', 'c'].map((n) => `${project}-${n} running`));
      const vol = await execa('docker', ['volume', 'inspect', '-f', '{{.Name}}', volume], { env: engine.env });
      expect(String(vol.stdout)).toBe(volume);
    }, 150_000);
  });
});
