// The dockerode client the engine calls share, with the one way each reads a failure: as an EnvctlError saying what
// envctl was doing, "no such thing" as null, "already in that state" as success.
import type Docker from 'dockerode';
import { isAlreadyDone, isNotFound, toEnvctlError } from './engine-errors.js';

/** `run`'s value, or null when the engine answers that there is no such thing (404); other failures pass on as they are. */
export async function orNull<T>(run: () => Promise<T>): Promise<T | null> {
  try {
    return await run();
  } catch (err) {
    if (isNotFound(err)) return null;
    throw err;
  }
}

export class EngineClient {
  constructor(
    readonly docker: Docker,
    /** Where the engine is, for messages ("unix:///var/run/docker.sock"). */
    readonly endpoint: string,
  ) {}

  /** Runs engine requests; any failure becomes an EnvctlError prefixed with `doing` ("start container x: …"). */
  async call<T>(doing: string, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (err) {
      throw toEnvctlError(err, { endpoint: this.endpoint, doing });
    }
  }

  /** The same, with null when what was asked for does not exist. */
  orNull<T>(doing: string, run: () => Promise<T>): Promise<T | null> {
    return this.call(doing, () => orNull(run));
  }

  /** For lifecycle calls where "already in that state" is success (304, already paused …). */
  async lifecycle(doing: string, run: () => Promise<unknown>): Promise<void> {
    await this.call(doing, async () => {
      try {
        await run();
      } catch (err) {
        if (!isAlreadyDone(err)) throw err;
      }
    });
  }
}
