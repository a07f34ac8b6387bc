// `envctl load FILE.tar`: load the images of a tar written by `envctl save`, with progress.
import { statSync } from 'node:fs';
import { connectTo } from '../../engine/connect-engine.js';
import { hostAddress } from '../host-option.js';
import { EnvctlError } from '../../errors/envctl-error.js';
import { printResult, type GlobalOptions } from '../output.js';
import { progressPrinter } from '../print-progress.js';
import { interruptible } from '../../errors/interrupted.js';

export async function runLoadCommand(g: GlobalOptions, file: string, opts: { host?: string; json: boolean }): Promise<number> {
  const stat = statSync(file, { throwIfNoEntry: false });
  if (stat === undefined) throw new EnvctlError('not-found', `no such file: ${file}`, { hint: 'give the path of a tar written by `envctl save`' });
  // A FIFO or a device would stream to the engine without end.
  if (!stat.isFile()) throw new EnvctlError('file-unreadable', `${file} is not a regular file`, { hint: 'give the path of a tar written by `envctl save`' });
  const address = await hostAddress(g, opts.host);
  const progress = progressPrinter(`loading ${file}`, !opts.json);
  let loaded: string[];
  try {
    // The engine may have loaded what it had read before the upload stopped; loading the same tar twice is harmless.
    loaded = await interruptible(g.signal, 'load', `the upload was stopped; run \`envctl load ${file}\` again to be sure it is all loaded`, () =>
      connectTo(address).loadImages(file, progress.update, g.signal),
    );
  } finally {
    progress.done();
  }
  if (opts.json) printResult({ file, loaded });
  else process.stdout.write(loaded.length === 0 ? `Loaded ${file}.\n` : `Loaded ${loaded.join(', ')}.\n`);
  return 0;
}
