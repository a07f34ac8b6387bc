// The name a replacement container is created under during recreate, so the old one keeps its name until it is gone.
import { randomBytes } from 'node:crypto';

/** `<containerName>-envctl-<6 hex>`: recognisably envctl's, and unlikely to collide with anything a person made. */
export function temporaryName(containerName: string, randomHex: () => string = () => randomBytes(3).toString('hex')): string {
  return `${containerName}-envctl-${randomHex()}`;
}
