import { create, insertMultiple, removeMultiple, type AnyOrama } from "@orama/orama";
import "./orama-patch.server";
import type {
  FieldType,
  Filter,
  IndexDefinition,
  IndexName,
  SearchDocument,
  SearchEngine,
  SearchRequest,
  SearchResponse,
  SearchDictionary,
} from "./search.types";
import { expandQuery, LATIN, type Vocabulary } from "./query.server";
import { tokenize } from "./tokenizer.server";
import { runQuery } from "./orama-query.server";
import { PINYIN_FIELD, pinyinOf } from "./pinyin.server";

const ORAMA_TYPE: Record<FieldType, string> = {
  text: "string",
  keyword: "enum",
  keywords: "enum[]",
  number: "number",
  boolean: "boolean",
};

interface Index extends Vocabulary {
  db: AnyOrama;
  definition: IndexDefinition;
  dictionary: SearchDictionary;
  /** Latin words in the index (→ documents holding them), for typo correction of Latin and pinyin query words. */
  latinWords: Map<string, number>;
  /** Word → how many documents hold it in any searchable field. */
  documentFrequency: Map<string, number>;
  /** Document id → its distinct searchable words, so removal can undo the counts above. */
  documentWords: Map<string, string[]>;
  byCharacter: Map<string, Set<string>>;
  byPinyin: Map<string, Set<string>>;
  /** The pinyin of each Chinese word in the index, spelled once. */
  spelling: Map<string, string>;
  /** Counts writes, so the query path knows when its cached facet columns are stale. */
  version: number;
}

/**
 * The extra field every document gets: the toneless pinyin of its Chinese words, so "fanqie"
 * finds 番茄 and "hongg" (still typing) finds 红干椒. It weighs least of all fields: the
 * Chinese words a pinyin word spells are searched too, in the fields where they count.
 */
const PINYIN_BOOST = 0.25;
/** Fields that say who posted or provides (see IndexDefinition.minor). */
const MINOR_BOOST = 0.3;
/** The subject's own fields, most important first; any further ones weigh 1. */
const FIELD_BOOSTS = [3, 2, 1.5];

export function fieldBoosts(definition: IndexDefinition): Record<string, number> {
  const minor = new Set(definition.minor ?? []);
  const major = definition.searchable.filter((field) => !minor.has(field));
  return {
    ...Object.fromEntries(major.map((field, i) => [field, FIELD_BOOSTS[i] ?? 1])),
    ...Object.fromEntries([...minor].map((field) => [field, MINOR_BOOST])),
    [PINYIN_FIELD]: PINYIN_BOOST,
  };
}

const HAN_WORD = /^\p{Script=Han}{2,}$/u;

/**
 * A query word found in more than this share of documents says little about relevance but costs
 * a pass over all of them; it is left out when the query has rarer words (as a stop word).
 */
const COMMON_WORD_SHARE = 0.2;
/** Below this size every word is kept: the saving is nil and small indexes skew the shares. */
const COMMON_WORD_MIN_DOCUMENTS = 1000;

function emptyIndex(db: AnyOrama, definition: IndexDefinition, dictionary: SearchDictionary): Index {
  return {
    db,
    definition,
    dictionary,
    latinWords: new Map(),
    documentFrequency: new Map(),
    documentWords: new Map(),
    byCharacter: new Map(),
    byPinyin: new Map(),
    spelling: new Map(),
    version: 0,
  };
}

function spell(index: Index, word: string): string | undefined {
  if (!HAN_WORD.test(word)) return undefined;
  return index.spelling.get(word) ?? pinyinOf(word);
}

function addTo(map: Map<string, Set<string>>, key: string, word: string) {
  const words = map.get(key);
  if (words) words.add(word);
  else map.set(key, new Set([word]));
}

function deleteFrom(map: Map<string, Set<string>>, key: string, word: string) {
  const words = map.get(key);
  if (!words) return;
  words.delete(word);
  if (words.size === 0) map.delete(key);
}

/** A word's first document: it joins the vocabulary that partial and pinyin words are widened to. */
function learn(index: Index, word: string) {
  if (LATIN.test(word)) count(index.latinWords, word, 1);
  const spelled = spell(index, word);
  if (!spelled) return;
  index.spelling.set(word, spelled);
  addTo(index.byPinyin, spelled, word);
  for (const character of new Set(word)) addTo(index.byCharacter, character, word);
}

/** A word's last document is gone. */
function unlearn(index: Index, word: string) {
  if (LATIN.test(word)) count(index.latinWords, word, -1);
  const spelled = index.spelling.get(word);
  if (!spelled) return;
  index.spelling.delete(word);
  deleteFrom(index.byPinyin, spelled, word);
  for (const character of new Set(word)) deleteFrom(index.byCharacter, character, word);
}

