// Turns bench samples into the terminal table and bench/RESULTS.md: medians, ratios, the targets, API call counts.
const SCENARIOS = [
  ['create', 'create from nothing'],
  ['noop', 'no-op re-apply'],
  ['change', 'change one environment'],
];

/** bench/stop-bound.mjs: environments whose PID 1 ignores SIGTERM, at their own sizes (results.stopSizes). */
const STOP_SCENARIOS = [
  ['stop-recreate', 'recreate all, PID 1 ignores SIGTERM'],
  ['stop-destroy', 'destroy / down, PID 1 ignores SIGTERM'],
];

const fmtMs = (ms) => (ms === undefined || Number.isNaN(ms) ? '–' : ms >= 10000 ? `${(ms / 1000).toFixed(1)} s` : ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${Math.round(ms)} ms`);
const fmtRatio = (r) => (r === undefined || Number.isNaN(r) ? '–' : `${r.toFixed(2)}×`);

function cell(results, tool, n, scenario) {
  const values = results.samples[tool]?.[n]?.[scenario];
  return values && values.length > 0 ? { median: results.median(values), count: values.length } : undefined;
}

/** One row per scenario and size: medians, and envctl's time as a fraction of the other tool's (0.20× = 5× faster). */
export function rows(results) {
  const out = [];
  const sizes = [...results.sizes.map((n) => [n, SCENARIOS]), ...(results.stopSizes ?? []).map((n) => [n, STOP_SCENARIOS])];
  for (const [n, scenarios] of sizes) {
    for (const [scenario, label] of scenarios) {
      const e = cell(results, 'envctl', n, scenario);
      const c = cell(results, 'compose', n, scenario);
      const a = cell(results, 'ansible', n, scenario);
      const f = cell(results, 'floor', n, scenario);
      out.push({
        n,
        scenario,
        label,
        envctl: e?.median,
        compose: c?.median,
        ansible: a?.median,
        vsCompose: e && c ? e.median / c.median : undefined,
        vsAnsible: e && a ? e.median / a.median : undefined,
        floor: f?.median,
        floorVsCompose: f && c ? f.median / c.median : undefined,
        runs: [e?.count ?? 0, c?.count ?? 0, a?.count ?? 0].join('/'),
      });
    }
  }
  return out;
}

/** The targets, checked on this run's numbers. */
export function targets(results) {
  const byKey = Object.fromEntries(rows(results).map((r) => [`${r.scenario}:${r.n}`, r]));
  const list = [];
  const check = (name, value, limit, shown) => list.push({ name, ok: value !== undefined && !Number.isNaN(value) && value <= limit, shown });
  if (byKey['noop:20']) check('no-op, 20 envs: ≤ 1/5 of docker-compose', byKey['noop:20'].vsCompose, 0.2, fmtRatio(byKey['noop:20'].vsCompose));
  if (byKey['create:20']) {
    const r = byKey['create:20'];
    const floor = r.floorVsCompose === undefined ? '' : ` (the engine floor alone: ${fmtRatio(r.floorVsCompose)})`;
    check('create, 20 envs: ≤ 1/2 of docker-compose', r.vsCompose, 0.5, `${fmtRatio(r.vsCompose)}${floor}`);
  }
  if (byKey['noop:200']) check('no-op, 200 envs: < 0.5 s', byKey['noop:200'].envctl, 500, fmtMs(byKey['noop:200'].envctl));
  for (const n of results.stopSizes ?? []) {
    for (const [scenario, what] of [['stop-recreate', 'recreate'], ['stop-destroy', 'destroy']]) {
      const r = byKey[`${scenario}:${n}`];
      if (r?.vsCompose !== undefined) check(`${what} ${n} SIGTERM-ignoring envs: ≤ 1.1× of docker-compose`, r.vsCompose, 1.1, `${fmtRatio(r.vsCompose)} (${fmtMs(r.envctl)}; grace ${results.stopGrace} s)`);
    }
  }
  const version = results.startup['envctl --version'];
  check('envctl --version: < 80 ms', version, 80, fmtMs(version));
  for (const n of results.sizes) {
    const noop = results.calls.envctl?.[n]?.noop;
    if (!noop) continue;
    const exact = noop.total === 1 + n && noop.byOp['container.list'] === 1 && noop.byOp['container.inspect'] === n;
    list.push({ name: `no-op, ${n} envs: 1 list + ${n} inspects`, ok: exact, shown: describeCalls(noop) });
  }
  return list;
}

function describeCalls(c) {
  if (!c) return '–';
  const parts = Object.entries(c.byOp).sort(([, a], [, b]) => b - a).map(([op, k]) => `${k} ${op}`);
  return `${c.total} (${parts.join(', ')})`;
}

function pad(text, width) {
  return String(text).padEnd(width);
}

export function formatTable(results) {
  const header = ['N', 'scenario', 'envctl', 'compose', 'envctl/compose', 'ansible', 'envctl/ansible', 'engine floor', 'runs e/c/a'];
  const body = rows(results).map((r) => [r.n, r.label, fmtMs(r.envctl), fmtMs(r.compose), fmtRatio(r.vsCompose), fmtMs(r.ansible), fmtRatio(r.vsAnsible), fmtMs(r.floor), r.runs]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => String(row[i]).length)));
  const line = (row) => row.map((v, i) => pad(v, widths[i])).join('  ');
  const lines = ['Medians (wall time per run):', line(header), ...body.map(line), ''];
  lines.push('Start-up (median):');
  for (const [k, v] of Object.entries(results.startup)) lines.push(`  ${pad(k, 34)} ${fmtMs(v)}`);
  lines.push('', 'Targets:');
  for (const t of targets(results)) lines.push(`  ${t.ok ? 'PASS' : 'FAIL'}  ${pad(t.name, 44)} ${t.shown}`);
  for (const note of results.notes) lines.push(`note: ${note}`);
  return lines.join('\n');
}

export function formatReport(results) {
  const m = results.machine;
  const md = [];
  md.push('# envctl benchmark results', '');
  md.push('Generated by `npm run bench` (bench/run-bench.mjs); do not edit by hand. Method: bench/README.md.', '');
  md.push('## Machine', '');
  md.push(`- CPUs: ${m.cpus}`, `- Memory: ${m.memory}`, `- Kernel: ${m.kernel}`, `- Docker: ${m.docker}`, `- docker-compose: ${m.compose}`);
  md.push(`- Ansible: ${m.ansible}; community.docker ${m.communityDocker}`, `- Node.js: ${m.node}`, `- envctl: ${m.envctl}`, '');
  md.push(`Whole bench: ${results.minutes.toFixed(1)} min. Tools compared: ${results.tools.filter((t) => t !== 'floor').join(', ')}.`, '');
  for (const note of results.notes) md.push(`> ${note}`, '');
  md.push('## Medians and ratios', '');
  md.push('Ratio = envctl\'s median ÷ the other tool\'s median (0.20× means envctl takes a fifth of the time). "runs" counts the timed runs of envctl/compose/ansible.');
  md.push('"Engine floor" (create only) is bench/engine-floor.mjs: the same volumes and containers created and started all at once straight on the Engine API, with nothing else — the engine\'s own time, which no tool can beat.');
  md.push(`"PID 1 ignores SIGTERM" rows (bench/stop-bound.mjs): \`sleep\` as the main process, stop_grace_period ${results.stopGrace ?? 10} s, so every stop waits the grace period; envctl and docker-compose only.`, '');
  md.push('| N | scenario | envctl | docker-compose | envctl ÷ compose | Ansible | envctl ÷ Ansible | engine floor | runs |');
  md.push('| -: | - | -: | -: | -: | -: | -: | -: | - |');
  for (const r of rows(results)) {
    md.push(`| ${r.n} | ${r.label} | ${fmtMs(r.envctl)} | ${fmtMs(r.compose)} | ${fmtRatio(r.vsCompose)} | ${fmtMs(r.ansible)} | ${fmtRatio(r.vsAnsible)} | ${fmtMs(r.floor)} | ${r.runs} |`);
  }
  md.push('', '## Targets', '');
  md.push('| target | measured | |', '| - | - | - |');
  for (const t of targets(results)) md.push(`| ${t.name} | ${t.shown} | ${t.ok ? 'pass' : '**FAIL**'} |`);
  md.push('', '## Start-up (median wall time)', '');
  md.push('| command | time |', '| - | -: |');
  for (const [k, v] of Object.entries(results.startup)) md.push(`| \`${k}\` | ${fmtMs(v)} |`);
  md.push('', '## Engine API calls per run (counted on the wire by a proxy)', '');
  md.push('| tool | N | create | no-op | change one |', '| - | -: | - | - | - |');
  for (const tool of Object.keys(results.calls)) {
    for (const [n, c] of Object.entries(results.calls[tool])) {
      md.push(`| ${tool} | ${n} | ${describeCalls(c.create)} | ${describeCalls(c.noop)} | ${describeCalls(c.change)} |`);
    }
  }
  md.push('');
  return md.join('\n');
}
