// `envctl import`: a docker run or docker service create line (after `--`, or quoted) or a live container → a spec
// environment, printed or written into a file (merged into an existing spec).
import { connectEngine } from '../../engine/connect-engine.js';
import { runImport } from '../../features/import/run-import.js';
import { printResult } from '../output.js';

export interface ImportOptions {
  json?: boolean;
  output?: string;
  nameAsEnv?: string;
  fromContainer?: string;
}

export async function runImportCommand(words: string[], opts: ImportOptions): Promise<number> {
  const { json = false } = opts;
  const result = await runImport(
    {
      words,
      cwd: process.cwd(),
      ...(opts.fromContainer === undefined ? {} : { fromContainer: opts.fromContainer }),
      ...(opts.output === undefined ? {} : { out: opts.output }),
      ...(opts.nameAsEnv === undefined ? {} : { envKey: opts.nameAsEnv }),
    },
    connectEngine,
  );
  if (json) {
    // The spec text when printed; with -o, the file and whether the environment replaced one already there.
    printResult({ env: result.key, warnings: result.warnings, ...(result.written ? { file: result.written.file, replaced: result.written.replaced } : { spec: result.text }) });
    return 0;
  }
  for (const warning of result.warnings) process.stderr.write(`envctl: warning: ${warning}\n`);
  if (result.written) {
    const verb = result.written.replaced ? 'replaced' : 'added';
    process.stderr.write(`${verb} environment \`${result.key}\` in ${opts.output}; next: envctl -f ${opts.output} plan\n`);
  } else {
    process.stdout.write(result.text);
  }
  return 0;
}
