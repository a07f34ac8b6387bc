// The Swarm bench: N services with envctl vs `docker stack deploy -c` of the equivalent Compose file, on the same
// swarm (the testbed's manager, scripts/swarm-up.sh) in the same run, tools taking turns: time to converge from
// nothing, no-op re-apply, one service changed. Writes its section of bench/RESULTS.md. Usage: bench/README.md.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { startCountingProxy } from './count-requests-proxy.mjs';
import { cleanSwarm, converged, socketOf, until, versions } from './swarm-api.mjs';
import { formatSwarmSection, withSwarmSection } from './swarm-results.mjs';
import { writeSwarmSpec } from './swarm-specs.mjs';
import { median, rotate, timed } from './timing.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const ENVCTL_BIN = join(ROOT, 'bin', 'envctl.js');
const run = promisify(execFile);
const log = (line) => process.stderr.write(`swarm-bench: ${line}\n`);

function parseArgs(argv) {
  const opts = { services: 20, replicas: 2, cycles: 3, noops: 3, changes: 1, tools: ['envctl', 'stack'], out: join(ROOT, 'bench', 'RESULTS.md'), write: true };
  for (let i = 0; i < argv.length; i += 1) {
    const a = argv[i];
    const next = () => argv[++i] ?? '';
    if (a === '--services') opts.services = Number(next());
    else if (a === '--replicas') opts.replicas = Number(next());
    else if (a === '--cycles') opts.cycles = Number(next());
    else if (a === '--noops') opts.noops = Number(next());
    else if (a === '--changes') opts.changes = Number(next());
    else if (a === '--tools') opts.tools = next().split(',').filter(Boolean);
    else if (a === '--out') opts.out = next();
    else if (a === '--no-write') opts.write = false;
    else if (a === '--quick') Object.assign(opts, { services: 2, replicas: 1, cycles: 1, noops: 1, changes: 1, write: false });
    else throw new Error(`unknown option ${a} (see bench/README.md)`);
  }
  for (const t of opts.tools) if (t !== 'envctl' && t !== 'stack') throw new Error(`unknown tool ${t}: envctl or stack`);
  return opts;
}

