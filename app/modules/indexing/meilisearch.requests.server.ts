import type { SearchParams, Settings } from "meilisearch";
import { PINYIN_FIELD, pinyinText } from "./pinyin.server";
import {
  queryHead,
  type Filter,
  type FilterScalar,
  type IndexDefinition,
  type SearchDictionary,
  type SearchDocument,
  type SearchRequest,
  type SynonymGroups,
} from "./search.types";
import { STOP_WORDS } from "./stop-words";

/*
 * The Meilisearch side of the search port. The builders below are pure so their output can be
 * checked against Meilisearch's documented API without a server:
 *   settings  https://www.meilisearch.com/docs/reference/api/settings
 *   filters   https://www.meilisearch.com/docs/learn/filtering_and_sorting/filter_expression_reference
 *   search    https://www.meilisearch.com/docs/reference/api/search
 */

/**
 * "sort" first: when a request sorts, the order is the sort's alone among the matches, as in the
 * embedded engine (relevance does not come before it). A request without `sort` is unaffected:
 * the rule only acts on the sort parameter.
 */
export const RANKING_RULES = ["sort", "words", "typo", "proximity", "attribute", "exactness"] as const;

/**
 * The oldest server whose API takes every setting we send: typoTolerance.disableOnNumbers came in
 * 1.15 (changelog v1.15), localizedAttributes in 1.10, the `dictionary` setting in 1.5 and
 * POST /swap-indexes in 0.30. An older server would refuse the settings with a bare
 * "unknown field"; the version check says what to do instead.
 */
export const MIN_VERSION = "1.15.0";

/**
 * Dropping query words from the most frequent first (not from the end of the query, Meilisearch's
 * default `last`): the long queries recommendations build (a need's title, its product, its
 * industry) keep their rarest word rather than whichever came first. See
 * docs/decisions/033-search-engines-alike.md for why not `last` or `all`.
 */
export const MATCHING_STRATEGY = "frequency" as const;

/** The extra field holding the pinyin of a document's Chinese words, searched last. */

/** Meilisearch's own defaults are 5 and 9; Latin product names and pinyin are short. */
export const MIN_WORD_SIZE_FOR_TYPOS = { oneTypo: 4, twoTypos: 8 } as const;

export { MAX_QUERY_CHARS } from "./search.types";

export const DEFAULT_LIMIT = 20;
/** Also the pagination.maxTotalHits setting: nobody pages past this. */
export const MAX_TOTAL_HITS = 10_000;
export const MAX_LIMIT = 1_000;
export const MAX_VALUES_PER_FACET = 100;

/** Attribute names as Meilisearch's filter grammar reads them unquoted: words joined by dots. */
const FIELD = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/;
/** Words the filter parser reserves; a field with such a name would change the expression. */
const RESERVED = new Set([
  "AND",
  "OR",
  "IN",
  "NOT",
  "TO",
  "EXISTS",
  "IS",
  "NULL",
  "EMPTY",
  "CONTAINS",
  "STARTS",
  "WITH",
  "_geoRadius",
  "_geoBoundingBox",
  "_geoPoint",
]);
const HAN = /\p{Script=Han}/u;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

function field(name: string): string {
  if (!FIELD.test(name) || RESERVED.has(name))
    throw new Error(`"${name}" is not a field name the search engine accepts`);
  return name;
}

/** Meilisearch's synonym map, built one-way link by link; a word never maps to itself. */
class SynonymMap {
  private readonly map = new Map<string, Set<string>>();

  link(word: string, other: string) {
    if (word === other) return;
    const others = this.map.get(word) ?? new Set<string>();
    others.add(other);
    this.map.set(word, others);
  }

  /** Every word of the group maps to the others (a mutual association). */
  linkGroup(group: readonly string[]) {
    for (const word of group) for (const other of group) this.link(word, other);
  }

  toJSON(): Record<string, string[]> {
    return Object.fromEntries([...this.map].map(([word, others]) => [word, [...others]]));
  }
}

/**
 * Synonyms in Meilisearch's map form: every word of a group maps to the other words of its
 * group (a mutual association). A word in two groups maps to the words of both.
 */
export function meiliSynonyms(groups: SynonymGroups): Record<string, string[]> {
  const map = new SynonymMap();
  for (const group of groups) map.linkGroup(group);
  return map.toJSON();
}

