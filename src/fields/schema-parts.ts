// Building blocks of the spec's JSON Schema (TypeBox), shared by the fields' own fragments and the spec's settings.
// Functions, never values built at load: a plan or apply never needs the schema, so TypeBox is not even loaded then.
import { Type } from '@sinclair/typebox';

// `errorMessage` is what editors (vscode-json-languageservice) show when a value does not fit, and what
// validate-spec uses to collapse anyOf noise into one sentence per location.
export const text = (description: string, errorMessage?: string) =>
  errorMessage === undefined ? { description } : { description, errorMessage };

/** A string enum as a plain JSON Schema `enum` (clearer errors and editor completion than anyOf of consts). */
export function StringEnum<const T extends readonly string[]>(values: T, description: string) {
  return Type.Unsafe<T[number]>({
    type: 'string',
    enum: [...values],
    description,
    errorMessage: `must be one of: ${values.join(', ')}`,
  });
}

export const StringOrList = (description: string) =>
  Type.Union([Type.String(), Type.Array(Type.String())], text(description, 'must be a string or a list of strings'));

const ScalarValue = () => Type.Union([Type.String(), Type.Number(), Type.Boolean(), Type.Null()]);

/** `{K: V}` or `["K=V"]`, as in Compose. */
export const ListOrDict = (description: string) =>
  Type.Union(
    [Type.Record(Type.String(), ScalarValue()), Type.Array(Type.String())],
    text(description, 'must be a map {KEY: value} or a list of "KEY=value" strings'),
  );

export const Size = (description: string) =>
  Type.Union(
    [Type.Integer({ minimum: 0 }), Type.String()],
    text(description, 'must be a size: a number of bytes or a string like "512m", "32g"'),
  );

export const Duration = (description: string) => Type.String(text(description));

export const NullableString = (description: string) => Type.Union([Type.String(), Type.Null()], text(description, 'must be a string'));

export const Bool = (description: string) => Type.Boolean(text(description));

export const StringList = (description: string, errorMessage?: string) => Type.Array(Type.String(), text(description, errorMessage));
