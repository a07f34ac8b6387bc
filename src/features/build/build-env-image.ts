// Carries out a planned `build` action: sends the context as it is now and labels the image with what it was built
// from, so the next plan knows it is current.
import type { Engine } from '../../engine/engine.js';
import { LABEL_ENV, LABEL_PROJECT, LABEL_ROLE } from '../../engine/labels.js';
import type { Action } from '../../plan/plan-types.js';
import { BUILD_HASH_LABEL } from '../../spec/image-source.js';
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
  const context = readBuildContext(action.build);
  return engine.buildImage(
    {
      tag: action.image,
      context: action.build.context,
      files: context.files,
      dockerfile: action.build.dockerfile,
      args: action.build.args,
      target: action.build.target,
      labels: { [LABEL_PROJECT]: project, [LABEL_ENV]: action.envName, [LABEL_ROLE]: 'build', [BUILD_HASH_LABEL]: context.hash },
    },
    report,
    signal,
  );
}
