// Bounds on how long a check takes are bounds on this process's CPU time, not on the wall clock: other processes on a
// shared machine (the engine tests running beside, a loaded CI host) stretch the wall clock, never the CPU time spent.
// vitest runs each test file in its own process, so the count is this file's work alone.

/** Runs `work` and returns its result with the CPU time (user + system, in ms) this process spent meanwhile. */
export async function cpuTimed<T>(work: () => Promise<T>): Promise<{ ms: number; result: T }> {
  const start = process.cpuUsage();
  const result = await work();
  const used = process.cpuUsage(start);
  return { ms: (used.user + used.system) / 1000, result };
}
