// `envctl validate`: load and check the spec; no engine call. Names every file read (the spec, then those merged onto it).
import { loadAllowedSpec } from '../load-spec-for.js';
import { printResult, type GlobalOptions } from '../output.js';

export async function runValidateCommand(g: GlobalOptions, opts: { json: boolean; allowDangerous?: boolean }): Promise<number> {
  const desired = await loadAllowedSpec(g, opts);
  const envs = desired.environments.map((e) => e.name);
  const files = desired.files ?? [g.file];
  if (opts.json) {
    const warnings = (desired.warnings ?? []).map(({ file, line, col, message, hint }) => ({ file, line, col, message, ...(hint === undefined ? {} : { hint }) }));
    printResult({ project: desired.project, files, environments: envs, volumes: desired.volumes.map((v) => v.name), warnings });
  } else {
    const v = desired.volumes.length;
    process.stdout.write(
      `${files.join(' + ')} ${files.length === 1 ? 'is' : 'are'} valid: project "${desired.project}", ${envs.length} environment${envs.length === 1 ? '' : 's'}` +
        `${envs.length ? ` (${envs.join(', ')})` : ''}, ${v} named volume${v === 1 ? '' : 's'}.\n`,
    );
  }
  return 0;
}
