// The benchmark: envctl vs docker-compose (and Ansible's docker_container when installed) on the same engine, tools
// interleaved run by run; times create / no-op / change-one for N environments, envctl's start-up, and counts
// engine API calls. Prints a table of medians and ratios and writes bench/RESULTS.md. Usage: bench/README.md.
import { execFile } from 'node:child_process';
import { createServer } from 'node:net';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { cleanBench } from './clean-bench.mjs';
import { startCountingProxy } from './count-requests-proxy.mjs';
import { describeMachine } from './describe-machine.mjs';
import { formatReport, formatTable } from './format-results.mjs';
import { writeSpecs } from './make-specs.mjs';
import { runStopBound } from './stop-bound.mjs';
import { swarmSection } from './swarm-results.mjs';
import { median, rotate, timed, TimedOut } from './timing.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const ENVCTL_BIN = join(ROOT, 'bin', 'envctl.js');
const FLOOR_SCRIPT = join(ROOT, 'bench', 'engine-floor.mjs');

function parseArgs(argv) {
  const opts = {
    sizes: [1, 20, 200],
    // Cycles per size: each cycle = create, then `noops` no-op runs and `changes` change runs, every tool in turn.
    cycles: { 1: 5, 20: 4, 200: 2 },
    noops: { 1: 3, 20: 3, 200: 2 },
    changes: { 1: 2, 20: 2, 200: 1 },
    // Ansible runs one module process per environment (~0.3 s each): at 200 it joins the first cycle only.
    ansibleCycles: { 200: 1 },
    tools: ['envctl', 'compose', 'ansible', 'floor'],
    startupRuns: 21,
    // The stop-bound scenario (bench/stop-bound.mjs): N environments whose PID 1 ignores SIGTERM, 10 s grace (Docker's).
    stopSizes: [24],
    stopCycles: 2,
    stopGrace: 10,
    out: join(ROOT, 'bench', 'RESULTS.md'),
  };
  const perSize = (text) => Object.fromEntries(text.split(',').map((kv) => kv.split('=').map(Number)));
  for (let i = 0; i < argv.length; i += 1) {
    const a = argv[i];
    const next = () => argv[++i] ?? '';
    if (a === '--sizes') opts.sizes = next().split(',').filter(Boolean).map(Number);
    else if (a === '--cycles') opts.cycles = { ...opts.cycles, ...perSize(next()) };
    else if (a === '--tools') opts.tools = next().split(',');
    else if (a === '--startup-runs') opts.startupRuns = Number(next());
    else if (a === '--out') opts.out = next();
    else if (a === '--stop-sizes') opts.stopSizes = next().split(',').filter(Boolean).map(Number);
    else if (a === '--stop-cycles') opts.stopCycles = Number(next());
    else if (a === '--stop-grace') opts.stopGrace = Number(next());
    else if (a === '--quick') {
      // The smoke test: every code path once, as fast as possible.
      Object.assign(opts, { sizes: [1], cycles: { 1: 1 }, noops: { 1: 1 }, changes: { 1: 1 }, startupRuns: 3, stopSizes: [2], stopCycles: 1, stopGrace: 1 });
    } else throw new Error(`unknown option ${a} (see bench/README.md)`);
  }
  return opts;
}

const execFileAsync = promisify(execFile);

async function installed(cmd, args) {
  try {
    await execFileAsync(cmd, args);
    return true;
  } catch {
    return false;
  }
}

/** How each tool applies its file, and how to tell from its output that a run changed nothing. */
const TOOLS = {
  envctl: {
    portOffset: 0,
    apply: (spec) => ['node', [ENVCTL_BIN, '-f', spec.path, 'apply', '--yes']],
    isNoop: (out) => /No changes\./.test(out),
  },
  compose: {
    portOffset: 1,
    apply: (spec, project) => ['docker-compose', ['-p', project, '-f', spec.path, 'up', '-d']],
    isNoop: (out) => !/(Creating|Recreating|Starting) /.test(out),
  },
  ansible: {
    portOffset: 2,
    apply: (spec) => ['ansible-playbook', [spec.path]],
    isNoop: (out) => /\bchanged=0\b/.test(out),
  },
  // Not a tool: the engine's own time for the same creates (bench/engine-floor.mjs), timed in the create step only.
  floor: {
    portOffset: 3,
    apply: (spec) => ['node', [FLOOR_SCRIPT, spec.path]],
    createOnly: true,
  },
};

