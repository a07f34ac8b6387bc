// The JSON Schema of a policy file (/etc/envctl/policy.yaml, ~/.config/envctl/policy.yaml): checked with ajv like the
// spec, so a typo in an admin's rule is an error at its line, never a rule silently not enforced.
import { HAZARD_EFFECT } from '../../fields/field-policy.js';
import { specKeys } from '../../fields/read-policy-facts.js';

export function policySchema(): Record<string, unknown> {
  const absolute = { type: 'string', pattern: '^/' };
  return {
    type: 'object',
    additionalProperties: false,
    properties: {
      version: { const: 1 },
      bind_mount_roots: { type: 'array', items: absolute, description: 'bind-mount sources must lie under one of these host folders' },
      max_per_environment: {
        type: 'object',
        additionalProperties: false,
        properties: {
          gpus: { type: 'integer', minimum: 0 },
          memory: { anyOf: [{ type: 'string', pattern: '^[0-9.]+\\s*[bkmgtBKMGT]?[bB]?$' }, { type: 'integer', minimum: 0 }] },
          cpus: { type: 'number', exclusiveMinimum: 0 },
        },
      },
      ports_host_ip: { type: 'string', minLength: 1, description: 'every published port (and ssh) must bind this host IP' },
      forbidden_fields: { type: 'array', items: { enum: specKeys() } },
      images: { type: 'array', items: { type: 'string', minLength: 1 }, description: 'image patterns (* matches anything)' },
      allow_dangerous: { type: 'array', items: { enum: Object.keys(HAZARD_EFFECT) } },
    },
  };
}
