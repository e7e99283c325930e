import { queryHead, type SearchDictionary } from "./search.types";
import { pinyinOf } from "./pinyin.server";
import { isStopWord } from "./stop-words";
import { normaliseText, partsOf, segment, segmentKnown } from "./tokenizer.server";

export const LATIN = /^[a-z][a-z0-9-]*$/;
/** Typo tolerance is for Latin letters only: "2024" must never find "2025", nor a model number another. */
const TYPO_TOLERANT = /^[a-z]+$/;
/** Meilisearch's defaults: one typo from 4 letters up, two from 8 (never on Chinese words). */
const ONE_TYPO_FROM = 4;
const TWO_TYPOS_FROM = 8;

/**
 * How much each kind of query word counts, relative to a word as typed. A word the person did
 * not type is evidence that a document is about what they meant, never as good as their own
 * word: a synonym nearly so, a broader term less, one of many specifics of a general word least.
 * Partial words (a character of a word, the start of a longer word) rank below whole words.
 */
export const WEIGHT = {
  typed: 1,
  pinyin: 0.9,
  colloquial: 0.8,
  synonym: 0.7,
  typo: 0.6,
  broader: 0.5,
  prefix: 0.45,
  part: 0.4,
  /** The parts of a typed word no document holds (苹果树 → 苹果): they are the best reading of it. */
  partOfUnknown: 0.8,
  character: 0.4,
  specific: 0.35,
  infix: 0.3,
} as const;

/** A general word can have dozens of specifics; the most common few say enough. */
const MAX_SPECIFICS = 12;
/** Longer indexed words that contain a partial word; the most common first. */
const MAX_PARTIAL = 16;
/** Homophones: "shiyou" could be several words. */
const MAX_PINYIN_WORDS = 4;
/** Query words allowed between two words of a colloquial phrase ("鸡老是拉稀" says 鸡拉稀). */
const MAX_PHRASE_GAP = 2;

export interface WeightedWord {
  word: string;
  /** Multiplies the word's BM25 score. */
  weight: number;
  /** Which of the query's concepts (typed words or colloquial phrases) the word stands for. */
  concept: number;
}

/** What the index knows about its own words, used to widen a query towards them. */
export interface Vocabulary {
  /** Word → how many documents hold it. */
  documentFrequency: ReadonlyMap<string, number>;
  /** Latin words in the index, for typo correction. */
  latinWords: ReadonlyMap<string, number>;
  /** Chinese words of two characters or more, by each character they contain. */
  byCharacter: ReadonlyMap<string, ReadonlySet<string>>;
  /** Toneless pinyin → the Chinese words in the index spelled that way. */
  byPinyin: ReadonlyMap<string, ReadonlySet<string>>;
}

export const EMPTY_VOCABULARY: Vocabulary = {
  documentFrequency: new Map(),
  latinWords: new Map(),
  byCharacter: new Map(),
  byPinyin: new Map(),
};

interface DictionaryLookup {
  synonyms: Map<string, readonly string[]>;
  broader: Map<string, readonly string[]>;
  specifics: Map<string, string[]>;
  colloquial: SearchDictionary["colloquial"];
  /** Pinyin of every Chinese dictionary word, so "xihongshi" reaches 西红柿 even before any document says it. */
  byPinyin: Map<string, Set<string>>;
  /** Latin words of the dictionary, typo targets as much as the index's own. */
  latin: Set<string>;
}

const lookups = new WeakMap<SearchDictionary, DictionaryLookup>();

function lookupOf(dictionary: SearchDictionary): DictionaryLookup {
  const cached = lookups.get(dictionary);
  if (cached) return cached;
  const synonyms = new Map<string, readonly string[]>();
  for (const group of dictionary.synonyms) for (const member of group) synonyms.set(member, group);
  const broader = new Map(dictionary.broader);
  const specifics = new Map<string, string[]>();
  for (const [specific, generals] of dictionary.broader)
    for (const general of generals) specifics.set(general, [...(specifics.get(general) ?? []), specific]);
  const byPinyin = new Map<string, Set<string>>();
  const latin = new Set<string>();
  for (const word of dictionary.words) {
    if (LATIN.test(word)) latin.add(word);
    const spelled = [...word].length >= 2 ? pinyinOf(word) : undefined;
    if (spelled) byPinyin.set(spelled, (byPinyin.get(spelled) ?? new Set()).add(word));
  }
  const lookup = { synonyms, broader, specifics, colloquial: dictionary.colloquial, byPinyin, latin };
  lookups.set(dictionary, lookup);
  return lookup;
}

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

