// Lab-notes `docker run` lines: the container the docker CLI makes and the one `envctl import` + `envctl apply` makes
// from the same line are the same container, field by field of `docker inspect`; so is an import from a live container.
import { mkdirSync, writeFileSync } from 'node:fs';
import { execa } from 'execa';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanupProject, projectTempDir, removeContainers } from './support/cleanup-project.js';
import { inspectDifferences, type InspectJson } from './support/compare-inspect.js';
import { requireEngine } from './support/require-engine.js';
import { expectImportedAndApplied } from './support/expect-imported.js';
import { envctl, SpecDir } from './support/run-cli.js';
import { TEST_IMAGE } from './support/test-image.js';
import { uniqueProject } from './support/unique-project.js';
import { freePortBlock } from '../support/free-port.js';

const project = uniqueProject('imp');
const tmp = projectTempDir(project);
const spec = new SpecDir();
const cliNames: string[] = [];

// Two fixed host ports (base, base + 1), free and reserved for this run.
const base = await freePortBlock(2);

interface LabLine {
  key: string;
  /** What follows `docker run -d --name NAME` in the notes. */
  args: string[];
}

const IDLE = ['sh', '-c', 'trap "exit 0" TERM INT; while :; do sleep 1 & wait $!; done'];

const LINES: LabLine[] = [
  { key: 'gpu-box', args: ['-it', '--gpus', 'all', '-p', '8888', '-p', '6006', '-v', `${tmp}/work:/workspace`, TEST_IMAGE] },
  {
    key: 'det-train',
    args: ['-it', '--shm-size', '8g', '--ipc=host', '-p', `${base}:22`, '-v', `${tmp}/data:/data:ro`, TEST_IMAGE],
  },
  {
    key: 'web',
    args: [
      ...['-p', `${base + 1}:80`, '-v', `${tmp}/html:/usr/share/nginx/html:ro`, '-v', `${tmp}/conf:/etc/nginx/conf.d:ro`],
      ...['-v', `${tmp}/logs:/var/log/nginx`, '--restart', 'unless-stopped', TEST_IMAGE],
    ],
  },
  { key: 'daemon-always', args: ['--restart=always', TEST_IMAGE] },
  { key: 'daemon-retry', args: ['--restart', 'on-failure:5', TEST_IMAGE, ...IDLE] },
  { key: 'workdir', args: ['-w', '/work', '-e', 'MODE=dev', TEST_IMAGE] },
  {
    key: 'named-volumes',
    args: [
      ...['--mount', `type=volume,source=${project}-cache,target=/cache`, '--mount', `source=${project}-ds,target=/ds,readonly`],
      ...['--mount', 'type=tmpfs,destination=/scratch,tmpfs-size=16777216', TEST_IMAGE],
    ],
  },
  {
    key: 'host-env',
    args: ['-h', 'box', '-e', 'A=1', '-e', 'B=two words', '--dns', '1.1.1.1', '--cpuset-cpus', '0', '-m', '256m', '--expose', '9000', TEST_IMAGE],
  },
  { key: 'gpus-count', args: ['--gpus', '2', TEST_IMAGE] },
  { key: 'read-only', args: ['--read-only', '--tmpfs', '/scratch', TEST_IMAGE] },
  // As typed in a shell: --gpus '"device=1,2"' (the inner quotes keep the comma inside docker's CSV field).
  { key: 'gpus-devices', args: ['--gpus', '"device=1,2"', TEST_IMAGE] },
  { key: 'runtime', args: ['--runtime', 'nvidia', '--gpus', 'all', TEST_IMAGE] },
  {
    key: 'lab-limits',
    args: [
      ...['--init', '--cap-add', 'SYS_PTRACE', '--cap-drop', 'MKNOD', '--ulimit', 'core=0', '--ulimit', 'nofile=1024:4096'],
      ...['--stop-signal', 'SIGINT', '--stop-timeout', '30', '--pids-limit', '100', '--sysctl', 'net.core.somaxconn=1024'],
      ...['--tmpfs', '/run/x:size=1m', '--dns-search', 'example.org', '--group-add', '1234', '--security-opt', 'no-new-privileges'],
      ...['--device', '/dev/zero:/dev/myzero', '-m', '64m', '--memory-swap', '128m', '--health-cmd', 'true', '--health-interval', '30s'],
      TEST_IMAGE,
    ],
  },
];

const cliName = (key: string) => `${project}-${key}-cli`;
const envName = (key: string) => `${project}-${key}-env`;

async function inspect(name: string): Promise<InspectJson> {
  const r = await execa('docker', ['inspect', name]);
  return (JSON.parse(String(r.stdout)) as InspectJson[])[0] as InspectJson;
}

const fromDocker = new Map<string, InspectJson>();
const runErrors = new Map<string, string>();
const importErrors = new Map<string, string>();
let applied = { exitCode: -1, stdout: '', stderr: '' };

