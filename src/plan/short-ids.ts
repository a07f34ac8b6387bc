// How a plan orders names and abbreviates engine ids: byte order (no locale), and ids as `docker ps`/`docker images` show them.
export const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** A container id's first 12 hex digits. */
export const shortId = (id: string): string => id.slice(0, 12);

/** The first 12 hex digits of an image id, as `docker images` shows ids: enough to tell images apart in a plan. */
export const shortImage = (id: string): string => id.replace(/^sha256:([0-9a-f]{12})[0-9a-f]*$/, '$1');
