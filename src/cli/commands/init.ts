// `envctl init`: writes a new envctl.yaml (a commented starter, or imported from a docker run line or a live container).
import { connectEngine } from '../../engine/connect-engine.js';
import { runInit } from '../../features/init/run-init.js';
import { printJson, type GlobalOptions } from '../output.js';

export async function runInitCommand(g: GlobalOptions, opts: { fromRun?: string; fromContainer?: string; json: boolean }): Promise<number> {
  const result = await runInit(
    {
      file: g.file,
      cwd: process.cwd(),
      ...(opts.fromRun === undefined ? {} : { fromRun: [opts.fromRun] }),
      ...(opts.fromContainer === undefined ? {} : { fromContainer: opts.fromContainer }),
    },
    connectEngine,
  );
  if (opts.json) printJson({ ok: true, ...result });
  else {
    const flag = g.file === 'envctl.yaml' ? '' : ` -f ${g.file}`;
    process.stdout.write(
      `Wrote ${g.file} (project ${result.project}, environment${result.environments.length === 1 ? '' : 's'} ${result.environments.join(', ')}).\n` +
        `Next: edit it, then envctl${flag} plan and envctl${flag} apply.\n`,
    );
  }
  return 0;
}
