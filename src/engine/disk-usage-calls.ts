// Disk use as the engine counts it (`GET /system/df`) and image removal: the DiskUsage interface over dockerode.
import { sortedRecord } from '../base/sorted-record.js';
import type { DiskUsage } from './disk-usage.js';
import type { EngineClient } from './engine-client.js';

interface DfJson {
  Images?: { Id: string; RepoTags?: string[] | null; Labels?: Record<string, string> | null; Created: number; Size: number; SharedSize: number; Containers: number }[] | null;
  Containers?: { Id: string; Names?: string[]; Labels?: Record<string, string> | null; ImageID: string; State: string; SizeRw?: number; Mounts?: { Type?: string; Name?: string }[] | null }[] | null;
  Volumes?: { Name: string; Labels?: Record<string, string> | null; UsageData?: { Size: number } | null }[] | null;
}

export function diskUsageCalls(client: EngineClient): DiskUsage {
  const { docker } = client;
  return {
    async diskUsage() {
      const df = (await client.call('read disk use', () => docker.df())) as DfJson;
      return {
        images: (df.Images ?? []).map((i) => ({
          id: i.Id,
          tags: (i.RepoTags ?? []).filter((t) => t !== '<none>:<none>'),
          labels: sortedRecord(i.Labels),
          created: new Date(i.Created * 1000).toISOString(),
          sizeBytes: i.Size,
          // -1 when the engine did not compute it; no other image then shares it as far as it says.
          sharedBytes: Math.max(0, i.SharedSize),
          containers: Math.max(0, i.Containers),
        })),
        containers: (df.Containers ?? []).map((c) => ({
          id: c.Id,
          name: (c.Names?.[0] ?? '').replace(/^\//, ''),
          labels: sortedRecord(c.Labels),
          imageId: c.ImageID,
          state: c.State,
          sizeRwBytes: c.SizeRw ?? 0,
          volumes: (c.Mounts ?? []).flatMap((m) => (m.Type === 'volume' && m.Name ? [m.Name] : [])),
        })),
        volumes: (df.Volumes ?? []).map((v) => ({ name: v.Name, labels: sortedRecord(v.Labels), sizeBytes: v.UsageData?.Size ?? -1 })),
      };
    },

    async removeImage(idOrRef) {
      const gone = await client.orNull(`remove image ${idOrRef}`, () => docker.getImage(idOrRef).remove());
      return gone !== null;
    },
  };
}
