// The name a replacement container is created under during recreate, so the old one keeps its name until it is gone.
import { randomHex as randomHexDigits } from '../base/random-hex.js';

/** `<containerName>-envctl-<6 hex>`: recognisably envctl's, and unlikely to collide with anything a person made. */
export function temporaryName(containerName: string, randomHex: () => string = () => randomHexDigits(3)): string {
  return `${containerName}-envctl-${randomHex()}`;
}
