// memory_swap: memory + swap (docker --memory-swap); needs mem_limit; twice mem_limit is the engine's default and
// written as 0, -1 is unlimited swap. Changed in place together with mem_limit.
import { Type } from '@sinclair/typebox';
import type { Field } from '../field.js';
import { onlyIf } from '../only-if.js';
import { formatMemSwap } from '../present/format-value.js';
import { specSize } from '../present/spec-values.js';
import { text } from '../schema-parts.js';
import { parseSize } from '../values/parse-size.js';
import { memoryPatch } from './mem-limit.js';
import { refuse } from '../service/service-rules.js';

const keys = {
  memory_swap: {
    get schema() {
      return Type.Union(
        [Type.Integer({ minimum: -1 }), Type.String()],
        text(
          'Memory + swap limit, e.g. 8g; -1 = unlimited swap; needs mem_limit (default twice mem_limit).',
          'must be a size such as "8g", or -1 for unlimited swap',
        ),
      );
    },
  },
};

export const memorySwap: Field<'memSwapBytes', number, typeof keys> = {
  name: 'memory_swap',
  prop: 'memSwapBytes',
  keys,
  normalize: ({ memory_swap }, ctx) => {
    const field = memory_swap.value;
    if (!field) return 0;
    const raw = field.value;
    const bytes = raw === -1 || raw === '-1' ? -1 : ctx.report(field.path, parseSize(raw));
    if (bytes === undefined) return 0;
    const memLimit = ctx.env.memLimitBytes ?? 0;
    if (memLimit === 0) {
      ctx.issue(
        field.path,
        'memory_swap needs mem_limit: the engine limits memory + swap only when memory is limited',
        'add mem_limit, or remove memory_swap',
      );
      return 0;
    }
    if (bytes !== -1 && bytes < memLimit) {
      ctx.issue(
        field.path,
        `memory_swap (memory + swap) must be at least mem_limit`,
        'memory_swap = mem_limit means no swap; -1 means unlimited swap',
      );
      return 0;
    }
    // Twice mem_limit IS the engine's default: one canonical form for it.
    return bytes === 2 * memLimit ? 0 : bytes;
  },
  container: {
    // 0 leaves swap to the engine, which gives twice the memory limit.
    create: (v, body) => void (body.HostConfig.MemorySwap = v),
    observe: (i) => {
      const memory = i.HostConfig?.Memory ?? 0;
      const swap = i.HostConfig?.MemorySwap ?? 0;
      return swap === 0 || (memory > 0 && swap === 2 * memory) ? 0 : swap;
    },
  },
  service: refuse('a service has no swap limit; limit memory with deploy.resources.limits.memory'),
  change: { kind: 'in-place', needsRecreate: () => null, patch: memoryPatch },
  present: { show: formatMemSwap },
  import: {
    flags: [{ name: 'memory-swap', takesValue: true, apply: (d) => d.set('memory_swap', d.value === '-1' ? -1 : d.size()) }],
    write: (v) => onlyIf(v !== 0, 'memory_swap', () => (v === -1 ? -1 : specSize(v))),
  },
};