const HAN = /^\p{Script=Han}+$/u;

/** Dictionary terms as jieba reads them (the dictionary is small; each is segmented once). */
const units = new Map<string, string[]>();
function unitsOf(term: string): string[] {
  let found = units.get(term);
  if (!found) units.set(term, (found = segment(term)));
  return found;
}

/**
 * Whether the query says a colloquial phrase with a few words in between, as people do: "鸡老是
 * 拉稀" says 鸡拉稀, "叶子有点发黄" says 叶子发黄. The phrase's words appear in order, each inside a
 * query word (土鸡 holds 鸡), with at most MAX_PHRASE_GAP other words (stop words aside) between two.
 */
function saidWithGaps(phraseUnits: readonly string[], querySegments: readonly string[]): boolean {
  if (phraseUnits.length < 2) return false;
  let at = -1;
  for (const unit of phraseUnits) {
    let next = -1;
    const last =
      at < 0 ? querySegments.length - 1 : Math.min(querySegments.length - 1, at + 1 + MAX_PHRASE_GAP);
    for (let i = at + 1; i <= last; i++)
      if (querySegments[i]!.includes(unit)) {
        next = i;
        break;
      }
    if (next < 0) return false;
    at = next;
  }
  return true;
}

function mostCommon(words: Iterable<string>, vocabulary: Vocabulary, limit: number): string[] {
  return [...words]
    .sort((a, b) => (vocabulary.documentFrequency.get(b) ?? 0) - (vocabulary.documentFrequency.get(a) ?? 0))
    .slice(0, limit);
}

/**
 * The query's words as the engine looks for them, each with a weight and the concept it stands
 * for. The query is read as a reader would (jieba's precise mode, stop words left out unless
 * nothing else is left); each word it names is one concept, searched as typed and widened by:
 * the parts jieba's search mode yields, synonyms, broader terms, specifics of a general word,
 * Chinese words spelled by a pinyin word, typo corrections of a Latin word, and longer indexed
 * words that contain a partial word. Each colloquial phrase found inside the query is a concept
 * of its own, searched as the terms it means.
 */
