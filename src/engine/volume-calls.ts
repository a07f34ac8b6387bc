// Named volumes on the engine: inspect, create (labelled with the project), list a project's, remove.
import { sortedRecord } from '../base/sorted-record.js';
import { compareStrings } from '../base/compare-strings.js';
import type { Engine, ObservedVolume } from './engine.js';
import type { EngineClient } from './engine-client.js';
import { ENVCTL_VERSION, isEnvctlLabel, LABEL_PROJECT, LABEL_VERSION, projectLabelFilter } from './labels.js';

export type VolumeCalls = Pick<Engine, 'inspectVolume' | 'createVolume' | 'listProjectVolumes' | 'removeVolume'>;

interface VolumeJson {
  Name: string;
  Driver?: string;
  Options?: Record<string, string> | null;
  Labels?: Record<string, string> | null;
}

/** Volume labels as envctl compares them: user labels only, like CanonicalVolume.labels. */
function toObservedVolume(v: VolumeJson): ObservedVolume {
  return {
    name: v.Name,
    driver: v.Driver ?? 'local',
    driverOpts: sortedRecord(v.Options),
    labels: sortedRecord(Object.fromEntries(Object.entries(v.Labels ?? {}).filter(([k]) => !isEnvctlLabel(k)))),
    project: v.Labels?.[LABEL_PROJECT] ?? null,
  };
}

export function volumeCalls(client: EngineClient): VolumeCalls {
  const { docker } = client;
  return {
    inspectVolume(name) {
      return client.orNull(`inspect volume ${name}`, async () => toObservedVolume((await docker.getVolume(name).inspect()) as unknown as VolumeJson));
    },

    async createVolume(volume, project) {
      await client.call(`create volume ${volume.name}`, () =>
        docker.createVolume({
          Name: volume.name,
          Driver: volume.driver,
          DriverOpts: volume.driverOpts,
          Labels: { ...sortedRecord(volume.labels), [LABEL_PROJECT]: project, [LABEL_VERSION]: ENVCTL_VERSION },
        }),
      );
    },

    async listProjectVolumes(project) {
      const res = await client.call('list volumes', () => docker.listVolumes({ filters: { label: [projectLabelFilter(project)] } }));
      return ((res.Volumes ?? []) as unknown as VolumeJson[]).map(toObservedVolume).sort((a, b) => compareStrings(a.name, b.name));
    },

    async removeVolume(name) {
      await client.orNull(`remove volume ${name}`, () => docker.getVolume(name).remove());
    },
  };
}
