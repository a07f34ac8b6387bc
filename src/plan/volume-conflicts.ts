// A named volume the spec declares that another envctl project made: a conflict at plan time, not a silent share.
// A volume only mounted (not declared under `volumes:`) is used as it is, whoever made it: that is how data is shared.
import type { DesiredState } from '../spec/desired-state.js';
import type { ObservedState } from './observed-state.js';
import type { Conflict } from './plan-types.js';

export function findVolumeConflicts(desired: DesiredState, observed: ObservedState): Conflict[] {
  return desired.volumes.flatMap((v) => {
    const owner = observed.volumes[v.name]?.project;
    if (!v.declared || owner === undefined || owner === null || owner === observed.project) return [];
    return [
      {
        resource: `volume:${v.name}`,
        message: `volume "${v.name}" belongs to envctl project "${owner}"`,
        hint: 'declare a volume of another name, or mount the shared one without declaring it under `volumes:`',
      },
    ];
  });
}
