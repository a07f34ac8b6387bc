// The error a call must fail with, as a value to assert on. The test fails when the call succeeds instead — where
// `.catch((e) => e)` would hand the result on as if it were the error — or fails with another kind of error.
import { expect } from 'vitest';
import { EnvctlError } from '../../src/errors/envctl-error.js';

type ErrorClass<E> = abstract new (...args: never[]) => E;

function shown(value: unknown): string {
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}

/** The error `promise` rejects with, checked to be a `type`. */
export async function rejectionOf<E>(promise: Promise<unknown>, type: ErrorClass<E>): Promise<E> {
  let value: unknown;
  try {
    value = await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(type);
    return error as E;
  }
  throw new Error(`expected a rejection with ${type.name}, but it resolved with ${shown(value)}`);
}

/** The error `fn` throws, checked to be a `type`. */
export function thrownBy<E>(fn: () => unknown, type: ErrorClass<E>): E {
  let value: unknown;
  try {
    value = fn();
  } catch (error) {
    expect(error).toBeInstanceOf(type);
    return error as E;
  }
  throw new Error(`expected ${type.name} to be thrown, but it returned ${shown(value)}`);
}

/** The usage error (code `usage`: a command line envctl cannot take) that `fn` throws. */
export function usageErrorOf(fn: () => unknown): EnvctlError {
  const error = thrownBy(fn, EnvctlError);
  expect(error.code).toBe('usage');
  return error;
}