/** True when nothing listens on 127.0.0.1:port. */
function portFree(port) {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/**
 * A block of host ports, one range per tool, that nothing listens on now: chosen at random among 20 blocks so that
 * two benches (or a bench and its smoke test) on one engine rarely meet, and checked port by port.
 */
async function freePortBlock(perTool) {
  const size = Object.keys(TOOLS).length * perTool;
  const blocks = Array.from({ length: Math.floor(12000 / size) }, (_, i) => 20000 + i * size).sort(() => Math.random() - 0.5);
  for (const base of blocks) {
    let free = true;
    for (let p = base; p < base + size && free; p += 1) free = await portFree(p);
    if (free) return base;
  }
  throw new Error('no free block of host ports between 20000 and 32000');
}

const ANSIBLE_ENV = { ANSIBLE_LOCALHOST_WARNING: 'False', ANSIBLE_INVENTORY_UNPARSED_WARNING: 'False', ANSIBLE_NOCOLOR: '1' };

const log = (line) => process.stderr.write(`bench: ${line}\n`);

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const runId = `b${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const work = mkdtempSync(join(tmpdir(), 'envctl-bench-'));
  const notes = [];
  log(`run ${runId}: everything it makes is named after it and labelled envctl-bench.run=${runId}`);

  const tools = [];
  for (const tool of opts.tools) {
    if (tool === 'compose' && !(await installed('docker-compose', ['version']))) {
      notes.push('docker-compose is not installed (run bench/setup.sh as root): compose columns are empty.');
    } else if (tool === 'ansible' && !(await installed('ansible-playbook', ['--version']))) {
      notes.push('Ansible is not installed (run bench/setup.sh as root): Ansible columns are empty.');
    } else if (tool === 'ansible' && !(await installed('python3', ['-c', 'import docker']))) {
      notes.push('python3-docker is missing, which community.docker needs: Ansible columns are empty.');
    } else tools.push(tool);
  }
  for (const note of notes) log(note);

  const projects = Object.fromEntries(tools.map((t) => [t, `${runId}-${t}`]));
  const allProjects = Object.values(projects);
  const samples = {}; // samples[tool][n][scenario] = ms[]
  const add = (tool, n, scenario, ms) => {
    samples[tool] ??= {};
    samples[tool][n] ??= {};
    (samples[tool][n][scenario] ??= []).push(ms);
  };
  const calls = {}; // calls[tool][n][scenario] = { total, byOp }
  const machine = await describeMachine();
  const started = Date.now();

  const perTool = Math.max(1, ...opts.sizes);
  const basePort = await freePortBlock(perTool);
  const dirFor = (tool, n) => join(work, `${tool}-${n}`);
  const specFor = (tool, n, rev) =>
    writeSpecs({ dir: dirFor(tool, n), tool, project: projects[tool], n, basePort: basePort + TOOLS[tool].portOffset * perTool, rev, runId });
  const applyRun = async (tool, n, rev, env = {}) => {
    const [cmd, args] = TOOLS[tool].apply(specFor(tool, n, rev), projects[tool]);
    // Generous (the slowest tool, Ansible, takes ~0.3 s per environment); only a hung tool reaches it.
    const timeoutMs = 30_000 + 600 * n;
    return timed(cmd, args, { cwd: dirFor(tool, n), env: tool === 'ansible' ? { ...ANSIBLE_ENV, ...env } : env, timeoutMs });
  };
  /** A tool that hangs (never envctl: that fails the bench) is noted and left out for the rest of that size. */
  const gaveUp = new Set();
  const step = async (tool, n, scenario, run) => {
    if (gaveUp.has(`${tool}:${n}`)) return;
    try {
      await run();
    } catch (err) {
      if (!(err instanceof TimedOut) || tool === 'envctl') throw err;
      gaveUp.add(`${tool}:${n}`);
      notes.push(`${tool} at N=${n}: ${scenario} ${err.message}; killed, and left out of the rest of N=${n}.`);
      log(notes.at(-1));
    }
  };

  try {
    await cleanBench({ runId, projects: allProjects });
    for (const n of opts.sizes) {
      const rev = Object.fromEntries(tools.map((t) => [t, 0]));
      const cycles = opts.cycles[n] ?? 1;
      for (let c = 0; c < cycles; c += 1) {
        const inCycle = tools.filter((t) => t !== 'ansible' || c < (opts.ansibleCycles[n] ?? Infinity));
        log(`N=${n} cycle ${c + 1}/${cycles}: ${inCycle.join(', ')}`);
        await cleanBench({ runId, projects: allProjects });
        let turn = c;
        for (const tool of rotate(inCycle, turn++)) {
          rev[tool] = 0;
          await step(tool, n, 'create', async () => add(tool, n, 'create', (await applyRun(tool, n, 0)).ms));
        }
        const applying = inCycle.filter((t) => !TOOLS[t].createOnly);
        for (let k = 0; k < (opts.noops[n] ?? 1); k += 1) {
          for (const tool of rotate(applying, turn++)) {
            await step(tool, n, 'no-op', async () => {
              const { ms, out } = await applyRun(tool, n, rev[tool]);
              if (!TOOLS[tool].isNoop(out)) throw new Error(`${tool}: the no-op run changed something:\n${out.slice(-2000)}`);
              add(tool, n, 'noop', ms);
            });
          }
        }
        for (let k = 0; k < (opts.changes[n] ?? 1); k += 1) {
          for (const tool of rotate(applying, turn++)) {
            rev[tool] += 1;
            await step(tool, n, 'change', async () => add(tool, n, 'change', (await applyRun(tool, n, rev[tool])).ms));
          }
        }
      }

      // Engine API calls, counted on the wire by a proxy: a separate, untimed pass (the proxy adds latency).
      const counted = tools.filter((t) => !TOOLS[t].createOnly && (t === 'envctl' || n <= 20));
      log(`N=${n}: counting engine API calls (${counted.join(', ')})`);
      await cleanBench({ runId, projects: allProjects });
      const proxy = await startCountingProxy();
      try {
        for (const tool of counted) {
          calls[tool] ??= {};
          const env = { DOCKER_HOST: proxy.dockerHost };
          proxy.take();
          await applyRun(tool, n, 0, env);
          const create = proxy.take();
          await applyRun(tool, n, 0, env);
          const noop = proxy.take();
          await applyRun(tool, n, 1, env);
          calls[tool][n] = { create, noop, change: proxy.take() };
        }
      } finally {
        await proxy.close();
      }
      await cleanBench({ runId, projects: allProjects });
    }

    await runStopBound({
      tools,
      sizes: opts.stopSizes,
      cycles: opts.stopCycles,
      grace: opts.stopGrace,
      projects,
      work,
      runId,
      envctlBin: ENVCTL_BIN,
      add,
      clean: () => cleanBench({ runId, projects: allProjects }),
      log,
    });

    log('start-up time');
    const startup = await measureStartup(tools, opts.startupRuns);
    const results = { machine, tools, sizes: opts.sizes, stopSizes: opts.stopSizes, stopGrace: opts.stopGrace, samples, calls, startup, notes, median, minutes: (Date.now() - started) / 60000 };
    process.stdout.write(`${formatTable(results)}\n`);
    // The Swarm bench's section (bench/swarm-bench.mjs) is its own run's: kept as it is.
    const swarm = existsSync(opts.out) ? swarmSection(readFileSync(opts.out, 'utf8')) : '';
    writeFileSync(opts.out, swarm === '' ? formatReport(results) : `${formatReport(results).trimEnd()}\n\n${swarm}\n`);
    log(`wrote ${opts.out} (${results.minutes.toFixed(1)} min)`);
  } finally {
    await cleanBench({ runId, projects: allProjects });
    rmSync(work, { recursive: true, force: true });
  }
}

/** Interleaved: each round runs every command once, so drift in machine load hits all of them alike. */
async function measureStartup(tools, runs) {
  const commands = {
    'node -e 0 (Node start-up alone)': ['node', ['-e', '0']],
    'envctl --version': ['node', [ENVCTL_BIN, '--version']],
    'envctl --help': ['node', [ENVCTL_BIN, '--help']],
  };
  if (tools.includes('compose')) commands['docker-compose version --short'] = ['docker-compose', ['version', '--short']];
  if (tools.includes('ansible')) commands['ansible-playbook --version'] = ['ansible-playbook', ['--version']];
  const times = Object.fromEntries(Object.keys(commands).map((k) => [k, []]));
  for (let r = 0; r < runs + 1; r += 1) {
    for (const [label, [cmd, args]] of Object.entries(commands)) {
      const { ms } = await timed(cmd, args);
      if (r > 0) times[label].push(ms); // round 0 warms the file cache
    }
  }
  return Object.fromEntries(Object.entries(times).map(([k, v]) => [k, median(v)]));
}

main().catch((err) => {
  process.stderr.write(`bench: failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
});