function register(index: Index, id: string, words: string[]) {
  index.documentWords.set(id, words);
  for (const word of words) {
    count(index.documentFrequency, word, 1);
    if (index.documentFrequency.get(word) === 1) learn(index, word);
  }
}

/**
 * Texts being inserted → their words. The engine needs each document's words for its own counts
 * and Orama tokenizes the same texts again as it indexes them; segmenting once halves the time.
 */
const segmented = new Map<string, string[]>();

function tokensOf(text: string): string[] {
  let tokens = segmented.get(text);
  if (!tokens) segmented.set(text, (tokens = tokenize(text)));
  return tokens;
}

function searchableWords(document: SearchDocument, definition: IndexDefinition): string[] {
  const words = new Set<string>();
  for (const field of definition.searchable) {
    const value = document[field];
    const texts = Array.isArray(value) ? value : typeof value === "string" ? [value] : [];
    for (const text of texts) for (const word of tokensOf(text)) words.add(word);
  }
  return [...words];
}

/**
 * Orama 3.1.18's synchronous removeMultiple removes the first batch (1,000 by default) and leaves
 * the rest to timers nobody awaits, so a re-insert right after fails with "already exists". One
 * batch holding every id removes them all before returning.
 */
async function removeAll(db: AnyOrama, ids: readonly string[]) {
  if (ids.length) await removeMultiple(db, [...ids], ids.length);
}

function count(map: Map<string, number>, key: string, by: number) {
  const next = (map.get(key) ?? 0) + by;
  if (next > 0) map.set(key, next);
  else map.delete(key);
}

function forget(index: Index, id: string) {
  for (const word of index.documentWords.get(id) ?? []) {
    count(index.documentFrequency, word, -1);
    if (!index.documentFrequency.has(word)) unlearn(index, word);
  }
  index.documentWords.delete(id);
}

/** Leaves out words held by most documents when the query also has rarer ones. */
export function withoutCommonWords(
  words: string[],
  documentFrequency: ReadonlyMap<string, number>,
  documents: number,
): string[] {
  if (documents < COMMON_WORD_MIN_DOCUMENTS) return words;
  const rare = words.filter((word) => (documentFrequency.get(word) ?? 0) <= documents * COMMON_WORD_SHARE);
  return rare.length > 0 ? rare : words;
}

function whereOf(filters: readonly Filter[] | undefined, definition: IndexDefinition) {
  const where: Record<string, unknown> = {};
  for (const filter of filters ?? []) {
    const type = definition.fieldTypes?.[filter.field];
    if (!type || !definition.filterable.includes(filter.field))
      throw new Error(`"${filter.field}" is not a filterable field`);
    if (filter.op === "range") {
      // Orama takes one operation per field: a closed range is `between`.
      where[filter.field] =
        filter.min !== undefined && filter.max !== undefined
          ? { between: [filter.min, filter.max] }
          : filter.min !== undefined
            ? { gte: filter.min }
            : { lte: filter.max ?? Number.MAX_SAFE_INTEGER };
    } else if (type === "keywords") {
      where[filter.field] = { containsAny: filter.op === "eq" ? [filter.value] : [...filter.values] };
    } else if (type === "boolean") {
      if (filter.op !== "eq" || typeof filter.value !== "boolean")
        throw new Error(`"${filter.field}" takes true or false`);
      where[filter.field] = filter.value;
    } else if (type === "number") {
      where[filter.field] =
        filter.op === "eq"
          ? { eq: Number(filter.value) }
          : { between: [Math.min(...filter.values.map(Number)), Math.max(...filter.values.map(Number))] };
    } else {
      where[filter.field] = filter.op === "eq" ? { eq: filter.value } : { in: [...filter.values] };
    }
  }
  return where;
}

/** Orama wants every schema field present; missing values become neutral ones. */
function normalise(
  document: SearchDocument,
  definition: IndexDefinition,
  pinyin: string,
): Record<string, unknown> {
  const out: Record<string, unknown> = { id: document.id, [PINYIN_FIELD]: pinyin };
  for (const [field, type] of Object.entries(definition.fieldTypes ?? {})) {
    const value = document[field];
    if (value === null || value === undefined) {
      if (type === "keywords") out[field] = [];
      else if (type === "text") out[field] = "";
      continue;
    }
    out[field] = value;
  }
  return out;
}

/**
 * The engine used when no Meilisearch is configured: Orama in this process, with jieba
 * segmentation so Chinese splits as it does in Meilisearch. Rebuilt from the database at start.
 */
