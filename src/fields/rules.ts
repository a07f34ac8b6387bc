// The change rules most fields share: any change needs a new container (docker update cannot make it).
import type { ChangeRule } from './field.js';

export const RECREATE: ChangeRule<never> = { kind: 'recreate' };
