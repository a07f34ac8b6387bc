// One watch per apply run and engine over the services it waits for: each waiting service asks for its next sighting,
// and one round every POLL_MS answers all who asked with ONE service list and ONE task list call (and one node list
// when a waiter wants the placement), not two calls per service. It judges nothing: read-convergence.ts does, per service.
import type { Engine, ObservedNode, ObservedService, ObservedTask } from '../engine/engine.js';
import { POLL_MS } from './poll-until.js';

/** What one round saw of one service. */
export interface ServiceSighting {
  /** Null: the engine has no service of that name (any more). */
  service: ObservedService | null;
  /** Its tasks, any state. */
  tasks: ObservedTask[];
  /** The nodes, listed at most once per round, for whichever waiter of the round asks first. */
  nodes: () => Promise<ObservedNode[]>;
}

interface Ask {
  name: string;
  settled: boolean;
  answer: (sighting: ServiceSighting | null) => void;
  fail: (error: unknown) => void;
}

export class ConvergenceWatch {
  private asks: Ask[] = [];
  private running = false;
  private lastRoundAt = -Infinity;

  constructor(
    private readonly engine: Engine,
    private readonly pollMs = POLL_MS,
  ) {}

  /**
   * The service named `name` as the next round sees it: a waiter that asks while a round is under way joins the one
   * after. Null once `signal` aborts (the ask is withdrawn: a round with nobody left is not made). Rejects with the
   * engine's error when a round's call failed.
   */
  next(name: string, signal?: AbortSignal): Promise<ServiceSighting | null> {
    if (signal?.aborted === true) return Promise.resolve(null);
    return new Promise((resolve, reject) => {
      const withdraw = (): void => {
        this.asks = this.asks.filter((a) => a !== ask);
        ask.answer(null);
      };
      const settle = (): boolean => {
        if (ask.settled) return false;
        ask.settled = true;
        signal?.removeEventListener('abort', withdraw);
        return true;
      };
      const ask: Ask = {
        name,
        settled: false,
        answer: (sighting) => settle() && resolve(sighting),
        fail: (error) => settle() && reject(error),
      };
      signal?.addEventListener('abort', withdraw, { once: true });
      this.asks.push(ask);
      if (!this.running) void this.run();
    });
  }

  /**
   * Rounds while anyone asks, POLL_MS apart from start to start (a round slower than that is followed at once). It
   * always yields first, so that the waiters that ask in the same moment share the round.
   */
  private async run(): Promise<void> {
    this.running = true;
    try {
      while (this.asks.length > 0) {
        // A timer may fire a little early by this clock (the event loop reads its own time once per turn, later under
        // load): wait out what is left, so rounds are never closer than pollMs.
        const due = this.lastRoundAt + this.pollMs;
        do await new Promise((resolve) => setTimeout(resolve, Math.max(0, due - performance.now())));
        while (performance.now() < due);
        const round = this.asks;
        this.asks = [];
        if (round.length === 0) break;
        this.lastRoundAt = performance.now();
        await this.round(round);
      }
    } finally {
      this.running = false;
    }
  }

  private async round(asks: Ask[]): Promise<void> {
    try {
      const names = [...new Set(asks.map((a) => a.name))];
      const services = new Map((await this.engine.listServicesNamed(names)).map((s) => [s.name, s]));
      const tasks = await this.engine.listTasksOfServices([...services.values()].map((s) => s.id));
      if (tasks === null) {
        // One of them went between the two calls: the next round's list says which.
        this.asks.push(...asks.filter((a) => !a.settled));
        return;
      }
      let nodes: Promise<ObservedNode[]> | undefined;
      const listNodes = (): Promise<ObservedNode[]> => (nodes ??= this.engine.listNodes());
      for (const ask of asks) {
        const service = services.get(ask.name) ?? null;
        ask.answer({ service, tasks: service === null ? [] : tasks.filter((t) => t.serviceId === service.id), nodes: listNodes });
      }
    } catch (error) {
      for (const ask of asks) ask.fail(error);
    }
  }
}
