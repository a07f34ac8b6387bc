// Images an environment runs from: inspect, pull, build, and the digest a registry serves for a reference.
import type { Readable } from 'node:stream';
import { EnvctlError } from '../errors/envctl-error.js';
import { sortedRecord } from '../base/sorted-record.js';
import type { BuildOptions, BuildRequest, Engine, ImageInfo } from './engine.js';
import type { EngineClient } from './engine-client.js';
import { toEnvctlError } from './engine-errors.js';
import { followJsonStream } from './follow-json-stream.js';
import { imageDefaults, type ImageConfigJson } from './image-defaults.js';

export type ImageCalls = Pick<Engine, 'inspectImage' | 'pullImage' | 'registryDigest' | 'buildImage'>;

export function imageCalls(client: EngineClient): ImageCalls {
  const { docker } = client;

  const inspectImage = (ref: string): Promise<ImageInfo | null> =>
    client.orNull(`inspect image ${ref}`, async () => {
      const info = await docker.getImage(ref).inspect();
      const c = info.Config;
      return {
        id: info.Id,
        ref,
        env: c?.Env ?? [],
        cmd: c?.Cmd && c.Cmd.length > 0 ? [...c.Cmd] : null,
        entrypoint: Array.isArray(c?.Entrypoint) && c.Entrypoint.length > 0 ? [...c.Entrypoint] : typeof c?.Entrypoint === 'string' ? [c.Entrypoint] : null,
        workingDir: c?.WorkingDir ?? '',
        user: c?.User ?? '',
        labels: sortedRecord(c?.Labels),
        volumes: Object.keys(c?.Volumes ?? {}).sort(),
        ...imageDefaults(c as ImageConfigJson | undefined),
        ...(info.RepoDigests && info.RepoDigests.length > 0 ? { repoDigests: [...info.RepoDigests].sort() } : {}),
      };
    });

  const sendBuild = async (req: BuildRequest, upload: Readable, { onProgress, signal }: BuildOptions): Promise<string> => {
    const doing = `build ${req.tag}`;
    const options = {
      t: req.tag,
      dockerfile: req.dockerfile,
      labels: req.labels,
      rm: true,
      forcerm: true,
      ...(Object.keys(req.args).length > 0 ? { buildargs: req.args } : {}),
      ...(req.target !== null ? { target: req.target } : {}),
      ...(signal ? { abortSignal: signal } : {}),
    };
    const stream = (await client.call(doing, () => docker.buildImage(upload, options))) as Readable;
    let failure: string | null = null;
    let imageId: string | null = null;
    await client.call(doing, () =>
      followJsonStream(stream, (event: { stream?: string; error?: string; errorDetail?: { message?: string }; aux?: { ID?: string } }) => {
        if (event.error) failure = event.errorDetail?.message ?? event.error;
        if (event.aux?.ID) imageId = event.aux.ID;
        const text = event.stream?.trim();
        if (onProgress && text) for (const line of text.split('\n')) onProgress(line);
      }),
    );
    if (failure !== null) throw new EnvctlError('build-failed', `${doing}: ${String(failure).trim()}`, { hint: `fix the Dockerfile or the context in ${req.context}` });
    // The classic builder says the id in an aux message; read it from the tag otherwise.
    const built = imageId ?? (await inspectImage(req.tag))?.id;
    if (!built) {
      throw new EnvctlError('build-failed', `${doing}: the engine finished without an image`, {
        hint: `run \`docker build ${req.context}\` to see the engine's own output`,
      });
    }
    return built;
  };

  return {
    inspectImage,

    async pullImage(ref, onProgress, signal) {
      const doing = `pull ${ref}`;
      const stream = await client.call(doing, () => docker.pull(ref, signal ? { abortSignal: signal } : {}) as Promise<Readable>);
      await client.call(doing, () =>
        followJsonStream(stream, (event: { status?: string; id?: string; progress?: string; error?: string }) => {
          if (!onProgress || !event.status) return;
          onProgress([event.id, event.status, event.progress].filter(Boolean).join(' '));
        }),
      );
    },

    async registryDigest(ref) {
      const doing = `ask the registry about ${ref}`;
      let info: { Descriptor?: { digest?: string } };
      try {
        info = (await docker.getImage(ref).distribution()) as typeof info;
      } catch (err) {
        const error = toEnvctlError(err, { endpoint: client.endpoint, doing });
        if (error.code === 'engine-unreachable') throw error;
        throw new EnvctlError(error.code, error.message, {
          hint: 'pull_policy: always asks the registry at every plan: check the image reference, that the registry is reachable from the engine, and `docker login` for a private one — or use pull_policy: missing',
          cause: err,
        });
      }
      const digest = info.Descriptor?.digest;
      if (!digest) {
        throw new EnvctlError('engine', `${doing}: the registry answered without a digest`, {
          hint: 'the registry may not speak the v2 distribution API; use pull_policy: missing for this image',
        });
      }
      return digest;
    },

    async buildImage(req, options = {}) {
      const totalBytes = req.entries.reduce((sum, e) => sum + e.size, 0);
      const { packBuildContext } = await import('./pack-build-context.js'); // tar-stream only for commands that build
      const upload = packBuildContext(req.context, req.entries, options.onUpload && ((bytes) => options.onUpload!({ bytes, totalBytes })));
      try {
        return await sendBuild(req, upload, options);
      } finally {
        upload.destroy(); // a build that failed before reading all of it: stop reading, close the file
      }
    },
  };
}
