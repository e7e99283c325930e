import type { SearchDictionary } from "../search.types";
import type { DictionaryFile } from "./types";

const clean = (word: string) => word.normalize("NFKC").trim().toLowerCase();

/**
 * The files merged into what the engines load: synonym groups that share a word are joined (so
 * two files naming 番茄 give one group), broader terms collected per specific word, and every
 * domain word (not the colloquial phrases) listed once for the segmenter.
 */
export function compileDictionary(files: readonly DictionaryFile[]): SearchDictionary {
  // Union-find over words: groups that share a member become one.
  const parent = new Map<string, string>();
  const find = (word: string): string => {
    let root = word;
    while (parent.get(root) !== root) root = parent.get(root)!;
    parent.set(word, root);
    return root;
  };
  const add = (word: string) => {
    if (!parent.has(word)) parent.set(word, word);
  };
  for (const file of files)
    for (const group of file.synonyms) {
      const members = group.map(clean).filter(Boolean);
      members.forEach(add);
      for (const member of members.slice(1)) parent.set(find(member), find(members[0]!));
    }
  const groups = new Map<string, string[]>();
  for (const word of parent.keys()) {
    const root = find(word);
    groups.set(root, [...(groups.get(root) ?? []), word]);
  }

  const broader = new Map<string, Set<string>>();
  for (const file of files)
    for (const [general, specifics] of file.hypernyms)
      for (const specific of specifics) {
        const key = clean(specific);
        if (!broader.has(key)) broader.set(key, new Set());
        broader.get(key)!.add(clean(general));
      }

  const colloquial = files.flatMap((file) =>
    file.colloquial.map(([phrase, terms]) => [clean(phrase), terms.map(clean)] as const),
  );

  const words = new Set<string>();
  for (const group of groups.values()) group.forEach((word) => words.add(word));
  for (const [specific, generals] of broader) [specific, ...generals].forEach((word) => words.add(word));
  // Phrases are matched inside the query as typed and stay out of the segmenter: as words of
  // high frequency, "有虫" or "来摘" would cut documents wrongly ("后来摘了" → 后/来摘).
  for (const [, terms] of colloquial) terms.forEach((word) => words.add(word));

  return {
    synonyms: [...groups.values()].filter((group) => group.length > 1),
    broader: [...broader].map(([specific, generals]) => [specific, [...generals]] as const),
    colloquial,
    words: [...words],
  };
}
