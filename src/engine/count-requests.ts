// Counts the HTTP requests a dockerode client really sends, by operation, so tests can prove how many calls a run makes.

export interface RequestStats {
  total: number;
  byOp: Record<string, number>;
}

const OPS: [method: string, pattern: RegExp, op: string][] = [
  ['GET', /^\/_ping$/, 'ping'],
  ['GET', /^\/containers\/json$/, 'container.list'],
  ['GET', /^\/containers\/[^/]+\/json$/, 'container.inspect'],
  ['POST', /^\/containers\/create$/, 'container.create'],
  ['POST', /^\/containers\/[^/]+\/(start|stop|pause|unpause|update|rename|kill|restart|wait)$/, 'container.$1'],
  ['DELETE', /^\/containers\/[^/]+$/, 'container.remove'],
  ['GET', /^\/images\/.+\/json$/, 'image.inspect'],
  ['POST', /^\/images\/create$/, 'image.pull'],
  ['GET', /^\/volumes$/, 'volume.list'],
  ['GET', /^\/volumes\/[^/]+$/, 'volume.inspect'],
  ['POST', /^\/volumes\/create$/, 'volume.create'],
  ['DELETE', /^\/volumes\/[^/]+$/, 'volume.remove'],
  ['GET', /^\/services$/, 'service.list'],
  ['GET', /^\/services\/[^/]+$/, 'service.inspect'],
  ['POST', /^\/services\/create$/, 'service.create'],
  ['POST', /^\/services\/[^/]+\/update$/, 'service.update'],
  ['DELETE', /^\/services\/[^/]+$/, 'service.remove'],
  ['GET', /^\/tasks$/, 'task.list'],
  ['GET', /^\/nodes$/, 'node.list'],
  ['GET', /^\/networks$/, 'network.list'],
  ['POST', /^\/networks\/create$/, 'network.create'],
  ['DELETE', /^\/networks\/[^/]+$/, 'network.remove'],
];

/** 'GET /containers/abc/json?' → 'container.inspect'; unknown calls keep their method and path. */
export function classifyRequest(method: string, path: string): string {
  const bare = path.split('?')[0] ?? path;
  for (const [m, pattern, op] of OPS) {
    if (m !== method) continue;
    const match = pattern.exec(bare);
    if (match) return op.replace('$1', match[1] ?? '');
  }
  return `${method} ${bare}`;
}

interface DialingModem {
  dial: (options: { method?: string; path?: string }, callback: (...args: unknown[]) => void) => void;
}

/** Wraps modem.dial (one call = one HTTP request) and returns live counters. */
export function countRequests(modem: DialingModem): { stats: () => RequestStats; reset: () => void } {
  let total = 0;
  let byOp: Record<string, number> = {};
  const dial = modem.dial.bind(modem);
  modem.dial = (options, callback) => {
    const op = classifyRequest(options.method ?? 'GET', options.path ?? '');
    total += 1;
    byOp[op] = (byOp[op] ?? 0) + 1;
    dial(options, callback);
  };
  return {
    stats: () => ({ total, byOp: { ...byOp } }),
    reset: () => {
      total = 0;
      byOp = {};
    },
  };
}