export function expandQuery(
  q: string,
  dictionary: SearchDictionary,
  vocabulary: Vocabulary = EMPTY_VOCABULARY,
): WeightedWord[] {
  const text = normaliseText(queryHead(q));
  const lookup = lookupOf(dictionary);
  const found = new Map<string, WeightedWord>();
  const add = (word: string, weight: number, concept: number) => {
    const existing = found.get(word);
    if (!existing || existing.weight < weight) found.set(word, { word, weight, concept });
  };

  /**
   * A dictionary term is searched as the index holds it: one word when jieba keeps it whole,
   * else its meaningful words at half weight ("fuji apple" is two words in any document).
   */
  const addTerm = (term: string, weight: number, concept: number) => {
    const units = unitsOf(term);
    if (units.length === 1) add(units[0]!, weight, concept);
    else for (const unit of units) if (unit.length >= 2 && !isStopWord(unit)) add(unit, weight / 2, concept);
  };

  /** A term and what the dictionary says about it. */
  const widen = (term: string, weight: number, concept: number) => {
    add(term, weight, concept);
    const equivalents = [term, ...(lookup.synonyms.get(term) ?? []).filter((member) => member !== term)];
    for (const member of equivalents.slice(1)) addTerm(member, weight * WEIGHT.synonym, concept);
    for (const member of equivalents) {
      for (const general of lookup.broader.get(member) ?? [])
        addTerm(general, weight * WEIGHT.broader, concept);
      const specifics = lookup.specifics.get(member) ?? [];
      for (const specific of mostCommon(specifics, vocabulary, MAX_SPECIFICS))
        addTerm(specific, weight * WEIGHT.specific, concept);
    }
  };

  // A word jieba guessed (its HMM joins characters it does not know: 大棚里土发白 gives 里土) that
  // no document, no indexed word and no dictionary entry holds is read as the known words or
  // characters it is made of.
  // Without an index's vocabulary (the page's highlighting) nothing can be known to be unwritten.
  const guessed = (word: string) =>
    vocabulary.documentFrequency.size > 0 &&
    HAN.test(word) &&
    [...word].length >= 2 &&
    !vocabulary.documentFrequency.has(word) &&
    !lookup.synonyms.has(word) &&
    !lookup.broader.has(word) &&
    !lookup.specifics.has(word) &&
    // …and that is not part of an indexed word either (体化 is typed for 水肥一体化).
    ![...(vocabulary.byCharacter.get([...word][0]!) ?? [])].some((indexed) => indexed.includes(word));
  const segments = [
    ...new Set(segment(text).flatMap((word) => (guessed(word) ? segmentKnown(word) : [word]))),
  ];
  // A lone Latin letter is what is left of "e-commerce" or "A级": it matches everything and says nothing.
  const meaningful = segments.filter((word) => !isStopWord(word) && !/^[a-z]$/.test(word));
  const typed = meaningful.length > 0 ? meaningful : segments;
  typed.forEach((word, concept) => {
    widen(word, WEIGHT.typed, concept);
    const partWeight = vocabulary.documentFrequency.has(word) ? WEIGHT.part : WEIGHT.partOfUnknown;
    for (const part of partsOf(word))
      if ([...part].length >= 2 && !isStopWord(part)) add(part, partWeight, concept);
    if (LATIN.test(word)) widenLatin(word, concept);
    else if (HAN.test(word)) widenPartial(word, concept);
  });

  function widenLatin(word: string, concept: number) {
    const spelled = new Set([...(vocabulary.byPinyin.get(word) ?? []), ...(lookup.byPinyin.get(word) ?? [])]);
    for (const han of mostCommon(spelled, vocabulary, MAX_PINYIN_WORDS)) widen(han, WEIGHT.pinyin, concept);
    const known =
      vocabulary.latinWords.has(word) ||
      lookup.latin.has(word) ||
      spelled.size > 0 ||
      lookup.synonyms.has(word);
    if (known || !TYPO_TOLERANT.test(word) || word.length < ONE_TYPO_FROM) return;
    // Walked only for a Latin word nobody wrote (this runs on every search).
    const budget = word.length >= TWO_TYPOS_FROM ? 2 : 1;
    for (const vocabularyWords of [
      vocabulary.latinWords.keys(),
      lookup.latin,
      vocabulary.byPinyin.keys(),
      lookup.byPinyin.keys(),
    ])
      for (const candidate of vocabularyWords)
        if (TYPO_TOLERANT.test(candidate) && editDistanceWithin(word, candidate, budget)) {
          const pinyinWords = [
            ...(vocabulary.byPinyin.get(candidate) ?? []),
            ...(lookup.byPinyin.get(candidate) ?? []),
          ];
          if (pinyinWords.length)
            for (const han of pinyinWords.slice(0, MAX_PINYIN_WORDS)) widen(han, WEIGHT.typo, concept);
          else widen(candidate, WEIGHT.typo, concept);
        }
  }

  /** 鸡 finds 土鸡 and 蛋鸡, 水肥 finds 水肥一体化: longer indexed words holding the typed one. */
  function widenPartial(word: string, concept: number) {
    const characters = [...word];
    const candidates = vocabulary.byCharacter.get(characters[0]!);
    if (!candidates) return;
    const holding = [...candidates].filter((candidate) => candidate !== word && candidate.includes(word));
    for (const longer of mostCommon(holding, vocabulary, MAX_PARTIAL)) {
      const weight =
        characters.length === 1 ? WEIGHT.character : longer.startsWith(word) ? WEIGHT.prefix : WEIGHT.infix;
      add(longer, weight, concept);
    }
  }

  let concept = typed.length;
  // Filler between the words of a phrase does not count towards the gap.
  const spoken = segments.filter((word) => !isStopWord(word));
  for (const [phrase, terms] of lookup.colloquial) {
    if (!phrase || !(text.includes(phrase) || saidWithGaps(unitsOf(phrase), spoken))) continue;
    for (const term of terms) {
      const termUnits = unitsOf(term);
      if (termUnits.length === 1) widen(termUnits[0]!, WEIGHT.colloquial, concept);
      else addTerm(term, WEIGHT.colloquial, concept);
    }
    concept += 1;
  }
  return [...found.values()];
}