beforeAll(async () => {
  await requireEngine();
  for (const dir of ['work', 'data', 'html', 'conf', 'logs']) mkdirSync(`${tmp}/${dir}`, { recursive: true });
  spec.write(`version: 1\nproject: ${project}\n# environments imported below, one docker run line each\nenvironments: {}\n`);

  // 1. The lab-notes way: docker run each line, and read what the engine made of it.
  await Promise.all(
    LINES.map(async ({ key, args }) => {
      cliNames.push(cliName(key));
      const r = await execa('docker', ['run', '-d', '--name', cliName(key), ...args], { reject: false });
      if (r.exitCode !== 0) runErrors.set(key, String(r.stderr));
      else fromDocker.set(key, await inspect(cliName(key)));
    }),
  );
  // 2. The same container imported while it is live (it keeps its exact name, so it is imported before removal).
  const fc = await envctl(['import', '--from-container', cliName('gpu-box'), '--name-as-env', 'from-container', '-o', spec.file], { cwd: spec.dir });
  if (fc.exitCode !== 0) importErrors.set('from-container', fc.stderr);
  // Fixed host ports and names are freed for envctl's containers.
  await removeContainers(...cliNames);

  // 3. The envctl way: import each line into the one spec, then a single apply.
  for (const { key, args } of LINES) {
    const r = await envctl(['import', '--name-as-env', key, '-o', spec.file, '--', 'docker', 'run', '-d', '--name', envName(key), ...args], { cwd: spec.dir });
    if (r.exitCode !== 0) importErrors.set(key, r.stderr);
  }
  // lab-limits passes a host device (--device), which a shared server's policy refuses unless allowed: these lines mean it.
  applied = await spec.run('apply', '--yes', '--allow-dangerous');
}, 120_000);

afterAll(async () => {
  await removeContainers(...cliNames);
  await cleanupProject(project);
  spec.dispose();
});

describe('a docker run line from lab notes and its import make the same container', () => {
  it('the docker CLI accepts every line (the stand-in NVIDIA runtime is installed)', () => {
    expect(Object.fromEntries(runErrors)).toStrictEqual({});
  });

  it('every line imports into one spec, which validates and applies', async () => {
    await expectImportedAndApplied(importErrors, spec, applied, '--allow-dangerous');
  });

  it.each(LINES.map((l) => l.key))('%s: equal on every configured inspect field', async (key) => {
    const docker = fromDocker.get(key);
    expect(docker, `docker run failed: ${runErrors.get(key) ?? ''}`).toBeDefined();
    const mine = await inspect(envName(key));
    expect(mine.Name).toBe(`/${envName(key)}`);
    expect(inspectDifferences(docker as InspectJson, mine)).toStrictEqual([]);
  });

  it('--from-container: the live container imported and applied is the same container again, under its own name', async () => {
    const mine = await inspect(cliName('gpu-box'));
    expect((mine.Config.Labels as Record<string, string>)['dev.envctl.project']).toBe(project);
    expect(inspectDifferences(fromDocker.get('gpu-box') as InspectJson, mine)).toStrictEqual([]);
  });

  it('a second apply changes nothing', async () => {
    const plan = await spec.run('plan', '--allow-dangerous');
    expect(plan.stdout).toContain('No changes');
    expect(plan.exitCode).toBe(0);
  });
});

describe('the imported spec file', () => {
  it('kept what was there before the imports (project, comment) and holds one environment per import', async () => {
    const text = (await execa('cat', [spec.file])).stdout;
    expect(text).toContain(`project: ${project}`);
    expect(text).toContain('# environments imported below');
    const validate = await spec.run('validate', '--json', '--allow-dangerous');
    const envs = (JSON.parse(validate.stdout) as { environments: string[] }).environments;
    expect(envs.sort()).toStrictEqual([...LINES.map((l) => l.key), 'from-container'].sort());
  });

  it('importing the same key again replaces that environment and leaves the file valid', async () => {
    const before = (await execa('cat', [spec.file])).stdout;
    const r = await envctl(['import', '--name-as-env', 'workdir', '-o', spec.file, '--', 'docker', 'run', '-w', '/other', TEST_IMAGE], { cwd: spec.dir });
    expect(r.stderr).toContain('replaced environment `workdir`');
    const after = (await execa('cat', [spec.file])).stdout;
    expect(after).toContain('working_dir: /other');
    expect(after).not.toContain('MODE: dev');
    expect(after).toContain('# environments imported below');
    // Everything but that one environment is as it was.
    const [a, b] = [parse(after), parse(before)] as { environments: Record<string, unknown> }[];
    delete a?.environments.workdir;
    delete b?.environments.workdir;
    expect(a).toStrictEqual(b);
    writeFileSync(spec.file, `${before}\n`);
  });
});
