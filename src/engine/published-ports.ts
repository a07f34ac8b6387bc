// Reads the host ports every running container publishes from the list answer (`docker ps`), for conflicts at plan time.
import type { PublishedPort } from './engine.js';
import { LABEL_PROJECT } from './labels.js';

interface ListedContainer {
  Id: string;
  Names?: string[];
  Labels?: Record<string, string> | null;
  Ports?: { IP?: string; PublicPort?: number; Type?: string }[] | null;
}

export function toPublishedPorts(list: readonly ListedContainer[]): PublishedPort[] {
  return list.flatMap((c) =>
    (c.Ports ?? []).flatMap((p) =>
      p.PublicPort === undefined || p.PublicPort === 0
        ? []
        : [
            {
              hostIp: p.IP ?? '0.0.0.0',
              port: p.PublicPort,
              protocol: p.Type ?? 'tcp',
              containerId: c.Id,
              containerName: (c.Names?.[0] ?? c.Id).replace(/^\//, ''),
              project: c.Labels?.[LABEL_PROJECT] ?? null,
            },
          ],
    ),
  );
}
