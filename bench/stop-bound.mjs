// The stop-bound scenario: N environments whose main process ignores SIGTERM (`sleep` as PID 1, as in most lab
// containers), so every stop waits the whole grace period. Times "recreate all N" and "destroy" for envctl and
// docker-compose, interleaved: both should take about one grace period, whatever N.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BENCH_IMAGE, BENCH_LABEL } from './make-specs.mjs';
import { rotate, timed } from './timing.mjs';

/** PID 1 of a container gets no default signal handlers: `sleep` ignores SIGTERM and is killed after the grace period. */
export const STOP_BOUND_COMMAND = ['sleep', '2147483647'];

const q = (s) => JSON.stringify(s);

function envs({ project, n, rev }) {
  return Array.from({ length: n }, (_, i) => ({ name: `s${i}`, container: `${project}-s${i}`, environment: { BENCH_INDEX: String(i), BENCH_REV: String(rev) } }));
}

const environmentLine = (e) => `    environment: { ${Object.entries(e.environment).map(([k, v]) => `${k}: ${q(v)}`).join(', ')} }`;

/**
 * Both tools on the default bridge network (compose would otherwise make and remove a network of its own), with the
 * same grace period; `rev` changes a variable of every environment, which makes both tools recreate all of them.
 */
function writeStopBoundSpec({ dir, tool, project, n, rev, grace, runId }) {
  mkdirSync(dir, { recursive: true });
  const lines = tool === 'envctl' ? ['version: 1', `project: ${project}`, 'environments:'] : ["version: '3.7'", 'services:'];
  for (const e of envs({ project, n, rev })) {
    lines.push(`  ${e.name}:`, `    image: ${BENCH_IMAGE}`, `    command: ${q(STOP_BOUND_COMMAND)}`, `    stop_grace_period: ${grace}s`, environmentLine(e));
    lines.push(`    labels: { ${q(BENCH_LABEL)}: ${q(runId)} }`);
    if (tool === 'compose') lines.push(`    container_name: ${e.container}`, '    network_mode: bridge');
  }
  const path = join(dir, tool === 'envctl' ? 'envctl.yaml' : 'docker-compose.yml');
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}

const COMMANDS = {
  envctl: {
    apply: (ctx, path) => ['node', [ctx.envctlBin, '-f', path, 'apply', '--yes']],
    destroy: (ctx, path) => ['node', [ctx.envctlBin, '-f', path, 'destroy', '--yes']],
    recreated: (out, n) => new RegExp(`Plan: ${n} to recreate\\.`).test(out),
  },
  compose: {
    apply: (ctx, path, project) => ['docker-compose', ['-p', project, '-f', path, 'up', '-d']],
    destroy: (ctx, path, project) => ['docker-compose', ['-p', project, '-f', path, 'down']],
    // Without a terminal compose prints "Recreating <name> ..." and later "... done" for each container.
    recreated: (out, n) => new Set([...out.matchAll(/Recreating (\S+)/g)].map((m) => m[1])).size === n,
  },
};

/**
 * For each size: per cycle, every tool creates its N environments (untimed), then recreates all of them, then
 * destroys them (both timed), tools taking turns in a rotated order. `add(tool, n, scenario, ms)` records a sample.
 */
export async function runStopBound({ tools, sizes, cycles, grace, projects, work, runId, envctlBin, add, clean, log }) {
  const ours = tools.filter((t) => t in COMMANDS);
  for (const n of sizes) {
    for (let c = 0; c < cycles; c += 1) {
      log(`stop-bound N=${n} (grace ${grace} s) cycle ${c + 1}/${cycles}: ${ours.join(', ')}`);
      await clean();
      const run = (tool, what, rev) => {
        const path = writeStopBoundSpec({ dir: join(work, `${tool}-stop-${n}`), tool, project: `${projects[tool]}-stop`, n, rev, grace, runId });
        const [cmd, args] = COMMANDS[tool][what]({ envctlBin }, path, `${projects[tool]}-stop`);
        // Two grace periods per batch of compose's threads, plus start-up: only a hung tool reaches it.
        return timed(cmd, args, { cwd: join(work, `${tool}-stop-${n}`), timeoutMs: 60_000 + 2 * grace * 1000 * Math.ceil(n / 8) });
      };
      for (const tool of rotate(ours, c)) await run(tool, 'apply', 0);
      for (const tool of rotate(ours, c + 1)) {
        const { ms, out } = await run(tool, 'apply', 1);
        if (!COMMANDS[tool].recreated(out, n)) throw new Error(`${tool}: the change did not recreate all ${n} environments:\n${out.slice(-2000)}`);
        add(tool, n, 'stop-recreate', ms);
      }
      for (const tool of rotate(ours, c + 2)) add(tool, n, 'stop-destroy', (await run(tool, 'destroy', 1)).ms);
    }
  }
  await clean();
}
