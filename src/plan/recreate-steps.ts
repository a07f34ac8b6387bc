// A recreate as the steps the executor runs, in the order that keeps a bad config harmless and data where it was.
import type { Action, Step, StepKind } from './plan-types.js';

type RecreateAction = Extract<Action, { kind: 'recreate' }>;

/**
 * 1. snapshot (when the plan keeps the own layer): before anything is touched;
 * 2. create-new: the new container under a temporary name — the engine validates the whole config here, so a mistake
 *    in the spec fails while the old container is still untouched and running; anonymous volumes the plan carries are
 *    mounted here, so their data outlives the old container; ssh files go in;
 * 3. stop-old, 4. remove-old: only now, because the new one cannot start while the old one holds the ports and name;
 * 5. rename-new: the new container takes the wanted name;
 * 6. start-new: brought to its state (sshd installed first if the image has none: that needs a start, so it waits
 *    until the new container may hold the ports). Left out when there is nothing to do: state stopped, no ssh.
 * Ctrl-C before stop-old starts undoes create-new (the new container is removed, the old one was never touched); once
 * stop-old has started the old container is going, so the rest finishes.
 */
export function recreateSteps(action: RecreateAction): Step[] {
  const at = (kind: StepKind): string => `${action.id}/${kind}`;
  const steps: Step[] = [];
  const add = (kind: StepKind, fields: Partial<Step> = {}): void => {
    const before = steps.at(-1);
    steps.push({ id: at(kind), action: action.id, kind, dependsOn: before ? [before.id] : [], loadsEngine: false, ...fields });
  };
  if (action.ownLayer?.snapshotTag !== undefined) add('snapshot', { loadsEngine: true });
  add('create-new', { loadsEngine: true, undoneUnlessStarted: at('stop-old') });
  add('stop-old', { uses: at('create-new') });
  add('remove-old', { uses: at('create-new'), finishesAfterInterrupt: true });
  add('rename-new', { uses: at('create-new'), finishesAfterInterrupt: true });
  // An sshd install (apt-get in the new container) is work for the engine like a create; a start alone is quick.
  const ssh = Boolean(action.env.ssh);
  if (action.env.state !== 'stopped' || ssh) add('start-new', { uses: at('create-new'), finishesAfterInterrupt: true, loadsEngine: ssh });
  return steps;
}
