// The plan as text for a person: one line per action with its cause, field changes beneath, conflicts, warnings, totals.
import pc from 'picocolors';
import type { Action, ActionKind, Plan } from '../../plan/plan-types.js';
import { formatOwnLayer } from './format-own-layer.js';
import { formatAnonymousVolumes } from './format-anonymous-volumes.js';
import { formatActionSteps } from './format-plan-graph.js';

type ColorName = 'green' | 'yellow' | 'magenta' | 'cyan' | 'red' | 'blue';

interface KindStyle {
  symbol: string;
  color: ColorName;
  /** How the summary line counts it: "1 to create", "2 volumes to create". */
  summary: (n: number) => string;
}

const things = (n: number, one: string, many: string, verb: string): string => `${n} ${n === 1 ? one : many} to ${verb}`;

/** Also the order of the summary line. */
const KINDS: Record<ActionKind, KindStyle> = {
  create: { symbol: '+', color: 'green', summary: (n) => `${n} to create` },
  update: { symbol: '~', color: 'yellow', summary: (n) => `${n} to update` },
  rename: { symbol: '~', color: 'yellow', summary: (n) => `${n} to rename` },
  recreate: { symbol: '±', color: 'magenta', summary: (n) => `${n} to recreate` },
  start: { symbol: '▶', color: 'cyan', summary: (n) => `${n} to start` },
  unpause: { symbol: '▶', color: 'cyan', summary: (n) => `${n} to unpause` },
  stop: { symbol: '■', color: 'yellow', summary: (n) => `${n} to stop` },
  pause: { symbol: '‖', color: 'yellow', summary: (n) => `${n} to pause` },
  remove: { symbol: '-', color: 'red', summary: (n) => `${n} to remove` },
  pull: { symbol: '↓', color: 'blue', summary: (n) => things(n, 'image', 'images', 'pull') },
  build: { symbol: '⚒', color: 'blue', summary: (n) => things(n, 'image', 'images', 'build') },
  'create-volume': { symbol: '+', color: 'green', summary: (n) => things(n, 'volume', 'volumes', 'create') },
  'remove-volume': { symbol: '-', color: 'red', summary: (n) => things(n, 'volume', 'volumes', 'remove') },
  'create-network': { symbol: '+', color: 'green', summary: (n) => things(n, 'network', 'networks', 'create') },
  'create-service': { symbol: '+', color: 'green', summary: (n) => things(n, 'service', 'services', 'create') },
  'update-service': { symbol: '~', color: 'yellow', summary: (n) => things(n, 'service', 'services', 'update') },
  'remove-service': { symbol: '-', color: 'red', summary: (n) => things(n, 'service', 'services', 'remove') },
  'remove-network': { symbol: '-', color: 'red', summary: (n) => things(n, 'network', 'networks', 'remove') },
  'create-marker': { symbol: '+', color: 'green', summary: (n) => things(n, 'marker', 'markers', 'create') },
  'remove-marker': { symbol: '-', color: 'red', summary: (n) => things(n, 'marker', 'markers', 'remove') },
};

const INDENT = '  ';
const DETAIL_INDENT = '        ';

/**
 * Deterministic text (golden tests compare it byte for byte), without a trailing newline. Columns are padded to the
 * widest kind and resource in this plan, measured before colouring so escape codes never shift them. `graph` adds the
 * steps of each action with their dependencies (`envctl plan --graph`).
 */
export function formatPlan(plan: Plan, opts: { color: boolean; command?: 'apply' | 'destroy'; graph?: boolean }): string {
  const command = opts.command ?? 'apply';
  const c = pc.createColors(opts.color);

  if (plan.actions.length === 0 && plan.conflicts.length === 0 && plan.warnings.length === 0) {
    const n = plan.unchanged.filter((r) => r.startsWith('env:')).length;
    if (n === 0) return 'No changes.';
    return `No changes. ${n} ${n === 1 ? 'environment matches' : 'environments match'} the spec.`;
  }

  const lines: string[] = [c.bold(`Plan for project "${plan.project}":`), ''];
  const kindWidth = Math.max(...plan.actions.map((a) => a.kind.length), 0);
  const resourceWidth = Math.max(...plan.actions.map((a) => a.resource.length), 0);
  for (const action of plan.actions) {
    const style = KINDS[action.kind];
    const head = `${style.symbol} ${action.kind.padEnd(kindWidth)}  ${action.resource.padEnd(resourceWidth)}`;
    lines.push(`${INDENT}${c[style.color](head)}  ${action.cause}`);
    for (const change of action.diff) lines.push(c.dim(`${DETAIL_INDENT}${formatChange(change)}`));
    if (action.ownLayer) {
      const line = `${DETAIL_INDENT}! ${formatOwnLayer(action.ownLayer, command)}`;
      lines.push(action.ownLayer.policy === 'refuse' ? c.red(line) : c.yellow(line));
    }
    for (const { text, warn } of formatAnonymousVolumes(action, command)) lines.push((warn ? c.yellow : c.green)(`${DETAIL_INDENT}${text}`));
    if (opts.graph === true) for (const line of formatActionSteps(plan, action)) lines.push(c.dim(`${DETAIL_INDENT}${line}`));
  }

  // When containers go away, say which named volumes stay: that is where the data people worry about lives.
  const kept = plan.unchanged.filter((r) => r.startsWith('volume:')).map((r) => r.slice('volume:'.length));
  if (kept.length > 0 && plan.actions.some((a) => a.kind === 'remove' || a.kind === 'recreate')) {
    lines.push(`${INDENT}${c.green(`= kept      ${kept.length === 1 ? 'volume' : 'volumes'} ${kept.join(', ')}`)}  named volumes survive recreate and remove`);
  }

  if (plan.conflicts.length > 0 || plan.warnings.length > 0) {
    if (plan.actions.length > 0) lines.push('');
    for (const conflict of plan.conflicts) {
      lines.push(`${INDENT}${c.red(`! conflict  ${conflict.resource}`)}  ${conflict.message}`);
      if (conflict.hint !== undefined) lines.push(c.dim(`${DETAIL_INDENT}hint: ${conflict.hint}`));
    }
    for (const warning of plan.warnings) lines.push(`${INDENT}${c.yellow(`! ${warning}`)}`);
  }

  lines.push('', c.bold(summaryLine(plan)));
  return lines.join('\n');
}

/** `environment` changes carry keys only and no "from" (values may be secrets): "environment: +API_KEY, ~PATH". */
function formatChange(change: Action['diff'][number]): string {
  return change.from === '' ? `${change.field}: ${change.to}` : `${change.field}: ${change.from} → ${change.to}`;
}

function summaryLine(plan: Plan): string {
  const parts: string[] = [];
  for (const [kind, style] of Object.entries(KINDS) as [ActionKind, KindStyle][]) {
    const n = plan.actions.filter((a) => a.kind === kind).length;
    if (n > 0) parts.push(style.summary(n));
  }
  const conflicts = plan.conflicts.length;
  if (conflicts > 0) parts.push(`${conflicts} ${conflicts === 1 ? 'conflict' : 'conflicts'}`);
  return parts.length === 0 ? 'Plan: nothing to do.' : `Plan: ${parts.join(', ')}.`;
}
