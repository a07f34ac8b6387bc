// A container's own (writable) layer: what changed in it (`docker diff`), and committing it to an image.
import type { ContainerChange, Engine } from './engine.js';
import type { EngineClient } from './engine-client.js';

export type ContainerLayerCalls = Pick<Engine, 'containerChanges' | 'commitContainer'>;

/** Engine API change kinds: 0 = modified, 1 = added, 2 = deleted. */
const KINDS = ['changed', 'added', 'deleted'] as const;

export function containerLayerCalls(client: EngineClient): ContainerLayerCalls {
  const { docker } = client;
  return {
    async containerChanges(id) {
      let raw: unknown = await client.orNull(`read the changes of container ${id}`, () => docker.getContainer(id).changes());
      // No changes comes back as the JSON body `null`, which docker-modem hands over unparsed (a Buffer).
      if (Buffer.isBuffer(raw) || typeof raw === 'string') raw = JSON.parse(raw.toString() || 'null');
      if (!Array.isArray(raw)) return [];
      return (raw as { Path: string; Kind: number }[]).map((c): ContainerChange => ({ path: c.Path, kind: KINDS[c.Kind] ?? 'changed' }));
    },

    async commitContainer(id, req) {
      // Labels go in as Dockerfile LABEL instructions; JSON strings are valid Dockerfile quoting for any value.
      const changes = Object.entries(req.labels).map(([k, v]) => `LABEL ${JSON.stringify(k)}=${JSON.stringify(v)}`);
      const res = await client.call(`commit container ${id} to ${req.repo}:${req.tag}`, () =>
        docker.getContainer(id).commit({ repo: req.repo, tag: req.tag, comment: req.message, pause: true, changes }),
      );
      return String((res as { Id?: string }).Id ?? '');
    },
  };
}
