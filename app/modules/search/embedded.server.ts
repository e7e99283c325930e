import { create, insertMultiple, removeMultiple, search, type AnyOrama } from "@orama/orama";
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
  SynonymGroups,
} from "./search.types";
import { expandQuery, LATIN } from "./query.server";
import { tokenize } from "./tokenizer.server";

const ORAMA_TYPE: Record<FieldType, string> = {
  text: "string",
  keyword: "enum",
  keywords: "enum[]",
  number: "number",
  boolean: "boolean",
};


interface Index {
  db: AnyOrama;
  definition: IndexDefinition;
  synonyms: SynonymGroups;
  /** Latin words in the index, for typo correction of Latin and pinyin query words. */
  latinWords: Map<string, number>;
  ids: Set<string>;
}

function whereOf(filters: readonly Filter[] | undefined, definition: IndexDefinition) {
  const where: Record<string, unknown> = {};
  for (const filter of filters ?? []) {
    const type = definition.fieldTypes?.[filter.field];
    if (!type || !definition.filterable.includes(filter.field)) throw new Error(`"${filter.field}" is not a filterable field`);
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
      if (filter.op !== "eq" || typeof filter.value !== "boolean") throw new Error(`"${filter.field}" takes true or false`);
      where[filter.field] = filter.value;
    } else if (type === "number") {
      where[filter.field] = filter.op === "eq" ? { eq: Number(filter.value) } : { between: [Math.min(...filter.values.map(Number)), Math.max(...filter.values.map(Number))] };
    } else {
      where[filter.field] = filter.op === "eq" ? { eq: filter.value } : { in: [...filter.values] };
    }
  }
  return where;
}

/** Orama wants every schema field present; missing values become neutral ones. */
function normalise(document: SearchDocument, definition: IndexDefinition): Record<string, unknown> {
  const out: Record<string, unknown> = { id: document.id };
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
    if (!definition.fieldTypes) throw new Error("the embedded engine needs fieldTypes in the index definition");
    const schema: Record<string, string> = { id: "string" };
    for (const [field, type] of Object.entries(definition.fieldTypes)) {
      // Searchable lists are full-text (string[]); filterable lists are exact keywords (enum[]).
      schema[field] = definition.searchable.includes(field) && type === "keywords" ? "string[]" : ORAMA_TYPE[type];
    }
    return create({
      schema: schema as never,
      components: { tokenizer: { language: "chinese", normalizationCache: new Map(), tokenize: (raw: string) => tokenize(raw) } },
    });
  }

  return {
    kind: "embedded",

    async configure(name, definition, synonyms) {
      const existing = indexes.get(name);
      if (existing && JSON.stringify(existing.definition) === JSON.stringify(definition)) {
        existing.synonyms = synonyms;
        return;
      }
      indexes.set(name, { db: build(definition), definition, synonyms, latinWords: new Map(), ids: new Set() });
    },

    async upsert(name, documents) {
      const index = get(name);
      const replaced = documents.filter((document) => index.ids.has(document.id)).map((document) => document.id);
      if (replaced.length) await removeMultiple(index.db, replaced);
      await insertMultiple(index.db, documents.map((document) => normalise(document, index.definition)) as never);
      for (const document of documents) {
        index.ids.add(document.id);
        for (const field of index.definition.searchable) {
          const value = document[field];
          const text = Array.isArray(value) ? value.join(" ") : typeof value === "string" ? value : "";
          for (const word of tokenize(text)) if (LATIN.test(word)) index.latinWords.set(word, (index.latinWords.get(word) ?? 0) + 1);
        }
      }
    },

    async remove(name, ids) {
      const index = get(name);
      const present = ids.filter((id) => index.ids.has(id));
      if (present.length) await removeMultiple(index.db, present);
      for (const id of present) index.ids.delete(id);
    },

    async clear(name) {
      const index = get(name);
      indexes.set(name, { db: build(index.definition), definition: index.definition, synonyms: index.synonyms, latinWords: new Map(), ids: new Set() });
    },

    async search(name, request: SearchRequest): Promise<SearchResponse> {
      const index = get(name);
      const { definition } = index;
      const words = expandQuery(request.q.trim(), index.synonyms, index.latinWords);
      if (request.sort && !definition.sortable.includes(request.sort.field)) throw new Error(`"${request.sort.field}" is not sortable`);
      for (const facet of request.facets ?? []) if (!definition.filterable.includes(facet)) throw new Error(`"${facet}" is not a facet`);
      const boost = Object.fromEntries(definition.searchable.map((field, i) => [field, Math.max(1, definition.searchable.length - i)]));
      const result = await search(index.db, {
        term: words.join(" "),
        properties: [...definition.searchable] as never,
        // Any word may match; documents matching more words (and in earlier fields) rank higher.
        threshold: 1,
        boost: boost as never,
        where: whereOf(request.filters, definition) as never,
        facets: Object.fromEntries((request.facets ?? []).map((facet) => [facet, { limit: 100 }])) as never,
        sortBy: request.sort ? { property: request.sort.field, order: request.sort.direction === "asc" ? "ASC" : "DESC" } as never : undefined,
        limit: request.limit ?? 20,
        offset: request.offset ?? 0,
      });
      const facets: Record<string, Record<string, number>> = {};
      for (const [field, facet] of Object.entries(result.facets ?? {})) facets[field] = { ...(facet as { values: Record<string, number> }).values };
      return { hits: result.hits.map((hit) => ({ id: hit.id })), total: result.count, facets };
    },
  };
}

