import { components, type AnyOrama } from "@orama/orama";

/**
 * The embedded engine's query path, on top of Orama's index (radix trees, BM25 statistics,
 * where-filters, sorter, document store — all reached through Orama's component API).
 *
 * Orama 3.1.18's own `search` does the same work with a lot of bookkeeping around it: a map of
 * matches per property for every matching document (used only for `threshold` below 1, which
 * this app never asks for), two full sorts of the results, and facet counting through a closure
 * built per document and value. On a query whose words are in 10,000 of 50,000 documents that
 * bookkeeping was more than half the time (bench:search). This path scores with BM25+ per word
 * and property with Orama's parameters, times the property's boost and the word's weight, then
 * rewards coverage of the query's concepts (see `score`); it keeps scores in flat reused arrays,
 * orders only the requested page unless a sort is asked for, and counts facets from cached
 * integer columns in one pass.
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
  /** Changes with every write to the index, so cached facet columns are rebuilt. */
  version: number;
  offset: number;
  limit: number;
}

export interface QueryResult {
  ids: string[];
  total: number;
  facets: Record<string, Record<string, number>>;
}

/** Orama's radix tree node (trees/radix.js): edge label, children, documents, end of a word, the word. */
interface RadixNode {
  s: string;
  c: Map<string, RadixNode>;
  d: Set<number>;
  e: boolean;
  w: string;
}
interface RadixTree {
  type: string;
  node: RadixNode;
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

/**
 * The indexed words equal to the term (or, with `prefix`, starting with it), each with the set of
 * documents holding it. Orama's own `find` copies every document id into a fresh array and, even
 * for an exact term, walks every longer word below it; this reads the tree's sets in place.
 */
function postings(root: RadixNode, term: string, prefix: boolean): [string, Set<number>][] {
  let node = root;
  let i = 0;
  while (i < term.length) {
    const child = node.c.get(term[i]!);
    if (!child) return [];
    const label = child.s;
    let j = 0;
    while (j < label.length && i + j < term.length && label[j] === term[i + j]) j++;
    if (j === label.length) {
      node = child;
      i += j;
    } else if (i + j === term.length && prefix) {
      node = child;
      break;
    } else return [];
  }
  if (!prefix) return node.e && node.w === term ? [[term, node.d]] : [];
  const found: [string, Set<number>][] = [];
  const stack = [node];
  while (stack.length > 0) {
    const next = stack.pop()!;
    if (next.e && next.d.size > 0) found.push([next.w, next.d]);
    for (const child of next.c.values()) stack.push(child);
  }
  return found;
}

/** Reused by every query (runQuery is synchronous): allocating them per query fed the garbage collector. */
let scoreBuffer = new Float64Array(0);
let strengthBuffer = new Float32Array(0);
let touchedBuffer = new Int32Array(0);

/** Matching documents (internal ids) and their scores, unsorted, as flat arrays. */
interface Matches {
  ids: Int32Array;
  scores: Float64Array;
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
): Matches {
  // Internal ids are small consecutive integers: flat arrays beat Maps by far.
  const concepts = Math.min(MAX_CONCEPTS, Math.max(1, ...query.words.map((word) => word.concept + 1)));
  if (scoreBuffer.length < capacity) scoreBuffer = new Float64Array(capacity * 2);
  if (strengthBuffer.length < capacity * concepts) strengthBuffer = new Float32Array(capacity * concepts * 2);
  const scores = scoreBuffer;
  const strength = strengthBuffer;
  if (touchedBuffer.length < capacity) touchedBuffer = new Int32Array(capacity * 2);
  const touched = touchedBuffer;
  let count = 0;
  try {
    for (const [property, boost] of Object.entries(query.boost)) {
      const tree = index.indexes[property];
      if (!tree || tree.type !== "Radix") continue;
      const averageLength = index.avgFieldLength[property];
      const lengths = index.fieldLengths[property];
      const occurrences = index.tokenOccurrences[property];
      const frequencies = index.frequencies[property];
      const coverageShare = Math.min(1, boost);
      for (const { word, prefix, weight, concept } of query.words) {
        const slot = Math.min(concept, concepts - 1);
        for (const [match, holders] of postings(tree.node, word, prefix)) {
          const matching = typeof occurrences[match] === "number" ? occurrences[match] : 0;
          const matchWeight = match === word ? weight : weight * PREFIX_MATCH;
          const strong = matchWeight * coverageShare;
          const idf = idfOf(matching, documents) * boost * matchWeight;
          // With a narrow filter, walk the allowed documents and ask the word's set, not the other way round.
          const walkAllowed = allowed !== undefined && allowed.size < holders.size;
          for (const id of walkAllowed ? allowed : holders) {
            if (id >= capacity || (walkAllowed ? !holders.has(id) : allowed && !allowed.has(id))) continue;
            const tf = frequencies[id]?.[match] ?? 0;
            // BM25+ is always positive, so 0 means "not seen yet".
            if (scores[id] === 0) touched[count++] = id;
            scores[id] += bm25(idf, tf, lengths[id], averageLength, RELEVANCE);
            const cell = id * concepts + slot;
            if (strength[cell] < strong) strength[cell] = strong;
          }
        }
      }
    }
  } catch (error) {
    // The buffers are shared by every query and cleared as a query reads them back: a query that
    // fails half-way would leave its partial scores to the next one.
    scores.fill(0);
    strength.fill(0);
    throw error;
  }
  const totals = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    const id = touched[i]!;
    let coverage = 0;
    for (let c = id * concepts; c < (id + 1) * concepts; c++) {
      coverage += strength[c]!;
      strength[c] = 0;
    }
    totals[i] = scores[id]! * coverage * coverage;
    scores[id] = 0;
  }
  return { ids: touched.slice(0, count), scores: totals };
}

