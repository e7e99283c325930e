import {
  Meilisearch,
  MeilisearchApiError,
  MeilisearchRequestError,
  MeilisearchTaskTimeOutError,
  type EnqueuedTaskPromise,
  type SearchParams,
  type Settings,
} from "meilisearch";
import type {
  Filter,
  FilterScalar,
  IndexDefinition,
  IndexName,
  SearchEngine,
  SearchRequest,
  SearchResponse,
  SynonymGroups,
} from "./search.types";

/*
 * The Meilisearch side of the search port. The builders below are pure so their output can be
 * checked against Meilisearch's documented API without a server:
 *   settings  https://www.meilisearch.com/docs/reference/api/settings
 *   filters   https://www.meilisearch.com/docs/learn/filtering_and_sorting/filter_expression_reference
 *   search    https://www.meilisearch.com/docs/reference/api/search
 */

export const RANKING_RULES = ["words", "typo", "proximity", "attribute", "sort", "exactness"] as const;

/** Meilisearch's own defaults are 5 and 9; Latin product names and pinyin are short. */
export const MIN_WORD_SIZE_FOR_TYPOS = { oneTypo: 4, twoTypos: 8 } as const;

/**
 * Meilisearch ignores every query word after the 10th
 * (https://www.meilisearch.com/docs/resources/help/known_limitations). 200 characters hold ten
 * words in any language we see, keep the request small and match the embedded engine's cap.
 */
export const MAX_QUERY_CHARS = 200;

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

/**
 * Synonyms in Meilisearch's map form: every word of a group maps to the other words of its
 * group (a mutual association). A word in two groups maps to the words of both.
 */
export function meiliSynonyms(groups: SynonymGroups): Record<string, string[]> {
  const map = new Map<string, Set<string>>();
  for (const group of groups) {
    for (const word of group) {
      const others = map.get(word) ?? new Set<string>();
      for (const other of group) if (other !== word) others.add(other);
      map.set(word, others);
    }
  }
  return Object.fromEntries([...map].map(([word, others]) => [word, [...others]]));
}

