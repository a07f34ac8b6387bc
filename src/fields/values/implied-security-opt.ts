// "label=disable" is added by the engine itself to a privileged container and to one sharing the host's ipc (or pid)
// namespace; normalize and observe both leave it out in those cases, so it never shows as a change.
const IMPLIED_LABEL = 'label=disable';

export function withoutImpliedLabel(options: string[], implied: boolean): string[] {
  return implied ? options.filter((o) => o !== IMPLIED_LABEL) : options;
}
