/**
 * The one search interface. Two engines implement it — Meilisearch (MEILI_HOST) and an embedded
 * in-process engine — and both pass the same contract suite (tests/support/search-contract.ts).
 */

export const SEARCH_INDEXES = ["needs", "offers", "experts", "services"] as const;
export type IndexName = (typeof SEARCH_INDEXES)[number];

export type FieldValue = string | number | boolean | null | string[];

/** A flat document: `id` plus fields named in the index definition. */
export interface SearchDocument {
  id: string;
  [field: string]: FieldValue;
}

/** How a field is stored: free text, one keyword, several keywords, a number or a flag. */
export type FieldType = "text" | "keyword" | "keywords" | "number" | "boolean";

export interface IndexDefinition {
  /**
   * Every field's type. The embedded engine needs it to build its schema; Meilisearch infers
   * types from documents and ignores it.
   */
  fieldTypes?: Readonly<Record<string, FieldType>>;
  /** Text fields, most important first (earlier fields weigh more in ranking). */
  searchable: readonly string[];
  /**
   * Searchable fields that say who posted or provides a listing (an organisation's name), not
   * what it is about: found, but weighing far less than the subject's fields, so every need of
   * a cooperative named after mushrooms does not match 香菇. List them last in `searchable` too
   * (Meilisearch ranks by that order).
   */
  minor?: readonly string[];
  /** Fields usable in filters and facets. */
  filterable: readonly string[];
  /** Numeric or date (epoch ms) fields usable for sorting. */
  sortable: readonly string[];
}

/** Groups of words that mean the same to our users, e.g. ["光伏", "太阳能发电"]. */
export type SynonymGroups = readonly (readonly string[])[];

/** The search dictionary as both engines load it (compiled from app/modules/indexing/dictionary). */
export interface SearchDictionary {
  /** Words that mean the same, lower-cased; each finds the others. */
  synonyms: SynonymGroups;
  /** [specific, its broader terms]: one-way, the specific word also finds the broader ones. */
  broader: readonly (readonly [string, readonly string[]])[];
  /** [phrase as people say it, the terms it means]. */
  colloquial: readonly (readonly [string, readonly string[]])[];
  /** Every word above, for the segmenter's user dictionary. */
  words: readonly string[];
}

export type FilterScalar = string | number | boolean;

export type Filter =
  | { field: string; op: "eq"; value: FilterScalar }
  | { field: string; op: "in"; values: readonly FilterScalar[] }
  | { field: string; op: "range"; min?: number; max?: number };

export interface SearchRequest {
  q: string;
  filters?: readonly Filter[];
  /** Filterable fields whose value counts to return (over all matching documents). */
  facets?: readonly string[];
  /** Without a sort, results are ranked by relevance. */
  sort?: { field: string; direction: "asc" | "desc" };
  limit?: number;
  offset?: number;
}

export interface SearchHit {
  id: string;
}

export interface SearchResponse {
  hits: SearchHit[];
  /** How many documents match in all (for pagination). */
  total: number;
  /** field → value → count, for the requested facets. */
  facets: Record<string, Record<string, number>>;
}

export interface SearchEngine {
  readonly kind: "embedded" | "meilisearch";
  /** Creates the index if needed and applies its settings and the search dictionary. */
  configure(index: IndexName, definition: IndexDefinition, dictionary: SearchDictionary): Promise<void>;
  /** Adds or replaces documents by id. */
  upsert(index: IndexName, documents: readonly SearchDocument[]): Promise<void>;
  remove(index: IndexName, ids: readonly string[]): Promise<void>;
  /** Removes every document of the index (settings stay). */
  clear(index: IndexName): Promise<void>;
  search(index: IndexName, request: SearchRequest): Promise<SearchResponse>;
  /**
   * Builds the index afresh from the batches and puts it in place at once, so searches never see
   * it empty or half full; returns how many documents it holds. Meilisearch builds a new index
   * and swaps it in. The embedded engine leaves it out: it is rebuilt by clear + upsert before
   * the app listens.
   */
  rebuild?(
    index: IndexName,
    definition: IndexDefinition,
    dictionary: SearchDictionary,
    batches: AsyncIterable<readonly SearchDocument[]>,
  ): Promise<number>;
  /** How many documents the index holds now (0 when it does not exist), to tell whether it is behind. */
  documentCount?(index: IndexName): Promise<number>;
}

/**
 * How much of a query either engine reads, in characters (code points, so an emoji is never cut
 * in half). Meilisearch ignores every query word after the 10th
 * (https://www.meilisearch.com/docs/resources/help/known_limitations); 200 characters hold ten
 * words in any language we see and keep a pasted page from costing more than a question.
 */
export const MAX_QUERY_CHARS = 200;

/** The part of a query the engines read: its first MAX_QUERY_CHARS characters. */
export function queryHead(q: string): string {
  return Array.from(q).slice(0, MAX_QUERY_CHARS).join("");
}

/**
 * The engine accepted a write but did not apply it in the time we wait (its queue is busy). The
 * write is still queued there: retrying at once would only queue more, so callers back off.
 */
export class SearchEngineBusyError extends Error {
  override name = "SearchEngineBusyError";
}
