// Project names that cannot collide between tests or with other people's containers on the same engine.
import { randomBytes } from 'node:crypto';

export function uniqueProject(prefix = 't'): string {
  return `${prefix}-${randomBytes(4).toString('hex')}`;
}