async function swarmUp() {
  const { stdout } = await run('bash', [join(ROOT, 'scripts', 'swarm-up.sh'), '--json'], { maxBuffer: 8 * 1024 * 1024 });
  return JSON.parse(stdout);
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const testbed = await swarmUp();
  const managerHost = testbed.nodes.find((n) => n.name === 'manager').dockerHost;
  const manager = socketOf(managerHost);
  const nodeSockets = testbed.nodes.map((n) => socketOf(n.dockerHost));
  const runId = `sb${Date.now().toString(36)}${Math.random().toString(36).slice(2, 5)}`;
  const work = mkdtempSync(join(tmpdir(), 'envctl-swarm-bench-'));
  const env = { DOCKER_HOST: managerHost };
  const samples = {};
  const add = (tool, scenario, ms) => ((samples[tool] ??= {})[scenario] ??= []).push(ms);
  const notes = [];
  const started = Date.now();
  const loadAtStart = loadavg()[0];
  const n = opts.services;
  log(`run ${runId}: ${n} services × ${opts.replicas} on ${testbed.nodes.length} nodes (manager ${managerHost}); tools ${opts.tools.join(', ')}`);

  /** Per cycle fresh names: a network Swarm is still tearing down never meets the next cycle's. */
  const names = (c) => ({ envctl: `${runId}c${c}e`, stack: `${runId}c${c}s` });
  const prefixOf = (tool, name) => (tool === 'envctl' ? `${name}-` : `${name}_`);
  const spec = (tool, c, rev) =>
    writeSwarmSpec({ dir: join(work, `${tool}-${c}`), tool, project: names(c).envctl, n, image: testbed.image, replicas: opts.replicas, runId, rev });
  const command = (tool, c, rev) =>
    tool === 'envctl'
      ? ['node', [ENVCTL_BIN, '-f', spec(tool, c, rev), 'apply', '--yes']]
      : ['docker', ['stack', 'deploy', '-c', spec(tool, c, rev), names(c).stack]];

  /** The command's time, then (timed too) until every replica runs: polled every 50 ms over the manager's API. */
  async function toConvergence(tool, c, rev, via = env) {
    const [cmd, args] = command(tool, c, rev);
    const start = process.hrtime.bigint();
    const { out } = await timed(cmd, args, { env: via, timeoutMs: 300_000 });
    await until(() => converged(manager, prefixOf(tool, names(c)[tool]), n), { timeoutMs: 300_000, what: `${tool}: ${n} services converging`, every: 50 });
    return { ms: Number(process.hrtime.bigint() - start) / 1e6, out };
  }

  try {
    await cleanSwarm({ manager, nodes: nodeSockets, prefixes: [runId] });
    for (let c = 0; c < opts.cycles; c += 1) {
      log(`cycle ${c + 1}/${opts.cycles}`);
      let turn = c;
      for (const tool of rotate(opts.tools, turn++)) {
        const { ms } = await toConvergence(tool, c, 0);
        add(tool, 'converge', ms);
        log(`  ${tool} converge ${Math.round(ms)} ms`);
      }
      for (let k = 0; k < opts.noops; k += 1) {
        for (const tool of rotate(opts.tools, turn++)) {
          const prefix = prefixOf(tool, names(c)[tool]);
          const before = await versions(manager, prefix);
          const [cmd, args] = command(tool, c, 0);
          const { ms, out } = await timed(cmd, args, { env, timeoutMs: 120_000 });
          // envctl's no-op must leave what the swarm stores untouched; docker stack deploy updates every service
          // anew on each run (new version index, same spec: no task restarts), which is what its re-run costs.
          if (tool === 'envctl' && JSON.stringify(await versions(manager, prefix)) !== JSON.stringify(before)) {
            throw new Error(`envctl: the no-op apply changed services:\n${out.slice(-2000)}`);
          }
          await until(() => converged(manager, prefix, n), { timeoutMs: 120_000, what: `${tool}: still converged after a no-op` });
          add(tool, 'noop', ms);
          log(`  ${tool} no-op ${Math.round(ms)} ms`);
        }
      }
      for (let k = 0; k < opts.changes; k += 1) {
        for (const tool of rotate(opts.tools, turn++)) {
          const { ms } = await toConvergence(tool, c, k + 1);
          add(tool, 'change', ms);
          log(`  ${tool} change one ${Math.round(ms)} ms`);
        }
      }
      await cleanSwarm({ manager, nodes: nodeSockets, prefixes: [runId] });
    }
    // Engine API calls, counted on the wire by a proxy in front of the manager: a separate, untimed pass.
    log('counting engine API calls');
    const calls = {};
    const proxy = await startCountingProxy({ path: manager });
    try {
      for (const tool of opts.tools) {
        const via = { DOCKER_HOST: proxy.dockerHost };
        proxy.take();
        await toConvergence(tool, 'k', 0, via);
        const create = proxy.take();
        const [cmd, args] = command(tool, 'k', 0);
        await timed(cmd, args, { env: via, timeoutMs: 120_000 });
        calls[tool] = { create, noop: proxy.take() };
      }
    } finally {
      await proxy.close();
    }
    await cleanSwarm({ manager, nodes: nodeSockets, prefixes: [runId] });

    // What no envctl run can go below: Node's own start-up, measured now on the same machine.
    const nodeStart = [];
    for (let k = 0; k < 11; k += 1) nodeStart.push((await timed('node', ['-e', '0'])).ms);
    const results = {
      nodeStartMs: median(nodeStart.slice(1)),
      calls,
      load: [loadAtStart, loadavg()[0]],
      n,
      replicas: opts.replicas,
      nodes: testbed.nodes.length,
      cpus: cpus().length,
      engine: (await run('docker', ['version', '--format', '{{.Server.Version}}'], { env: { ...process.env, ...env } })).stdout.trim(),
      cli: (await run('docker', ['version', '--format', '{{.Client.Version}}'])).stdout.trim(),
      commit: (await run('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT }).catch(() => ({ stdout: '?' }))).stdout.trim(),
      samples,
      median,
      notes,
      minutes: (Date.now() - started) / 60000,
    };
    const section = formatSwarmSection(results);
    process.stdout.write(`${section}\n`);
    if (opts.write) {
      const old = existsSync(opts.out) ? readFileSync(opts.out, 'utf8') : '# envctl benchmark results\n';
      writeFileSync(opts.out, withSwarmSection(old, section));
      log(`wrote its section of ${opts.out}`);
    }
  } finally {
    await cleanSwarm({ manager, nodes: nodeSockets, prefixes: [runId] }).catch((err) => log(`clean-up: ${err.message}`));
    rmSync(work, { recursive: true, force: true });
  }
}

main().catch((err) => {
  process.stderr.write(`swarm-bench: failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
});
