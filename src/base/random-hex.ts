// Random hex digits from the Web Crypto global (loaded by Node on first use), not node:crypto (loaded by every import).
export function randomHex(bytes: number): string {
  return Array.from(globalThis.crypto.getRandomValues(new Uint8Array(bytes)), (b) => b.toString(16).padStart(2, '0')).join('');
}
