// Fields the schema accepts (SPEC.md) but this version does not implement yet; normalize reports each, never ignores it.
// Remove an entry here when its feature lands.

export const UNSUPPORTED_ENVIRONMENT_FIELDS: readonly string[] = [];

export const UNSUPPORTED_TOP_LEVEL_FIELDS: readonly string[] = [];

export const unsupportedMessage = (field: string) => `\`${field}\` is not supported by this version of envctl yet`;
export const UNSUPPORTED_HINT = 'remove it for now; see the README';
