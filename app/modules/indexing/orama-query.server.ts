import { components, type AnyOrama } from "@orama/orama";

/**
 * The embedded engine's query path, on top of Orama's index (radix trees, BM25 statistics,
 * where-filters, sorter, document store — all reached through Orama's component API).
 *
 * Orama 3.1.18's own `search` does the same work with a lot of bookkeeping around it: a map of
 * matches per property for every matching document (used only for `threshold` below 1, which
 * this app never asks for), two full sorts of the results, and facet counting through a closure
 * built per document and value. On a query whose words are in 10,000 of 50,000 documents that
 * bookkeeping was more than half the time (bench:search). This path scores the same way — BM25+
 * per word and property with Orama's parameters, times the property's boost, summed — in a flat
 * array, sorts once, and counts facets in one pass.
 */

export interface QueryWord {
  word: string;
  /** Also match longer indexed words that start with this one (the last word typed). */
  prefix: boolean;
  /** Multiplies the word's score: 1 for a word as typed, less for words the query was widened by. */
  weight: number;
  /** Which concept of the query the word stands for (see coverage below). */
  concept: number;
}

export interface Query {
  words: readonly QueryWord[];
  /**
   * Searchable properties with their weights. A property weighing less than 1 (who posted,
   * pinyin) also counts less towards coverage: a need does not become about 香菇 because the
   * cooperative that posted it is named after them.
   */
  boost: Readonly<Record<string, number>>;
  /** Orama where-clause; documents outside it are neither scored nor counted. */
  where: Record<string, unknown>;
  sort?: { property: string; order: "ASC" | "DESC" };
  facets: readonly string[];
  offset: number;
  limit: number;
}

export interface QueryResult {
  ids: string[];
  total: number;
  facets: Record<string, Record<string, number>>;
}

type Ids = Iterable<number>;
interface RadixTree {
  type: string;
  node: { find(params: { term: string; exact: boolean }): Record<string, Ids> };
}
interface IndexData {
  indexes: Record<string, RadixTree>;
  avgFieldLength: Record<string, number>;
  fieldLengths: Record<string, Record<number, number>>;
  tokenOccurrences: Record<string, Record<string, number>>;
  frequencies: Record<string, Record<number, Record<string, number> | undefined>>;
}
type Relevance = { k: number; b: number; d: number };
/** Orama's defaults (methods/search-fulltext.js). */
const RELEVANCE: Relevance = { k: 1.2, b: 0.75, d: 0.5 };

/** BM25+'s inverse document frequency, the same for every document holding the word. */
function idfOf(matching: number, documents: number) {
  return Math.log(1 + (documents - matching + 0.5) / (matching + 0.5));
}

/** BM25+ of one document for one word, given the word's idf. */
function bm25(idf: number, tf: number, length: number, averageLength: number, { k, b, d }: Relevance) {
  return (idf * (d + tf * (k + 1))) / (tf + k * (1 - b + (b * length) / averageLength));
}

/** A word found only as the start of a longer one (the last word, still being typed) counts less. */
const PREFIX_MATCH = 0.6;
/** Beyond this many concepts (a long recommendation query) the last ones share a slot. */
const MAX_CONCEPTS = 24;

/**
 * Documents holding any of the words, with their scores (unsorted).
 *
 * A document's score is its summed BM25 (per word and property, times the word's weight and the
 * property's boost) times the square of its coverage: the sum, over the query's concepts, of the
 * best weight by which the document matched each. So a document naming both things asked for
 * ranks above one that repeats a single expansion many times, and a document found through a
 * broad expansion ranks below one holding the word as typed — the order Meilisearch's "words"
 * rule gives before its other rules.
 */
