// `{ key: value }` when a condition holds, else `{}`: how a field writes a spec key only when it is not the default.
export const onlyIf = (cond: boolean, key: string, value: () => unknown): Record<string, unknown> => (cond ? { [key]: value() } : {});
