// Fields the schema accepts (SPEC.md) but this version does not implement yet; normalize reports each, never ignores it.
// Remove an entry here when its feature lands.

export const UNSUPPORTED_ENVIRONMENT_FIELDS: readonly string[] = [
  'gpus',
  'runtime',
  'ulimits',
  'ssh',
  'build',
  'pull_policy',
  'init',
  'stop_signal',
  'stop_grace_period',
  'healthcheck',
  'cap_add',
  'cap_drop',
  'devices',
  'privileged',
  'security_opt',
  'host',
];

export const UNSUPPORTED_TOP_LEVEL_FIELDS: readonly string[] = ['hosts'];

export const unsupportedMessage = (field: string) => `\`${field}\` is not supported by this version of envctl yet`;
export const UNSUPPORTED_HINT = 'remove it for now; see the README';