const higher = (a: readonly [number, number], b: readonly [number, number]) => b[1] - a[1] || a[0] - b[0];

/**
 * Up to this many results the page is picked by insertion into a short sorted list; a deeper page
 * (page 500 asks for 10,000) sorts all matches once, as insertion would move elements
 * count × matches times.
 */
const TOP_K_LIMIT = 200;

/** The first `count` matches by score (ties: the document indexed first), in order. */
function best({ ids, scores }: Matches, count: number): [number, number][] {
  const kept: [number, number][] = [];
  // `kept` stays sorted; a match enters only when it beats the weakest kept one. Sorting all
  // 15,000 matches of a common word for a page of 20 took milliseconds.
  for (let i = 0; i < ids.length; i++) {
    const weakest = kept[count - 1];
    if (weakest && (scores[i]! < weakest[1] || (scores[i] === weakest[1] && ids[i]! > weakest[0]))) continue;
    const result: [number, number] = [ids[i]!, scores[i]!];
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

/**
 * A filterable field's values by internal id, as small integer codes: counting a facet over
 * 15,000 matches read each document object and keyed a record by string, 2 ms a query.
 */
interface Column {
  labels: string[];
  /** code + 1 per document for a single value (0: none). */
  single: Int32Array;
  /** The codes of a list-valued field, per document. */
  lists: (number[] | undefined)[];
}

const columnCache = new WeakMap<AnyOrama, { version: number; columns: Map<string, Column> }>();

function columnOf(db: AnyOrama, version: number, field: string): Column {
  let cache = columnCache.get(db);
  if (!cache || cache.version !== version) {
    cache = { version, columns: new Map() };
    columnCache.set(db, cache);
  }
  const cached = cache.columns.get(field);
  if (cached) return cached;
  const docs = db.documentsStore.getAll(db.data.docs) as Record<number, Record<string, unknown> | undefined>;
  const capacity = db.internalDocumentIDStore.internalIdToId.length + 1;
  const codes = new Map<string, number>();
  const code = (value: unknown) => {
    const label = String(value);
    let found = codes.get(label);
    if (found === undefined) codes.set(label, (found = codes.size));
    return found;
  };
  const column: Column = { labels: [], single: new Int32Array(capacity), lists: [] };
  for (const key in docs) {
    const id = Number(key);
    const value = docs[id]?.[field];
    if (Array.isArray(value)) column.lists[id] = [...new Set(value)].map(code);
    else if (value !== null && value !== undefined && value !== "" && id < capacity)
      column.single[id] = code(value) + 1;
  }
  column.labels = [...codes.keys()];
  cache.columns.set(field, column);
  return column;
}

function countFacets(db: AnyOrama, version: number, ids: ArrayLike<number>, fields: readonly string[]) {
  const facets: Record<string, Record<string, number>> = {};
  for (const field of fields) {
    const column = columnOf(db, version, field);
    const counts = new Int32Array(column.labels.length);
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i]!;
      const list = column.lists[id];
      if (list) for (const value of list) counts[value]!++;
      else if (id < column.single.length && column.single[id]! > 0) counts[column.single[id]! - 1]!++;
    }
    const byLabel: Record<string, number> = {};
    counts.forEach((count, value) => {
      if (count > 0) byLabel[column.labels[value]!] = count;
    });
    facets[field] = byLabel;
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
  let matched: ArrayLike<number>;
  if (query.words.length > 0) {
    const capacity = db.internalDocumentIDStore.internalIdToId.length + 1;
    const matches = score(data, query, db.documentsStore.count(db.data.docs), capacity, allowed);
    matched = matches.ids;
    // Without a sort only the requested page needs ordering; with one the sorter orders them all.
    results = query.sort
      ? Array.from(matches.ids, (id, i): [number, number] => [id, matches.scores[i]!]).sort(higher)
      : query.offset + query.limit <= TOP_K_LIMIT
        ? best(matches, query.offset + query.limit)
        : Array.from(matches.ids, (id, i): [number, number] => [id, matches.scores[i]!]).sort(higher);
  } else {
    const ids = allowed ? [...allowed] : Object.keys(db.documentsStore.getAll(db.data.docs)).map(Number);
    matched = ids.sort((a, b) => a - b);
    results = ids.map((id) => [id, 0]);
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
    facets: countFacets(db, query.version, matched, query.facets),
  };
}
