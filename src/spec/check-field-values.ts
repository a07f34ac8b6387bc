// The validate step after the schema: every value checked against the grammar the engine applies to it (names,
// paths, host names, signals …), so nothing the engine would refuse, misread or change reaches it. Located issues.
import type { SpecIssue } from '../errors/envctl-error.js';
import { checkKey, DOCKER_NAME, withoutControlChars } from '../fields/values/check-text.js';
import { checkEnvironmentValues } from './environment-field-checks.js';
import type { DataPath, Locator } from './locate-node.js';
import { fail } from '../fields/values/parse-result.js';
import { ReportedPaths } from './reported-paths.js';
import { entryNames, isObj, printableText, type ValueSink } from '../fields/values/value-checks.js';

/** `reported`: paths the schema already rejected; values at or under them are not looked at again. */
export function checkFieldValues(data: unknown, file: string, locator: Locator, reported: DataPath[]): SpecIssue[] {
  const issues: SpecIssue[] = [];
  const done = new ReportedPaths(reported);
  const skip = (path: DataPath) => done.at(path);
  const report: ValueSink = (path, parsed, atKey = false) => {
    if (parsed.ok) return;
    const at = atKey ? locator.key(path) : locator.value(path);
    const issue: SpecIssue = { file: at.file ?? file, path, line: at.line, col: at.col, message: parsed.message };
    if (parsed.hint !== undefined) issue.hint = parsed.hint;
    issues.push(issue);
  };
  if (!isObj(data)) return issues;

  if (isObj(data.defaults) && !skip(['defaults'])) checkEnvironmentValues(data.defaults, ['defaults'], report, skip);
  if (isObj(data.environments) && !skip(['environments'])) {
    for (const [name, env] of Object.entries(data.environments)) {
      if (isObj(env) && !skip(['environments', name])) checkEnvironmentValues(env, ['environments', name], report, skip);
    }
  }
  if (isObj(data.volumes) && !skip(['volumes'])) {
    for (const [name, decl] of Object.entries(data.volumes)) if (isObj(decl) && !skip(['volumes', name])) checkVolume(decl, ['volumes', name], report);
  }
  if (isObj(data.hosts) && !skip(['hosts'])) {
    for (const [name, host] of Object.entries(data.hosts)) if (!skip(['hosts', name])) checkHost(name, host, ['hosts', name], report);
  }
  return issues;
}

function checkVolume(decl: Record<string, unknown>, path: DataPath, report: ValueSink): void {
  if (typeof decl.driver === 'string') {
    const driver = withoutControlChars(decl.driver, 'volume driver');
    report([...path, 'driver'], driver.ok && /\s/.test(decl.driver) ? fail(`volume driver "${decl.driver}" contains white space`, 'e.g. local') : driver);
  }
  if (isObj(decl.driver_opts)) {
    for (const [key, value] of Object.entries(decl.driver_opts)) {
      const at = [...path, 'driver_opts', key];
      const name = checkKey(key, 'driver option');
      report(at, name.ok ? withoutControlChars(String(value), `driver option \`${key}\``) : name, !name.ok);
    }
  }
  entryNames('label')(decl.labels, [...path, 'labels'], report);
}

function checkHost(name: string, host: unknown, path: DataPath, report: ValueSink): void {
  if (!DOCKER_NAME.test(name)) {
    report(path, fail(`host name \`${name}\` must start with a letter or digit and contain only letters, digits, _ . -`), true);
  }
  if (!isObj(host)) return;
  if (typeof host.docker_host === 'string') report([...path, 'docker_host'], withoutControlChars(host.docker_host, 'docker_host'));
  printableText('description')(host.description, [...path, 'description'], report);
}
