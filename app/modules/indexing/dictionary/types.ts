/**
 * The search dictionary is data: one file per domain, each saying where its terms come from.
 * Both engines load the same compiled dictionary (Meilisearch as its synonyms setting, the
 * embedded engine as weighted query expansion) and jieba loads its words so they segment whole.
 */
export interface DictionaryFile {
  /** The domain, e.g. "蔬菜与瓜果". */
  domain: string;
  /** Where the terms come from (standards, textbooks, extension material, farmers' usage). */
  source: string;
  /** Words that mean the same thing to our users; each finds the others. */
  synonyms: readonly (readonly string[])[];
  /**
   * One-way broader terms: [general, specifics]. A specific term also finds documents about the
   * general one (a herb finds 中药材 needs); the general term finds the specifics, ranked lower.
   */
  hypernyms: readonly (readonly [string, readonly string[]])[];
  /**
   * How people say it → the terms it means, e.g. ["叶子发黄", ["黄化", "缺素"]]. The phrase is
   * matched inside the query as typed; the terms are searched for, weighing as much as synonyms.
   */
  colloquial: readonly (readonly [string, readonly string[]])[];
}
