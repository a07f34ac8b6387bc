// Validates the interpolated spec against the JSON Schema with ajv and turns every error into one located, readable issue.
import type { AnySchemaObject, ErrorObject, ValidateFunction } from 'ajv';
import { suggest } from '../base/suggest.js';
import type { SpecIssue } from '../errors/envctl-error.js';
import type { DataPath, Locator } from './locate-node.js';
import { compileValidator } from './compile-validator.js';

let compiled: ValidateFunction | undefined;

function validator(): ValidateFunction {
  compiled ??= compileValidator();
  return compiled;
}

/**
 * `fromVariable(path)`: the value there came from a variable, so it may be a secret and is not quoted. `incomplete`
 * receives the maps that lack a required key: normalize must not read them (a mount without `target` …).
 */
export function validateSpec(
  data: unknown,
  file: string,
  locator: Locator,
  fromVariable: (path: DataPath) => boolean = () => false,
  incomplete: DataPath[] = [],
): SpecIssue[] {
  const validate = validator();
  if (validate(data)) return [];
  const errors = collapseUnions(validate.errors ?? []);
  const issues: SpecIssue[] = [];
  const seen = new Set<string>();
  for (const error of errors) {
    if (error.keyword === 'required') incomplete.push(decodePointer(error.instancePath));
    const issue = toIssue(error, file, locator, fromVariable);
    const key = `${issue.path.join('/')}|${issue.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    issues.push(issue);
  }
  return issues;
}

/**
 * anyOf produces one error per branch plus its own. When the value's type picks exactly one structural branch
 * (an object or a list), that branch's errors are the precise ones; otherwise the branches are replaced by ONE
 * message for the location (the schema's errorMessage).
 */
function collapseUnions(errors: ErrorObject[]): ErrorObject[] {
  const dropped = new Set<ErrorObject>();
  const unions = errors
    .filter((e) => e.keyword === 'anyOf' || e.keyword === 'oneOf')
    .sort((a, b) => a.schemaPath.length - b.schemaPath.length);
  const inBranches = branchErrors(errors, unions);
  for (const union of unions) {
    if (dropped.has(union)) continue;
    const branchPrefix = `${union.schemaPath}/`;
    const inBranch = inBranches.get(union) ?? [];
    const branches = (union.schema as AnySchemaObject[] | undefined) ?? [];
    const matching = branches.map((b, i) => ({ b, i })).filter(({ b }) => typeMatches(b, union.data));
    const only = matching.length === 1 ? matching[0] : undefined;
    if (only && isStructural(only.b)) {
      const keep = `${branchPrefix}${only.i}/`;
      for (const e of inBranch) if (!e.schemaPath.startsWith(keep)) dropped.add(e);
      dropped.add(union);
    } else {
      for (const e of inBranch) dropped.add(e);
    }
  }
  return errors.filter((e) => !dropped.has(e));
}

/**
 * The errors inside each union's branches: those whose schema path runs through the union's and whose data sits at
 * or under the union's. Found through the few prefixes of each error's two paths, so 100k errors take linear time.
 */
function branchErrors(errors: ErrorObject[], unions: ErrorObject[]): Map<ErrorObject, ErrorObject[]> {
  const byKey = new Map<string, ErrorObject>();
  for (const union of unions) byKey.set(`${union.schemaPath}\u0000${union.instancePath}`, union);
  const found = new Map<ErrorObject, ErrorObject[]>();
  if (unions.length === 0) return found;
  for (const error of errors) {
    const schemaParts = error.schemaPath.split('/');
    const instancePrefixes = prefixes(error.instancePath);
    for (let i = 1; i < schemaParts.length - 1; i += 1) {
      const part = schemaParts[i];
      if (part !== 'anyOf' && part !== 'oneOf') continue;
      const schemaPrefix = schemaParts.slice(0, i + 1).join('/');
      for (const instancePrefix of instancePrefixes) {
        const union = byKey.get(`${schemaPrefix}\u0000${instancePrefix}`);
        if (union !== undefined && union !== error) {
          const list = found.get(union);
          if (list) list.push(error);
          else found.set(union, [error]);
        }
      }
    }
  }
  return found;
}

/** "/a/b" → ["", "/a", "/a/b"]. */
function prefixes(pointer: string): string[] {
  const out = [''];
  let at = pointer.indexOf('/', 1);
  while (at !== -1) {
    out.push(pointer.slice(0, at));
    at = pointer.indexOf('/', at + 1);
  }
  if (pointer !== '') out.push(pointer);
  return out;
}

function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

function typeMatches(schema: AnySchemaObject, value: unknown): boolean {
  const declared = schema.type as string | string[] | undefined;
  if (declared === undefined) return true;
  const types = Array.isArray(declared) ? declared : [declared];
  const actual = jsonType(value);
  return types.includes(actual) || (actual === 'integer' && types.includes('number'));
}

function isStructural(schema: AnySchemaObject): boolean {
  return schema.type === 'object' || schema.type === 'array';
}

function decodePointer(pointer: string): DataPath {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^(0|[1-9][0-9]*)$/.test(s) ? Number(s) : s));
}

/** "`shm_size`", "`ports[1]`", or "the spec" for the root. */
function fieldLabel(path: DataPath): string {
  let suffix = '';
  for (let i = path.length - 1; i >= 0; i -= 1) {
    const segment = path[i];
    if (typeof segment === 'number') suffix = `[${segment}]${suffix}`;
    else return `\`${segment}${suffix}\``;
  }
  return suffix === '' ? 'the spec' : `\`${suffix}\``;
}

