// Checks a policy file against its JSON Schema with ajv; every error located at the policy's file:line:col.
import { Ajv } from 'ajv';
import type { SpecIssue } from '../../errors/envctl-error.js';
import type { DataPath, NodeLocator } from '../../spec/locate-node.js';
import { policySchema } from './policy-schema.js';

export function validatePolicy(data: unknown, file: string, locator: NodeLocator): SpecIssue[] {
  const validator = new Ajv({ allErrors: true, strict: false }).compile(policySchema());
  if (validator(data)) return [];
  return (validator.errors ?? []).flatMap((e) => {
    if (e.keyword === 'anyOf') return [];
    const path: DataPath = e.instancePath.split('/').slice(1).map((s) => (/^\d+$/.test(s) ? Number(s) : s.replace(/~1/g, '/').replace(/~0/g, '~')));
    const unknownKey = e.keyword === 'additionalProperties' ? String((e.params as { additionalProperty: string }).additionalProperty) : null;
    const where = unknownKey === null ? locator.value(path) : locator.key([...path, unknownKey]);
    const allowed = (e.params as { allowedValues?: unknown[] }).allowedValues;
    const message =
      unknownKey !== null
        ? `unknown policy rule \`${unknownKey}\``
        : allowed !== undefined
          ? `${path.join('.')}: must be one of ${allowed.map(String).join(', ')}`
          : `${path.join('.') || 'the policy'} ${e.message ?? 'is invalid'}`;
    return [{ file, path, line: where.line, col: where.col, message }];
  });
}
