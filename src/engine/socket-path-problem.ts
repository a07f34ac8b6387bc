// Says what is wrong with a unix:// engine address whose path is not a socket (a file, a folder, nothing), which the
// system reports only as "connection refused" or "no such file".
import { statSync } from 'node:fs';

/** null when the path is a socket (or the address is not unix://): the plain socket error says it then. */
export function socketPathProblem(endpoint: string, socketCode: string): string | null {
  if (!endpoint.startsWith('unix://') || !['ECONNREFUSED', 'ENOENT', 'ENOTDIR', 'ENOTSOCK'].includes(socketCode)) return null;
  const path = endpoint.slice('unix://'.length);
  try {
    const stat = statSync(path);
    if (stat.isSocket()) return null;
    if (stat.isDirectory()) return `${path} is a folder, not a socket`;
    if (stat.isFile()) return `${path} is a regular file, not a socket`;
    return `${path} is not a socket`;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return 'no such socket';
    if (code === 'ENOTDIR') return `a part of ${path} is not a folder`;
    return null;
  }
}