/**
 * "the string \"yes\"", "a list", "a map", "the number 3" — what the user actually wrote. A string that may be a
 * secret (`quote` false), or that is long or has control characters, is "a string": spec errors never quote a secret.
 */
function describeFound(value: unknown, quote = true): string {
  switch (jsonType(value)) {
    case 'null':
      return 'nothing (null)';
    case 'array':
      return 'a list';
    case 'object':
      return 'a map';
    case 'string':
      return quote && (value as string).length <= MAX_QUOTED && !/[\p{Cc}\p{Cf}]/u.test(value as string) ? `the string ${JSON.stringify(value)}` : 'a string';
    case 'boolean':
      return `the boolean ${String(value)}`;
    default:
      return `the number ${String(value)}`;
  }
}

const MAX_QUOTED = 64;

/**
 * Whether an error may show the value at `path`: not the whole document (a key file or a .env passed with -f), not an
 * `environment` value or a build arg (secrets until shown otherwise), not a value that came from a variable.
 */
function mayQuote(path: DataPath, fromVariable: (path: DataPath) => boolean): boolean {
  if (path.length === 0 || fromVariable(path)) return false;
  const field = path[0] === 'defaults' ? path.slice(1) : path[0] === 'environments' ? path.slice(2) : [];
  return field[0] !== 'environment' && !(field[0] === 'build' && field[1] === 'args');
}

const TYPE_NAMES: Record<string, string> = {
  string: 'a string',
  integer: 'a whole number',
  number: 'a number',
  boolean: 'true or false',
  array: 'a list',
  object: 'a map',
  null: 'empty (null)',
};

function describeSchema(schema: AnySchemaObject | undefined): string {
  if (!schema) return 'something else';
  if (typeof schema.errorMessage === 'string') return schema.errorMessage.replace(/^must be /, '');
  if ('const' in schema) return JSON.stringify(schema.const);
  if (Array.isArray(schema.enum)) return `one of ${schema.enum.join(', ')}`;
  const types = schema.type === undefined ? [] : Array.isArray(schema.type) ? schema.type : [schema.type];
  if (types.length > 0) return types.map((t: string) => TYPE_NAMES[t] ?? t).join(' or ');
  const branches = (schema.anyOf ?? schema.oneOf) as AnySchemaObject[] | undefined;
  return branches ? branches.map(describeSchema).join(' or ') : 'something else';
}

function toIssue(error: ErrorObject, file: string, locator: Locator, fromVariable: (path: DataPath) => boolean): SpecIssue {
  const path = decodePointer(error.instancePath);
  const found = describeFound(error.data, mayQuote(path, fromVariable));
  const label = fieldLabel(path);
  const at = (p: DataPath, message: string, hint?: string): SpecIssue =>
    hint === undefined ? { file, path: p, ...locator.value(p), message } : { file, path: p, ...locator.value(p), message, hint };
  const custom = error.parentSchema?.errorMessage as string | undefined;

  switch (error.keyword) {
    case 'additionalProperties': {
      const key = String((error.params as { additionalProperty: string }).additionalProperty);
      const keyPath = [...path, key];
      const allowed = Object.keys((error.parentSchema?.properties as Record<string, unknown> | undefined) ?? {});
      const where = path.length === 0 ? 'at the top level' : `in ${label}`;
      const issue: SpecIssue = { file, path: keyPath, ...locator.key(keyPath), message: `unknown key \`${key}\` ${where}` };
      const hint = suggest(key, allowed);
      if (hint) issue.hint = hint;
      else if (allowed.length > 0 && allowed.length <= 8) issue.hint = `allowed here: ${allowed.join(', ')}`;
      return issue;
    }
    case 'required': {
      const missing = String((error.params as { missingProperty: string }).missingProperty);
      const where = path.length === 0 ? '' : ` in ${label}`;
      return at([...path, missing], `missing required key \`${missing}\`${where}`);
    }
    case 'anyOf':
    case 'oneOf':
      return at(path, `${label} must be ${describeSchema(error.parentSchema)}, found ${found}`);
    case 'type':
      if (path.length === 0) return at(path, `the spec must be a map, found ${found}`, 'is this the right file? a spec is a YAML map with `version` and `environments`');
      return at(path, `${label} must be ${describeSchema(error.parentSchema)}, found ${found}`);
    case 'enum': {
      const allowed = (error.params as { allowedValues: unknown[] }).allowedValues.map(String);
      const hint = typeof error.data === 'string' ? suggest(error.data, allowed) : undefined;
      return at(path, `${label} must be one of: ${allowed.join(', ')}; found ${found}`, hint);
    }
    case 'const':
      return at(path, `${label} must be ${JSON.stringify((error.params as { allowedValue: unknown }).allowedValue)}, found ${found}`);
    case 'pattern':
      return at(path, `${label} ${custom ?? `must match ${String(error.schema)}`}, found ${found}`);
    case 'maximum':
    case 'minimum':
      return at(path, `${label} ${custom ?? error.message ?? 'is out of range'}, found ${found}`);
    default:
      return at(path, `${label} ${error.message ?? 'is invalid'}, found ${found}`);
  }
}

