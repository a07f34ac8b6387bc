// `envctl ssh-config [NAME] [--write] [--json]`: Host blocks for ~/.ssh/config (VS Code Remote-SSH), printed or merged in.
import { specSource } from '../load-spec-for.js';
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { runSshTargets } from '../../app/run-ssh.js';
import { connectTo } from '../../engine/connect-engine.js';
import { formatHostBlock, formatProjectSection, mergeSshConfig } from '../../features/ssh/format-ssh-config.js';
import { readUnlessMissing } from '../../base/read-input-file.js';
import { printResult, type GlobalOptions } from '../output.js';
import { identityFileWarnings, printWarnings } from '../render/identity-file-warnings.js';

export async function runSshConfigCommand(g: GlobalOptions, name: string | undefined, opts: { write: boolean; json?: boolean }): Promise<number> {
  // --write replaces the project's whole section, so it always covers every environment.
  const { project, targets, missing } = await runSshTargets(specSource(g), connectTo, opts.write ? undefined : name);
  const warnings = identityFileWarnings(targets);
  if (!opts.json) {
    for (const m of missing) process.stderr.write(`envctl: env:${m.env} ${m.reason}; no Host block for it\n`);
    printWarnings(warnings);
  }
  const blocks = targets.map(formatHostBlock);
  const data = { project, hosts: targets, missing, warnings };
  if (!opts.write) {
    if (opts.json) printResult(data);
    else if (blocks.length > 0) process.stdout.write(`${blocks.join('\n\n')}\n`);
    return 0;
  }
  const dir = join(homedir(), '.ssh');
  const file = join(dir, 'config');
  const existing = readUnlessMissing(file);
  const next = mergeSshConfig(existing, project, formatProjectSection(project, blocks));
  if (next === existing) {
    if (opts.json) printResult({ ...data, file, changed: false });
    else process.stdout.write(`${file}: up to date (${blocks.length} host${blocks.length === 1 ? '' : 's'})\n`);
    return 0;
  }
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const tmp = `${file}.envctl-${process.pid}.tmp`;
  writeFileSync(tmp, next, { mode: 0o600 });
  renameSync(tmp, file);
  if (opts.json) printResult({ ...data, file, changed: true });
  else process.stdout.write(`${file}: wrote ${blocks.length} host${blocks.length === 1 ? '' : 's'} for project ${project}\n`);
  return 0;
}