/** The body of `PATCH /indexes/{uid}/settings`. */
export function meiliSettings(definition: IndexDefinition, synonyms: SynonymGroups): Settings {
  const searchable = definition.searchable.map(field);
  return {
    searchableAttributes: searchable,
    filterableAttributes: definition.filterable.map(field),
    sortableAttributes: definition.sortable.map(field),
    rankingRules: [...RANKING_RULES],
    typoTolerance: {
      enabled: true,
      minWordSizeForTypos: { ...MIN_WORD_SIZE_FOR_TYPOS },
      // Meilisearch counts a typo per character and sizes words in characters. jieba cuts
      // Chinese into words of 2–3 characters, below oneTypo, so they are never typo-matched; a
      // 4-character word would be (日光温室 ≈ 日光浴室), so the Chinese words we know to be
      // domain terms — those of the synonym groups — are matched exactly. Typos are NOT disabled
      // on whole text attributes: Latin names (shiitake, Fuji apple) sit in the same fields as
      // Chinese and must stay forgiving. Only single-keyword attributes (codes, enums) that
      // are made searchable are exact, because a near code is another thing.
      disableOnWords: [...new Set(synonyms.flat())].filter(
        (word) => HAN.test(word) && [...word].length >= MIN_WORD_SIZE_FOR_TYPOS.oneTypo,
      ),
      disableOnAttributes: searchable.filter((name) => definition.fieldTypes?.[name] === "keyword"),
    },
    synonyms: meiliSynonyms(synonyms),
    // Short texts made only of Han characters can be detected as Japanese and cut with the
    // Japanese segmenter; telling Meilisearch the languages (Mandarin and English) keeps jieba.
    localizedAttributes:
      searchable.length > 0 ? [{ attributePatterns: searchable, locales: ["cmn", "eng"] }] : [],
    pagination: { maxTotalHits: MAX_TOTAL_HITS },
    faceting: { maxValuesPerFacet: MAX_VALUES_PER_FACET },
  };
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

/** The body of `POST /indexes/{uid}/search`. */
export function meiliSearchParams(request: SearchRequest): SearchParams & { q: string } {
  // Lone surrogates (a cut emoji) are invalid in the JSON Meilisearch parses: drop them.
  const q = Array.from(
    String(request.q ?? "")
      .replace(LONE_SURROGATE, "")
      .trim(),
  )
    .slice(0, MAX_QUERY_CHARS)
    .join("")
    .trim();
  const params: SearchParams & { q: string } = {
    q,
    limit: wholeNumber(request.limit, DEFAULT_LIMIT, MAX_LIMIT),
    offset: wholeNumber(request.offset, 0, MAX_TOTAL_HITS),
    attributesToRetrieve: ["id"],
  };
  const filter = meiliFilter(request.filters ?? []);
  if (filter !== undefined) params.filter = filter;
  if (request.facets && request.facets.length > 0) params.facets = request.facets.map(field);
  if (request.sort)
    params.sort = [`${field(request.sort.field)}:${request.sort.direction === "desc" ? "desc" : "asc"}`];
  return params;
}

export interface MeiliEngineOptions {
  host: string;
  apiKey?: string;
  /** Index uid = prefix + index name, so several apps (or test runs) share one server. */
  prefix?: string;
  /** How long to wait for an enqueued task; settings changes re-index and can take a while. */
  taskTimeoutMs?: number;
  /** Per-request timeout. */
  requestTimeoutMs?: number;
}

/** Meilisearch API and network failures as errors a log reader understands (never the key). */
function explain(action: string, uid: string, error: unknown): Error {
  if (error instanceof MeilisearchApiError) {
    const code = error.cause?.code ? ` [${error.cause.code}]` : "";
    return new Error(`Meilisearch could not ${action} on index "${uid}": ${error.message}${code}`, {
      cause: error,
    });
  }
  if (error instanceof MeilisearchRequestError)
    return new Error(`Meilisearch is unreachable (${action} on index "${uid}"): ${error.message}`, {
      cause: error,
    });
  if (error instanceof MeilisearchTaskTimeOutError)
    return new Error(`Meilisearch did not finish "${action}" on index "${uid}" in time`, { cause: error });
  return error instanceof Error ? error : new Error(String(error));
}

/** The SearchEngine backed by a Meilisearch server through the official client. */
export function createMeiliEngine(options: MeiliEngineOptions): SearchEngine {
  const prefix = options.prefix ?? "xiangke_";
  if (!/^[A-Za-z0-9_-]*$/.test(prefix))
    throw new Error(`search index prefix "${prefix}" may hold only letters, digits, "-" and "_"`);
  const client = new Meilisearch({
    host: options.host,
    apiKey: options.apiKey,
    timeout: options.requestTimeoutMs ?? 10_000,
  });
  const waitOptions = { timeout: options.taskTimeoutMs ?? 60_000, interval: 50 };
  const uidOf = (index: IndexName) => `${prefix}${index}`;

  /** Enqueues a write and waits until Meilisearch has applied it, so a search right after sees it. */
  async function settle(
    action: string,
    uid: string,
    enqueue: () => EnqueuedTaskPromise,
    tolerate?: string,
  ): Promise<void> {
    let task;
    try {
      task = await enqueue().waitTask(waitOptions);
    } catch (error) {
      throw explain(action, uid, error);
    }
    if (task.status === "succeeded" || (tolerate && task.error?.code === tolerate)) return;
    const reason = task.error ? `: ${task.error.message} [${task.error.code}]` : "";
    throw new Error(
      `Meilisearch could not ${action} on index "${uid}": task ${task.uid} ${task.status}${reason}`,
    );
  }

  async function exists(uid: string): Promise<boolean> {
    try {
      await client.getRawIndex(uid);
      return true;
    } catch (error) {
      if (error instanceof MeilisearchApiError && error.response.status === 404) return false;
      throw explain("look up the index", uid, error);
    }
  }

  return {
    kind: "meilisearch",

    async configure(index, definition, dictionary) {
      const uid = uidOf(index);
      const settings = meiliSettings(definition, dictionary.synonyms);
      // Another process may create it between the look-up and the creation: that is fine.
      if (!(await exists(uid)))
        await settle(
          "create the index",
          uid,
          () => client.createIndex(uid, { primaryKey: "id" }),
          "index_already_exists",
        );
      await settle("update settings", uid, () => client.index(uid).updateSettings(settings));
    },

    async upsert(index, documents) {
      if (documents.length === 0) return;
      const uid = uidOf(index);
      // POST replaces a document with the same id as a whole (PUT would merge fields).
      await settle("add documents", uid, () => client.index(uid).addDocuments([...documents]));
    },

    async remove(index, ids) {
      if (ids.length === 0) return;
      const uid = uidOf(index);
      await settle("delete documents", uid, () => client.index(uid).deleteDocuments([...ids]));
    },

    async clear(index) {
      const uid = uidOf(index);
      await settle("delete all documents", uid, () => client.index(uid).deleteAllDocuments());
    },

    async search(index, request): Promise<SearchResponse> {
      const uid = uidOf(index);
      // Built before any request: an invalid field or value throws here, never at Meilisearch.
      const { q, ...params } = meiliSearchParams(request);
      let result;
      try {
        result = await client.index(uid).search<{ id: string }>(q, params);
      } catch (error) {
        throw explain("search", uid, error);
      }
      const distribution = result.facetDistribution ?? {};
      // offset/limit answers carry estimatedTotalHits; page/hitsPerPage answers carry totalHits.
      const counts: { estimatedTotalHits?: number; totalHits?: number } = result;
      return {
        hits: result.hits.map((hit) => ({ id: String(hit.id) })),
        total: counts.estimatedTotalHits ?? counts.totalHits ?? result.hits.length,
        facets: Object.fromEntries((params.facets ?? []).map((facet) => [facet, { ...distribution[facet] }])),
      };
    },
  };
}
