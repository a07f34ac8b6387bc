// `envctl validate`: load and check the spec; no engine call.
import { loadDesired } from '../../app/run-plan.js';
import { printJson, type GlobalOptions } from '../output.js';
import { enforcePolicy } from '../../app/enforce-policy.js';

export async function runValidateCommand(g: GlobalOptions, opts: { json: boolean; allowDangerous?: boolean }): Promise<number> {
  const desired = await loadDesired({ file: g.file, displayPath: g.file });
  await enforcePolicy(desired, { file: g.file, displayPath: g.file }, { allowDangerous: opts.allowDangerous === true });
  const envs = desired.environments.map((e) => e.name);
  if (opts.json) {
    printJson({ ok: true, project: desired.project, environments: envs, volumes: desired.volumes.map((v) => v.name) });
  } else {
    const v = desired.volumes.length;
    process.stdout.write(
      `${g.file} is valid: project "${desired.project}", ${envs.length} environment${envs.length === 1 ? '' : 's'}` +
        `${envs.length ? ` (${envs.join(', ')})` : ''}, ${v} named volume${v === 1 ? '' : 's'}.\n`,
    );
  }
  return 0;
}
