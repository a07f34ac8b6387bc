// Carries out a planned `build` action: sends the context as it is now (streamed, with its progress under the task)
// and labels the image with what it was built from, so the next plan knows it is current.
import type { Engine } from '../../engine/engine.js';
import type { TransferProgress } from '../../engine/image-archive.js';
import { LABEL_ENV, LABEL_PROJECT, LABEL_ROLE } from '../../engine/labels.js';
import type { Action } from '../../plan/plan-types.js';
import { BUILD_HASH_LABEL } from '../../spec/image-source.js';
import { formatContextSize } from './format-context-size.js';
import { readBuildContext } from './read-build-context.js';

type BuildAction = Extract<Action, { kind: 'build' }>;

/** Returns the id of the image built. */
export async function buildEnvImage(
  engine: Engine,
  action: BuildAction,
  project: string,
  report: (line: string) => void,
  signal?: AbortSignal,
): Promise<string> {
  // Read again, not taken from the plan: the label must describe exactly the files sent now.
  const context = await readBuildContext(action.build);
  return engine.buildImage(
    {
      tag: action.image,
      context: action.build.context,
      entries: context.entries,
      dockerfile: context.dockerfile,
      args: action.build.args,
      target: action.build.target,
      labels: { [LABEL_PROJECT]: project, [LABEL_ENV]: action.envName, [LABEL_ROLE]: 'build', [BUILD_HASH_LABEL]: context.hash },
    },
    { onProgress: report, onUpload: uploadReporter(report), ...(signal ? { signal } : {}) },
  );
}

/** A line per tenth of the context sent (and its start and end), so a log shows a long upload is alive. */
function uploadReporter(report: (line: string) => void): (p: TransferProgress) => void {
  let lastStep = -1;
  return ({ bytes, totalBytes }) => {
    const total = totalBytes ?? 0;
    const step = total === 0 ? 10 : Math.floor((bytes / total) * 10);
    if (step === lastStep) return;
    lastStep = step;
    report(`sending the build context: ${formatContextSize(bytes)} of ${formatContextSize(total)} (${step * 10}%)`);
  };
}