function score(
  index: IndexData,
  query: Query,
  documents: number,
  capacity: number,
  allowed: Set<number> | undefined,
): [number, number][] {
  // Internal ids are small consecutive integers: flat arrays beat Maps by far.
  const concepts = Math.min(MAX_CONCEPTS, Math.max(1, ...query.words.map((word) => word.concept + 1)));
  const scores = new Float64Array(capacity);
  const strength = new Float32Array(capacity * concepts);
  const touched: number[] = [];
  for (const [property, boost] of Object.entries(query.boost)) {
    const tree = index.indexes[property];
    if (!tree || tree.type !== "Radix") continue;
    const averageLength = index.avgFieldLength[property];
    const lengths = index.fieldLengths[property];
    const occurrences = index.tokenOccurrences[property];
    const frequencies = index.frequencies[property];
    const coverageShare = Math.min(1, boost);
    for (const { word, prefix, weight, concept } of query.words) {
      const found = tree.node.find({ term: word, exact: !prefix });
      const slot = Math.min(concept, concepts - 1);
      for (const match in found) {
        const matching = typeof occurrences[match] === "number" ? occurrences[match] : 0;
        const matchWeight = match === word ? weight : weight * PREFIX_MATCH;
        const strong = matchWeight * coverageShare;
        const idf = idfOf(matching, documents) * boost * matchWeight;
        for (const id of found[match]) {
          if (id >= capacity || (allowed && !allowed.has(id))) continue;
          const tf = frequencies[id]?.[match] ?? 0;
          // BM25+ is always positive, so 0 means "not seen yet".
          if (scores[id] === 0) touched.push(id);
          scores[id] += bm25(idf, tf, lengths[id], averageLength, RELEVANCE);
          const cell = id * concepts + slot;
          if (strength[cell] < strong) strength[cell] = strong;
        }
      }
    }
  }
  return touched.map((id) => {
    let coverage = 0;
    for (let c = id * concepts; c < (id + 1) * concepts; c++) coverage += strength[c];
    return [id, scores[id] * coverage * coverage];
  });
}

const higher = (a: readonly [number, number], b: readonly [number, number]) => b[1] - a[1] || a[0] - b[0];

/**
 * The first `count` results by score (ties: the document indexed first), in order. A query
 * matching 15,000 documents for a page of 20 spent milliseconds sorting them all.
 */
function best(results: [number, number][], count: number): [number, number][] {
  if (results.length <= count * 4) return results.sort(higher);
  const kept: [number, number][] = [];
  // `kept` stays sorted; a result enters only when it beats the weakest kept one.
  for (const result of results) {
    if (kept.length === count && higher(result, kept[count - 1]!) >= 0) continue;
    let low = 0;
    let high = kept.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (higher(kept[middle]!, result) <= 0) low = middle + 1;
      else high = middle;
    }
    kept.splice(low, 0, result);
    if (kept.length > count) kept.pop();
  }
  return kept;
}

function countFacets(db: AnyOrama, results: readonly [number, number][], fields: readonly string[]) {
  const facets: Record<string, Record<string, number>> = {};
  if (fields.length === 0) return facets;
  for (const field of fields) facets[field] = {};
  const docs = db.documentsStore.getAll(db.data.docs) as Record<number, Record<string, unknown> | undefined>;
  for (const [id] of results) {
    const document = docs[id];
    if (!document) continue;
    for (const field of fields) {
      const value = document[field];
      const counts = facets[field];
      if (Array.isArray(value)) {
        for (const item of new Set(value)) counts[String(item)] = (counts[String(item)] ?? 0) + 1;
      } else if (value !== null && value !== undefined && value !== "") {
        counts[String(value)] = (counts[String(value)] ?? 0) + 1;
      }
    }
  }
  return facets;
}

export function runQuery(db: AnyOrama, query: Query): QueryResult {
  const data = db.data.index as unknown as IndexData;
  const hasWhere = Object.keys(query.where).length > 0;
  const allowed = hasWhere
    ? (db.index.searchByWhereClause(
        db.data.index,
        db.tokenizer,
        query.where as never,
        db.tokenizer.language,
      ) as Set<number>)
    : undefined;
  let results: [number, number][];
  let matched: [number, number][];
  if (query.words.length > 0) {
    const capacity = db.internalDocumentIDStore.internalIdToId.length + 1;
    results = matched = score(data, query, db.documentsStore.count(db.data.docs), capacity, allowed);
    // Without a sort only the requested page needs ordering; with one the sorter orders them all.
    if (!query.sort) results = best(results, query.offset + query.limit);
  } else {
    const ids = allowed ? [...allowed] : Object.keys(db.documentsStore.getAll(db.data.docs)).map(Number);
    results = matched = ids.sort((a, b) => a - b).map((id) => [id, 0]);
  }
  if (query.sort) {
    // Stable: documents with the same value keep their relevance order.
    results = db.sorter.sortBy(db.data.sorting, results as never, query.sort as never) as never;
  }
  const store = db.internalDocumentIDStore;
  const page = results.slice(query.offset, query.offset + query.limit);
  return {
    ids: page.map(([id]) => components.internalDocumentIDStore.getDocumentIdFromInternalId(store, id)),
    total: matched.length,
    facets: countFacets(db, matched, query.facets),
  };
}
