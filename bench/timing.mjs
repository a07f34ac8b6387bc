// Times a command run to its end, and the small helpers the bench's scenarios share (medians, tool order).
import { spawn } from 'node:child_process';

export class TimedOut extends Error {}

/**
 * Runs a command to its end; resolves with wall time in ms and its output (for checks and error messages). A run
 * longer than `timeoutMs` is killed and rejects with TimedOut (docker-compose 1.29 can hang creating ~200 services).
 */
export function timed(cmd, args, { cwd, env, timeoutMs = 600_000 } = {}) {
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint();
    const child = spawn(cmd, args, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let killed = false;
    const timer = setTimeout(() => {
      killed = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      const ms = Number(process.hrtime.bigint() - start) / 1e6;
      if (killed) reject(new TimedOut(`${cmd} ${args.join(' ')} did not finish within ${Math.round(timeoutMs / 1000)} s`));
      else if (code !== 0) reject(new Error(`${cmd} ${args.join(' ')} exited ${code}:\n${out.slice(-3000)}`));
      else resolve({ ms, out });
    });
  });
}

export function median(values) {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length === 0 ? NaN : s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/** The tool order for turn `k`: rotated so that no tool always runs first (or right after the same one). */
export function rotate(list, k) {
  const n = list.length;
  return list.map((_, i) => list[(i + k) % n]);
}