/**
 * The whole search dictionary as Meilisearch synonyms. Meilisearch reads each key one way, so:
 * synonym groups map both ways; a specific word maps to its broader terms and a broader term to
 * its specifics (the exactness rule ranks the word typed above them); a colloquial phrase maps to
 * the terms it means, a multi-word synonym matched when the query holds the phrase's words.
 */
export function meiliDictionarySynonyms(dictionary: SearchDictionary): Record<string, string[]> {
  const map = new SynonymMap();
  for (const group of dictionary.synonyms) map.linkGroup(group);
  for (const [specific, generals] of dictionary.broader)
    for (const general of generals) {
      map.link(specific, general);
      map.link(general, specific);
    }
  for (const [phrase, terms] of dictionary.colloquial) for (const term of terms) map.link(phrase, term);
  return map.toJSON();
}

/** The body of `PATCH /indexes/{uid}/settings`. */
export function meiliSettings(
  definition: IndexDefinition,
  dictionary: SearchDictionary,
  stopWords: Iterable<string> = STOP_WORDS,
): Settings {
  const searchable = definition.searchable.map(field);
  return {
    searchableAttributes: [...searchable, PINYIN_FIELD],
    filterableAttributes: definition.filterable.map(field),
    sortableAttributes: definition.sortable.map(field),
    rankingRules: [...RANKING_RULES],
    typoTolerance: {
      enabled: true,
      minWordSizeForTypos: { ...MIN_WORD_SIZE_FOR_TYPOS },
      // "2024" must not find "2025": the embedded engine forgives typos on Latin words only.
      disableOnNumbers: true,
      // Meilisearch counts a typo per character and sizes words in characters. jieba cuts
      // Chinese into words of 2–3 characters, below oneTypo, so they are never typo-matched; a
      // 4-character word would be (日光温室 ≈ 日光浴室), so the Chinese words we know to be
      // domain terms — those of the dictionary — are matched exactly. Typos are NOT disabled
      // on whole text attributes: Latin names (shiitake, Fuji apple) sit in the same fields as
      // Chinese and must stay forgiving. Only single-keyword attributes (codes, enums) that
      // are made searchable are exact, because a near code is another thing.
      disableOnWords: dictionary.words.filter(
        (word) => HAN.test(word) && [...word].length >= MIN_WORD_SIZE_FOR_TYPOS.oneTypo,
      ),
      disableOnAttributes: searchable.filter((name) => definition.fieldTypes?.[name] === "keyword"),
    },
    synonyms: meiliDictionarySynonyms(dictionary),
    stopWords: [...stopWords],
    // The dictionary's words are cut whole, as jieba's user dictionary does in the embedded engine.
    dictionary: [...dictionary.words],
    // Short texts made only of Han characters can be detected as Japanese and cut with the
    // Japanese segmenter; telling Meilisearch the languages (Mandarin and English) keeps jieba.
    localizedAttributes:
      searchable.length > 0 ? [{ attributePatterns: searchable, locales: ["cmn", "eng"] }] : [],
    pagination: { maxTotalHits: MAX_TOTAL_HITS },
    faceting: { maxValuesPerFacet: MAX_VALUES_PER_FACET },
  };
}

/** A document as Meilisearch stores it: with the pinyin of its searchable text. */
export function withPinyin(document: SearchDocument, definition: IndexDefinition): SearchDocument {
  const texts: string[] = [];
  for (const name of definition.searchable) {
    const value = document[name];
    if (typeof value === "string") texts.push(value);
    else if (Array.isArray(value)) texts.push(...value);
  }
  return { ...document, [PINYIN_FIELD]: pinyinText(texts) };
}

/** Whether a "major.minor.patch" version is at least `minimum`. */
export function versionAtLeast(version: string, minimum: string): boolean {
  const parts = (text: string) =>
    text
      .split(/[.-]/)
      .slice(0, 3)
      .map((part) => Number.parseInt(part, 10) || 0);
  const [have, need] = [parts(version), parts(minimum)];
  for (let i = 0; i < 3; i += 1)
    if ((have[i] ?? 0) !== (need[i] ?? 0)) return (have[i] ?? 0) > (need[i] ?? 0);
  return true;
}

