// The plan lines under a recreate/remove that say what becomes of each anonymous volume of the container.
import type { Action, AnonymousVolumeFate } from '../../plan/plan-types.js';

const short = (name: string): string => name.slice(0, 12);

/** One line per volume (without indent); `warn` marks the lines worth a second look. Volumes a destroy removes are lines of their own. */
export function formatAnonymousVolumes(action: Action, command: 'apply' | 'destroy'): { text: string; warn: boolean }[] {
  const line = (v: AnonymousVolumeFate): { text: string; warn: boolean } | null => {
    if (v.fate === 'carry') return { text: `= carries anonymous volume ${v.target} (${short(v.name)}) into the new container`, warn: false };
    if (v.fate === 'remove') return null;
    if (action.kind === 'recreate') {
      return { text: `! leaves anonymous volume ${v.target} unused on the engine (the spec mounts ${v.target} itself now): ${v.name}`, warn: true };
    }
    const how = command === 'destroy' ? ' (destroy --volumes removes it)' : '';
    return { text: `= keeps anonymous volume ${v.target} on the engine: ${v.name}${how}`, warn: false };
  };
  return (action.anonymousVolumes ?? []).flatMap((v) => line(v) ?? []);
}
