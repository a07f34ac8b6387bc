// Use-case behind `envctl logs`: an environment's log on the engine it runs on, streamed (and followed with -f).
import type { LogRequest, OutputStreams } from '../engine/container-verbs.js';
import type { ConnectTo } from './engine-parts.js';
import { withEnvTarget, type EnvTarget } from './find-env-target.js';
import type { SpecSource } from './run-plan.js';

export type LogOptions = Omit<LogRequest, 'tty'>;

/** Any container of the environment has a log, stopped or not; one not created yet is an error naming it. */
export async function openLogs(source: SpecSource, connectTo: ConnectTo, name: string, options: LogOptions): Promise<{ target: EnvTarget; output: OutputStreams }> {
  return withEnvTarget(source, connectTo, name, async (target) => {
    const output = await target.engine.readLogs(target.container.id, { ...options, tty: target.container.config.tty });
    return { target, output };
  });
}
