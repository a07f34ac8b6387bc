// "did you mean …?" for a word that is close to one envctl knows (a misspelt key, capability or flag).
import { closest, distance } from 'fastest-levenshtein';

/** "did you mean `shm_size`?" when a known word is close enough to be the likely intent. */
export function suggest(word: string, candidates: readonly string[]): string | undefined {
  if (candidates.length === 0) return undefined;
  const best = closest(word, candidates);
  const limit = Math.max(2, Math.floor(best.length / 3));
  return distance(word, best) <= limit ? `did you mean \`${best}\`?` : undefined;
}