/**
 * A filter value as the filter parser reads it. Strings are double-quoted; inside quotes the
 * parser turns `\"` into `"` and then unescapes `\\` into `\` (Meilisearch ≥ 1.4), so escaping
 * backslashes first and quotes second keeps any value literal, newlines and emoji included.
 */
export function meiliValue(value: FilterScalar): string {
  if (typeof value === "boolean") return value ? "true" : "false";
  if (typeof value === "number") return meiliNumber(value);
  if (typeof value !== "string") throw new Error("a filter value must be a string, a number or a boolean");
  return `"${value.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;
}

function meiliNumber(value: number): string {
  // JSON has no NaN or Infinity and Meilisearch refuses them in filters.
  if (typeof value !== "number" || !Number.isFinite(value))
    throw new Error(`${String(value)} is not a finite number`);
  // "1e+21" has a "+" the parser does not take in a bare word; "1e21" parses to the same float.
  return String(value).replace("e+", "e");
}

/** The `filter` search parameter: every condition must hold. Undefined when there is none. */
export function meiliFilter(filters: readonly Filter[]): string | undefined {
  const conditions: string[] = [];
  for (const filter of filters) {
    const name = field(filter.field);
    if (filter.op === "eq") conditions.push(`${name} = ${meiliValue(filter.value)}`);
    else if (filter.op === "in") conditions.push(`${name} IN [${filter.values.map(meiliValue).join(", ")}]`);
    else if (filter.op === "range") {
      // A range open on both ends constrains nothing.
      if (filter.min !== undefined) conditions.push(`${name} >= ${meiliNumber(filter.min)}`);
      if (filter.max !== undefined) conditions.push(`${name} <= ${meiliNumber(filter.max)}`);
    } else throw new Error(`unknown filter operator "${(filter as { op: unknown }).op}"`);
  }
  return conditions.length > 0 ? conditions.join(" AND ") : undefined;
}

function wholeNumber(value: number | undefined, fallback: number, max: number): number {
  if (value === undefined || !Number.isFinite(value)) return fallback;
  return Math.min(max, Math.max(0, Math.floor(value)));
}

/**
 * Which page to ask for so that the hits from `offset` to `offset + limit` are on it, and how
 * many of its first hits to skip. Pages (page/hitsPerPage) are what make Meilisearch count every
 * match (totalHits) instead of estimating (estimatedTotalHits, which its documentation says not
 * to use for page counts). An offset that is not a multiple of the limit asks for one page from
 * the start and skips the first hits.
 */
export function meiliPage(
  limit: number,
  offset: number,
): { page: number; hitsPerPage: number; skip: number } {
  if (limit === 0) return { page: 1, hitsPerPage: 0, skip: 0 };
  if (offset % limit === 0) return { page: offset / limit + 1, hitsPerPage: limit, skip: 0 };
  return { page: 1, hitsPerPage: offset + limit, skip: offset };
}

/** The body of `POST /indexes/{uid}/search`, and how many of the page's first hits to skip. */
export function meiliSearchParams(request: SearchRequest): SearchParams & { q: string; skip: number } {
  // Trimmed at the start only: a trailing space says the last word is finished, so Meilisearch
  // matches it whole instead of as the start of a longer word. Lone surrogates (a cut emoji) are
  // invalid in the JSON Meilisearch parses: drop them.
  const q = queryHead(
    String(request.q ?? "")
      .replace(LONE_SURROGATE, "")
      .replace(/^\s+/u, ""),
  );
  const limit = wholeNumber(request.limit, DEFAULT_LIMIT, MAX_LIMIT);
  const offset = wholeNumber(request.offset, 0, MAX_TOTAL_HITS);
  const { page, hitsPerPage, skip } = meiliPage(limit, offset);
  const params: SearchParams & { q: string; skip: number } = {
    q,
    page,
    hitsPerPage,
    skip,
    matchingStrategy: MATCHING_STRATEGY,
    attributesToRetrieve: ["id"],
  };
  const filter = meiliFilter(request.filters ?? []);
  if (filter !== undefined) params.filter = filter;
  if (request.facets && request.facets.length > 0) params.facets = request.facets.map(field);
  if (request.sort)
    params.sort = [`${field(request.sort.field)}:${request.sort.direction === "desc" ? "desc" : "asc"}`];
  return params;
}
