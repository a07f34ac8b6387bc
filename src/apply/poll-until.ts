// Asks `check` again every POLL_MS until it says done or `timeoutMs` is over: for what the engine finishes by itself
// (a service converging, a network freed) and tells of only when asked.
export const POLL_MS = 500;

/** True once `check` returned true; false when the time ran out first. `check` may throw to stop at once. */
export async function pollUntil(timeoutMs: number, check: () => Promise<boolean>): Promise<boolean> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    if (await check()) return true;
    if (performance.now() >= deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, Math.min(POLL_MS, Math.max(0, deadline - performance.now()))));
  }
}