export function createEmbeddedEngine(): SearchEngine {
  const indexes = new Map<IndexName, Index>();

  function get(name: IndexName): Index {
    const index = indexes.get(name);
    if (!index) throw new Error(`search index "${name}" is not configured`);
    return index;
  }

  function build(definition: IndexDefinition): AnyOrama {
    if (!definition.fieldTypes)
      throw new Error("the embedded engine needs fieldTypes in the index definition");
    const schema: Record<string, string> = { id: "string", [PINYIN_FIELD]: "string" };
    for (const [field, type] of Object.entries(definition.fieldTypes)) {
      // Searchable lists are full-text (string[]); filterable lists are exact keywords (enum[]).
      schema[field] =
        definition.searchable.includes(field) && type === "keywords" ? "string[]" : ORAMA_TYPE[type];
    }
    return create({
      schema: schema as never,
      components: {
        tokenizer: {
          language: "chinese",
          normalizationCache: new Map(),
          tokenize: (raw: string) => segmented.get(raw) ?? tokenize(raw),
        },
      },
    });
  }

  return {
    kind: "embedded",

    async configure(name, definition, dictionary) {
      const existing = indexes.get(name);
      if (existing && JSON.stringify(existing.definition) === JSON.stringify(definition)) {
        existing.dictionary = dictionary;
        return;
      }
      indexes.set(name, emptyIndex(build(definition), definition, dictionary));
    },

    async upsert(name, documents) {
      const index = get(name);
      const replaced = documents
        .filter((document) => index.documentWords.has(document.id))
        .map((document) => document.id);
      await removeAll(index.db, replaced);
      for (const id of replaced) forget(index, id);
      const words = documents.map((document) => searchableWords(document, index.definition));
      const pinyin = words.map((list) => {
        const spelled = [
          ...new Set(list.map((word) => spell(index, word)).filter((word) => word !== undefined)),
        ];
        const text = spelled.join(" ");
        segmented.set(text, spelled);
        return text;
      });
      try {
        await insertMultiple(
          index.db,
          documents.map((document, i) => normalise(document, index.definition, pinyin[i]!)) as never,
        );
      } finally {
        segmented.clear();
      }
      documents.forEach((document, i) => register(index, document.id, words[i]!));
      // After the last await: a search made in between may have cached columns of the old state.
      index.version += 1;
    },

    async remove(name, ids) {
      const index = get(name);
      const present = ids.filter((id) => index.documentWords.has(id));
      await removeAll(index.db, present);
      for (const id of present) forget(index, id);
      index.version += 1;
    },

    async clear(name) {
      const index = get(name);
      indexes.set(name, emptyIndex(build(index.definition), index.definition, index.dictionary));
    },

    async search(name, request: SearchRequest): Promise<SearchResponse> {
      const index = get(name);
      const { definition } = index;
      const expanded = expandQuery(request.q.trimStart(), index.dictionary, index);
      const typed = withoutCommonWords(
        expanded.filter((word) => word.weight >= 1).map((word) => word.word),
        index.documentFrequency,
        index.documentWords.size,
      );
      // Widened words held by most documents cost a pass over them all and add nothing a typed word does not.
      const rare = new Set(
        withoutCommonWords(
          expanded.map((word) => word.word),
          index.documentFrequency,
          index.documentWords.size,
        ),
      );
      const words = expanded.filter((word) =>
        word.weight >= 1 ? typed.includes(word.word) : rare.has(word.word),
      );
      // As in Meilisearch, the last word typed may be unfinished: it also matches longer words.
      const last = /\s$/.test(request.q) ? undefined : tokenize(request.q.slice(0, 200)).at(-1);
      if (request.sort && !definition.sortable.includes(request.sort.field))
        throw new Error(`"${request.sort.field}" is not sortable`);
      for (const facet of request.facets ?? [])
        if (!definition.filterable.includes(facet)) throw new Error(`"${facet}" is not a facet`);
      // Any word may match; documents matching more of the query's concepts (and in earlier fields) rank higher.
      const result = runQuery(index.db, {
        words: words.map((word) => ({ ...word, prefix: word.word === last })),
        boost: fieldBoosts(definition),
        where: whereOf(request.filters, definition),
        sort: request.sort
          ? { property: request.sort.field, order: request.sort.direction === "asc" ? "ASC" : "DESC" }
          : undefined,
        facets: request.facets ?? [],
        version: index.version,
        offset: request.offset ?? 0,
        limit: request.limit ?? 20,
      });
      return { hits: result.ids.map((id) => ({ id })), total: result.total, facets: result.facets };
    },
  };
}
