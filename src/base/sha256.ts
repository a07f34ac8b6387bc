// sha256 with node:crypto required on first use (~4 ms to load): a no-op plan never hashes, so it never pays for it.
import { createRequire } from 'node:module';
import type { Hash } from 'node:crypto';

let crypto: typeof import('node:crypto') | undefined;

export function createSha256(): Hash {
  crypto ??= createRequire(import.meta.url)('node:crypto') as typeof import('node:crypto');
  return crypto.createHash('sha256');
}

export function sha256Hex(text: string): string {
  return createSha256().update(text).digest('hex');
}
