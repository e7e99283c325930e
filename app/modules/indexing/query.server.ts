import type { SynonymGroups } from "./search.types";
import { tokenize } from "./tokenizer.server";

export const LATIN = /^[a-z][a-z0-9-]*$/;
/** Meilisearch's defaults: one typo from 4 letters up, two from 8 (never on Chinese words). */
const ONE_TYPO_FROM = 4;
const TWO_TYPOS_FROM = 8;
const MAX_QUERY_CHARS = 200;

function editDistanceWithin(a: string, b: string, limit: number): boolean {
  if (Math.abs(a.length - b.length) > limit) return false;
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
      rowMin = Math.min(rowMin, current[j]);
    }
    if (rowMin > limit) return false;
    previous = current;
  }
  return previous[b.length] <= limit;
}

/**
 * Query words as the engine will look for them: segmented, widened by synonyms, and Latin
 * words that are not in the index replaced by the closest indexed word within the typo budget.
 */
export function expandQuery(q: string, synonyms: SynonymGroups, latinWords: Map<string, number>): string[] {
  const text = q.slice(0, MAX_QUERY_CHARS).toLowerCase();
  const words = new Set(tokenize(text));
  // Typos first, against the index's Latin words and the Latin names in the synonym groups, so
  // "shitake" becomes "shiitake" and then, through its group, 香菇. The index's words are only
  // walked for a Latin word it does not hold (this runs on every search).
  const synonymLatin = new Set(
    synonyms.flatMap((group) =>
      group.map((member) => member.toLowerCase()).filter((member) => LATIN.test(member)),
    ),
  );
  for (const word of [...words]) {
    if (!LATIN.test(word) || word.length < ONE_TYPO_FROM || latinWords.has(word) || synonymLatin.has(word))
      continue;
    const budget = word.length >= TWO_TYPOS_FROM ? 2 : 1;
    for (const vocabulary of [latinWords.keys(), synonymLatin]) {
      for (const candidate of vocabulary)
        if (editDistanceWithin(word, candidate, budget)) words.add(candidate);
    }
  }
  for (const group of synonyms) {
    if (group.some((member) => text.includes(member.toLowerCase()) || words.has(member.toLowerCase()))) {
      for (const member of group) for (const token of tokenize(member)) words.add(token);
    }
  }
  return [...words];
}
