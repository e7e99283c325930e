import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  MAX_QUERY_CHARS,
  createMeiliEngine,
  meiliDictionarySynonyms,
  meiliFilter,
  meiliPage,
  meiliSearchParams,
  meiliSettings,
  meiliSynonyms,
  versionAtLeast,
} from "./meilisearch.server";
import { SearchEngineBusyError, type IndexDefinition, type SearchDocument } from "./search.types";
import { STOP_WORDS } from "./stop-words";

const DEFINITION: IndexDefinition = {
  fieldTypes: {
    title: "text",
    code: "keyword",
    tags: "keywords",
    industry: "keyword",
    budgetMaxFen: "number",
    publishedAt: "number",
    verified: "boolean",
  },
  searchable: ["title", "tags", "code"],
  filterable: ["industry", "budgetMaxFen", "verified"],
  sortable: ["budgetMaxFen", "publishedAt"],
};
const GROUPS = [
  ["光伏", "太阳能发电", "光伏发电"],
  ["苹果", "apple"],
  ["apple", "fuji"],
];
const DICTIONARY = {
  synonyms: GROUPS,
  broader: [["富士", ["苹果"]]] as const,
  colloquial: [["叶子发黄", ["黄化病", "缺素症"]]] as const,
  words: [...GROUPS.flat(), "富士", "叶子发黄", "黄化病", "缺素症", "水肥一体化"],
};

/**
 * Reads a double-quoted filter value the way Meilisearch's filter parser does
 * (crates/filter-parser/src/value.rs: `quoted_by` skips the character after each backslash and
 * stops at the first unescaped quote, then `\"` becomes `"` and `\\` becomes `\`).
 * Returns the value and where the closing quote is.
 */
function readQuoted(expression: string, open: number): { value: string; close: number } {
  expect(expression[open]).toBe('"');
  let i = open + 1;
  while (i < expression.length && expression[i] !== '"') i += expression[i] === "\\" ? 2 : 1;
  const raw = expression.slice(open + 1, i);
  return { value: raw.replace(/\\"/g, '"').replace(/\\\\/g, "\\"), close: i };
}

describe("meiliSettings", () => {
  it("builds the whole settings payload in Meilisearch's documented shape", () => {
    expect(meiliSettings(DEFINITION, DICTIONARY, ["的", "怎么办"])).toEqual({
      // The pinyin of every document is searched, after every field of the definition.
      searchableAttributes: ["title", "tags", "code", "_pinyin"],
      filterableAttributes: ["industry", "budgetMaxFen", "verified"],
      sortableAttributes: ["budgetMaxFen", "publishedAt"],
      // "sort" first: a sorted request is ordered by the sort alone, as in the embedded engine.
      rankingRules: ["sort", "words", "typo", "proximity", "attribute", "exactness"],
      typoTolerance: {
        enabled: true,
        minWordSizeForTypos: { oneTypo: 4, twoTypos: 8 },
        disableOnNumbers: true,
        disableOnWords: ["太阳能发电", "光伏发电", "叶子发黄", "水肥一体化"],
        disableOnAttributes: ["code"],
      },
      synonyms: {
        光伏: ["太阳能发电", "光伏发电"],
        太阳能发电: ["光伏", "光伏发电"],
        光伏发电: ["光伏", "太阳能发电"],
        苹果: ["apple", "富士"],
        apple: ["苹果", "fuji"],
        fuji: ["apple"],
        富士: ["苹果"],
        叶子发黄: ["黄化病", "缺素症"],
      },
      stopWords: ["的", "怎么办"],
      dictionary: [...GROUPS.flat(), "富士", "叶子发黄", "黄化病", "缺素症", "水肥一体化"],
      localizedAttributes: [{ attributePatterns: ["title", "tags", "code"], locales: ["cmn", "eng"] }],
      pagination: { maxTotalHits: 10_000 },
      faceting: { maxValuesPerFacet: 100 },
    });
  });

  it("maps every word of a synonym group to the others, never to itself", () => {
    const map = meiliSynonyms([["大棚", "温室", "日光温室"]]);
    for (const [word, others] of Object.entries(map)) {
      expect(others).not.toContain(word);
      expect(others).toHaveLength(2);
    }
  });

  it("sends the shared stop-word list by default", () => {
    const settings = meiliSettings(DEFINITION, DICTIONARY);
    expect(settings.stopWords).toEqual([...STOP_WORDS]);
    expect(settings.stopWords).toEqual(expect.arrayContaining(["的", "怎么", "技术"]));
  });

  it("makes broader terms and colloquial phrases one-way synonyms, groups two-way", () => {
    const map = meiliDictionarySynonyms({
      synonyms: [["番茄", "西红柿"]],
      broader: [
        ["连翘", ["中药材"]],
        ["丹参", ["中药材"]],
      ],
      colloquial: [["烂根", ["根腐病"]]],
      words: [],
    });
    expect(map).toEqual({
      番茄: ["西红柿"],
      西红柿: ["番茄"],
      连翘: ["中药材"],
      丹参: ["中药材"],
      中药材: ["连翘", "丹参"],
      烂根: ["根腐病"],
    });
    // The disease term does not turn every root-rot need into a match for the phrase's words.
    expect(map["根腐病"]).toBeUndefined();
  });

  it("refuses attribute names the engine could misread", () => {
    expect(() => meiliSettings({ ...DEFINITION, filterable: ["industry = x"] }, DICTIONARY)).toThrow(
      /not a field name/,
    );
  });
});

describe("meiliFilter", () => {
  it("writes each kind of condition joined by AND", () => {
    expect(meiliFilter([])).toBeUndefined();
    expect(
      meiliFilter([
        { field: "industry", op: "eq", value: "PLANTING" },
        { field: "counties", op: "in", values: ["410325", "410324"] },
        { field: "budgetMaxFen", op: "range", min: 500_000, max: 1_000_000 },
        { field: "verified", op: "eq", value: false },
        { field: "rating.users", op: "eq", value: -2.5 },
      ]),
    ).toBe(
      'industry = "PLANTING" AND counties IN ["410325", "410324"] AND budgetMaxFen >= 500000 AND budgetMaxFen <= 1000000 AND verified = false AND rating.users = -2.5',
    );
  });

  it("writes half-open ranges and leaves out a range with no bound", () => {
    expect(meiliFilter([{ field: "price", op: "range", min: 0 }])).toBe("price >= 0");
    expect(meiliFilter([{ field: "price", op: "range", max: 1e21 }])).toBe("price <= 1e21");
    expect(meiliFilter([{ field: "price", op: "range" }])).toBeUndefined();
    expect(meiliFilter([{ field: "ids", op: "in", values: [] }])).toBe("ids IN []");
  });

  it("keeps hostile string values literal inside one quoted value", () => {
    const hostile = [
      'PLANTING" OR industry = "SOLAR_WIND',
      '"] OR id EXISTS',
      "back\\slash\\",
      '\\"',
      '\\\\"\\',
      "line\nbreak\r\ttab",
      "🍄🌾 emoji",
      "' OR 1=1 --",
      "x".repeat(10_240),
      "",
    ];
    for (const value of hostile) {
      const expression = meiliFilter([{ field: "industry", op: "eq", value }])!;
      expect(expression.startsWith("industry = ")).toBe(true);
      const { value: read, close } = readQuoted(expression, "industry = ".length);
      expect(read).toBe(value);
      expect(close).toBe(expression.length - 1);
    }
    const list = meiliFilter([{ field: "tags", op: "in", values: ['a"]', "b\\"] }])!;
    const first = readQuoted(list, "tags IN [".length);
    expect(first.value).toBe('a"]');
    const second = readQuoted(list, first.close + 3);
    expect(second.value).toBe("b\\");
    expect(list.slice(second.close + 1)).toBe("]");
  });

  it("refuses numbers JSON cannot carry and field names outside the safe pattern", () => {
    expect(() => meiliFilter([{ field: "price", op: "eq", value: Number.NaN }])).toThrow(/finite/);
    expect(() => meiliFilter([{ field: "price", op: "range", min: Number.POSITIVE_INFINITY }])).toThrow(
      /finite/,
    );
    expect(() => meiliFilter([{ field: "price", op: "in", values: [1, Number.NEGATIVE_INFINITY] }])).toThrow(
      /finite/,
    );
    for (const name of [
      "",
      "a b",
      "industry = x",
      "x]",
      'x"',
      "AND",
      "NOT",
      "_geoRadius",
      "1abc",
      "a..b",
      "名字",
    ]) {
      expect(() => meiliFilter([{ field: name, op: "eq", value: 1 }])).toThrow(/not a field name/);
    }
  });
});

describe("meiliSearchParams", () => {
  it("builds the search body with filter, facets, sort and paging", () => {
    expect(
      meiliSearchParams({
        q: "  香菇 菌棒  ",
        filters: [{ field: "industry", op: "eq", value: "PLANTING" }],
        facets: ["industry"],
        sort: { field: "publishedAt", direction: "desc" },
        limit: 5,
        offset: 10,
      }),
    ).toEqual({
      q: "香菇 菌棒  ",
      filter: 'industry = "PLANTING"',
      facets: ["industry"],
      sort: ["publishedAt:desc"],
      page: 3,
      hitsPerPage: 5,
      skip: 0,
      matchingStrategy: "frequency",
      attributesToRetrieve: ["id"],
    });
    expect(meiliSearchParams({ q: "" })).toEqual({
      q: "",
      page: 1,
      hitsPerPage: 20,
      skip: 0,
      matchingStrategy: "frequency",
      attributesToRetrieve: ["id"],
    });
  });

  it("trims the query at the start only, so a trailing space still ends a whole word", () => {
    expect(meiliSearchParams({ q: "strawb" }).q).toBe("strawb");
    expect(meiliSearchParams({ q: " \tstrawb " }).q).toBe("strawb ");
    expect(meiliSearchParams({ q: "   " }).q).toBe("");
  });

  it("asks for pages, never offset/limit, so the total is exact", () => {
    expect(meiliPage(20, 0)).toEqual({ page: 1, hitsPerPage: 20, skip: 0 });
    expect(meiliPage(20, 40)).toEqual({ page: 3, hitsPerPage: 20, skip: 0 });
    // An offset between pages: one page from the start, the first hits skipped.
    expect(meiliPage(2, 1)).toEqual({ page: 1, hitsPerPage: 3, skip: 1 });
    expect(meiliPage(0, 7)).toEqual({ page: 1, hitsPerPage: 0, skip: 0 });
    for (const request of [{ q: "", limit: 7, offset: 3 }, { q: "x" }, { q: "", limit: 0 }]) {
      const params = meiliSearchParams(request);
      expect(params).not.toHaveProperty("offset");
      expect(params).not.toHaveProperty("limit");
    }
  });

  it("compares server versions by number, not as text", () => {
    expect(versionAtLeast("1.15.0", "1.15.0")).toBe(true);
    expect(versionAtLeast("1.16.2", "1.15.0")).toBe(true);
    expect(versionAtLeast("2.0.0", "1.15.0")).toBe(true);
    expect(versionAtLeast("1.9.3", "1.15.0")).toBe(false);
    expect(versionAtLeast("1.14.9", "1.15.0")).toBe(false);
    expect(versionAtLeast("1.15.0-rc.1", "1.15.0")).toBe(true);
  });

  it("caps long queries by characters without splitting an emoji or keeping a lone surrogate", () => {
    expect(meiliSearchParams({ q: "x".repeat(10_000) }).q).toHaveLength(MAX_QUERY_CHARS);
    const emoji = meiliSearchParams({ q: "🍄".repeat(300) }).q;
    expect(Array.from(emoji)).toHaveLength(MAX_QUERY_CHARS);
    expect(emoji).toBe("🍄".repeat(MAX_QUERY_CHARS));
    expect(meiliSearchParams({ q: "a\uD83Cb" }).q).toBe("ab");
  });

  it("keeps limit and offset whole and in range", () => {
    expect(meiliSearchParams({ q: "", limit: -3, offset: -1 })).toMatchObject({ page: 1, hitsPerPage: 0 });
    expect(meiliSearchParams({ q: "", limit: 2.7, offset: Number.NaN })).toMatchObject({
      page: 1,
      hitsPerPage: 2,
    });
    expect(meiliSearchParams({ q: "", limit: 1e9, offset: 1e9 })).toMatchObject({
      page: 11,
      hitsPerPage: 1_000,
    });
  });

  it("refuses facet and sort fields outside the safe pattern", () => {
    expect(() => meiliSearchParams({ q: "", facets: ["industry, id"] })).toThrow(/not a field name/);
    expect(() =>
      meiliSearchParams({ q: "", sort: { field: "publishedAt:asc,id", direction: "desc" } }),
    ).toThrow(/not a field name/);
  });
});

/*
 * A stand-in that answers like Meilisearch, to check the requests the official client sends.
 * Shapes from https://www.meilisearch.com/docs/reference/api/indexes (POST /indexes with uid
 * and primaryKey), .../reference/api/settings (PATCH /indexes/{uid}/settings),
 * .../reference/api/documents (POST /indexes/{uid}/documents, POST .../documents/delete-batch,
 * DELETE .../documents), .../reference/api/tasks (summarized task object, GET /tasks/{uid})
 * and .../reference/api/search (POST /indexes/{uid}/search).
 */
interface Recorded {
  method: string;
  path: string;
  body: unknown;
  authorization: string | undefined;
}

describe("createMeiliEngine against a Meilisearch stand-in", () => {
  let server: Server;
  let host: string;
  const requests: Recorded[] = [];
  const indexes = new Set<string>();
  const tasks = new Map<number, { indexUid: string | null; type: string; failed: boolean }>();
  /** Document ids per index, so stats and swaps answer as Meilisearch would. */
  const documentIds = new Map<string, Set<string>>();
  /** Writes to this index fail as Meilisearch reports a failed task; searches answer 400. */
  const BROKEN = "t_services";
  /** Tasks on this index stay enqueued, as in a busy queue. */
  const SLOW = "t_experts";
  let serverVersion = "1.15.2";
  const idsOf = (uid: string) => {
    if (!documentIds.has(uid)) documentIds.set(uid, new Set());
    return documentIds.get(uid)!;
  };

  async function readBody(request: IncomingMessage): Promise<unknown> {
    let text = "";
    for await (const chunk of request) text += chunk;
    return text === "" ? undefined : JSON.parse(text);
  }

  beforeAll(async () => {
    server = createServer(async (request, response) => {
      const body = await readBody(request);
      const method = request.method ?? "";
      const path = request.url ?? "";
      requests.push({ method, path, body, authorization: request.headers.authorization });
      const send = (status: number, payload: unknown) => {
        response.writeHead(status, { "Content-Type": "application/json" });
        response.end(JSON.stringify(payload));
      };
      const enqueue = (indexUid: string | null, type: string) => {
        const taskUid = tasks.size;
        tasks.set(taskUid, { indexUid, type, failed: indexUid === BROKEN });
        if (type === "indexCreation" && indexUid) indexes.add(indexUid);
        if (type === "indexDeletion" && indexUid) {
          indexes.delete(indexUid);
          documentIds.delete(indexUid);
        }
        send(202, { taskUid, indexUid, status: "enqueued", type, enqueuedAt: "2025-01-01T00:00:00Z" });
      };
      let match: RegExpMatchArray | null;
      if (path === "/version" && method === "GET")
        return send(200, { commitSha: "x", commitDate: "2025-06-09T00:00:00Z", pkgVersion: serverVersion });
      if (path === "/swap-indexes" && method === "POST") {
        for (const { indexes: pair } of body as { indexes: [string, string] }[]) {
          const [a, b] = [idsOf(pair[0]), idsOf(pair[1])];
          documentIds.set(pair[0], b);
          documentIds.set(pair[1], a);
        }
        return enqueue(null, "indexSwap");
      }
      if ((match = path.match(/^\/indexes\/([^/]+)\/stats$/)) && method === "GET") {
        if (!indexes.has(match[1]))
          return send(404, {
            message: "not found",
            code: "index_not_found",
            type: "invalid_request",
            link: "",
          });
        return send(200, {
          numberOfDocuments: idsOf(match[1]).size,
          isIndexing: false,
          fieldDistribution: {},
        });
      }
      if ((match = path.match(/^\/indexes\/([^/]+)$/)) && method === "DELETE")
        return enqueue(match[1], "indexDeletion");
      if ((match = path.match(/^\/tasks\/(\d+)$/)) && method === "GET") {
        const task = tasks.get(Number(match[1]));
        if (!task)
          return send(404, {
            message: "Task not found.",
            code: "task_not_found",
            type: "invalid_request",
            link: "",
          });
        return send(200, {
          uid: Number(match[1]),
          batchUid: 0,
          indexUid: task.indexUid,
          type: task.type,
          canceledBy: null,
          details: {},
          duration: "PT0.001S",
          enqueuedAt: "2025-01-01T00:00:00Z",
          startedAt: "2025-01-01T00:00:00Z",
          finishedAt: "2025-01-01T00:00:00Z",
          status: task.indexUid === SLOW ? "enqueued" : task.failed ? "failed" : "succeeded",
          error: task.failed
            ? {
                message: "Invalid value at `.rankingRules`.",
                code: "invalid_settings_ranking_rules",
                type: "invalid_request",
                link: "",
              }
            : null,
        });
      }
      if (path === "/indexes" && method === "POST")
        return enqueue((body as { uid: string }).uid, "indexCreation");
      if ((match = path.match(/^\/indexes\?offset=(\d+)&limit=(\d+)$/)) && method === "GET") {
        // GET /indexes: a page of index objects with the total (reference/api/indexes#list-all-indexes).
        const [offset, limit] = [Number(match[1]), Number(match[2])];
        const results = [...indexes].slice(offset, offset + limit).map((uid) => ({
          uid,
          primaryKey: "id",
          createdAt: "2025-01-01T00:00:00Z",
          updatedAt: "2025-01-01T00:00:00Z",
        }));
        return send(200, { results, offset, limit, total: indexes.size });
      }
      if ((match = path.match(/^\/indexes\/([^/]+)$/)) && method === "GET") {
        if (!indexes.has(match[1]))
          return send(404, {
            message: `Index \`${match[1]}\` not found.`,
            code: "index_not_found",
            type: "invalid_request",
            link: "",
          });
        return send(200, {
          uid: match[1],
          primaryKey: "id",
          createdAt: "2025-01-01T00:00:00Z",
          updatedAt: "2025-01-01T00:00:00Z",
        });
      }
      if ((match = path.match(/^\/indexes\/([^/]+)\/settings$/)) && method === "PATCH")
        return enqueue(match[1], "settingsUpdate");
      if ((match = path.match(/^\/indexes\/([^/]+)\/documents$/)) && method === "POST") {
        for (const document of body as { id: string }[]) idsOf(match[1]).add(document.id);
        return enqueue(match[1], "documentAdditionOrUpdate");
      }
      if ((match = path.match(/^\/indexes\/([^/]+)\/documents\/delete-batch$/)) && method === "POST") {
        for (const id of body as string[]) idsOf(match[1]).delete(id);
        return enqueue(match[1], "documentDeletion");
      }
      if ((match = path.match(/^\/indexes\/([^/]+)\/documents$/)) && method === "DELETE") {
        idsOf(match[1]).clear();
        return enqueue(match[1], "documentDeletion");
      }
      if ((match = path.match(/^\/indexes\/([^/]+)\/search$/)) && method === "POST") {
        if (match[1] === BROKEN)
          return send(400, {
            message: "Attribute `nope` is not sortable.",
            code: "invalid_search_sort",
            type: "invalid_request",
            link: "",
          });
        const { q, page, hitsPerPage } = body as { q: string; page?: number; hitsPerPage?: number };
        const hits = [{ id: "a" }, { id: "b" }, { id: "c" }].slice(0, hitsPerPage ?? 20);
        const shared = { facetDistribution: { industry: { PLANTING: 3 } }, processingTimeMs: 1, query: q };
        // As documented: page/hitsPerPage answers carry totalHits, offset/limit ones estimatedTotalHits.
        return send(
          200,
          page === undefined
            ? { ...shared, hits, estimatedTotalHits: 1000, limit: 20, offset: 0 }
            : { ...shared, hits, totalHits: 3, hitsPerPage, page, totalPages: 1 },
        );
      }
      send(404, { message: "no such route", code: "not_found", type: "invalid_request", link: "" });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    host = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise<void>((resolve, reject) =>
      server.close((error) => (error ? reject(error) : resolve())),
    );
  });

  beforeEach(() => {
    requests.length = 0;
  });

  const engine = () => createMeiliEngine({ host, apiKey: "test-key", prefix: "t_" });
  const writes = () => requests.filter((request) => !request.path.startsWith("/tasks/"));

  it("creates a missing index with primary key id, then applies the settings, waiting for each task", async () => {
    const search = engine();
    await search.configure("needs", DEFINITION, DICTIONARY);
    expect(requests.map(({ method, path }) => `${method} ${path}`)).toEqual([
      "GET /version",
      "GET /indexes/t_needs",
      "POST /indexes",
      `GET /tasks/${tasks.size - 2}`,
      "PATCH /indexes/t_needs/settings",
      `GET /tasks/${tasks.size - 1}`,
    ]);
    expect(requests[2].body).toEqual({ uid: "t_needs", primaryKey: "id" });
    expect(requests[4].body).toEqual(meiliSettings(DEFINITION, DICTIONARY));
    expect(requests.every((request) => request.authorization === "Bearer test-key")).toBe(true);

    // The version is read once per engine.
    requests.length = 0;
    await search.configure("needs", DEFINITION, DICTIONARY);
    expect(writes().map(({ method, path }) => `${method} ${path}`)).toEqual([
      "GET /indexes/t_needs",
      "PATCH /indexes/t_needs/settings",
    ]);
  });

  it("adds documents by POST, deletes by id and clears, skipping empty batches", async () => {
    const documents: SearchDocument[] = [
      {
        id: "d1",
        title: "香菇菌棒",
        tags: ["shiitake"],
        industry: "PLANTING",
        budgetMaxFen: null,
        verified: true,
      },
      {
        id: "d2",
        title: 'quote " and \\',
        tags: [],
        industry: "SOLAR_WIND",
        budgetMaxFen: 500_000,
        verified: false,
      },
    ];
    const search = engine();
    await search.configure("needs", DEFINITION, DICTIONARY);
    requests.length = 0;
    await search.upsert("needs", documents);
    await search.upsert("needs", []);
    await search.remove("needs", ["d1", "d2"]);
    await search.remove("needs", []);
    await search.clear("needs");
    expect(writes()).toEqual([
      {
        method: "POST",
        path: "/indexes/t_needs/documents",
        // Each document carries the pinyin of its searchable fields (title, tags, code).
        body: [
          { ...documents[0], _pinyin: "xianggu junbang" },
          { ...documents[1], _pinyin: "" },
        ],
        authorization: "Bearer test-key",
      },
      {
        method: "POST",
        path: "/indexes/t_needs/documents/delete-batch",
        body: ["d1", "d2"],
        authorization: "Bearer test-key",
      },
      {
        method: "DELETE",
        path: "/indexes/t_needs/documents",
        body: undefined,
        authorization: "Bearer test-key",
      },
    ]);
    expect(requests.filter((request) => request.path.startsWith("/tasks/"))).toHaveLength(3);
  });

  it("sends the search body the builders make and maps hits, total and facets", async () => {
    const result = await engine().search("needs", {
      q: "光伏 ",
      filters: [
        { field: "industry", op: "in", values: ["SOLAR_WIND", 'x"] OR id EXISTS'] },
        { field: "budgetMaxFen", op: "range", min: 1, max: 2 },
      ],
      facets: ["industry"],
      sort: { field: "budgetMaxFen", direction: "asc" },
      limit: 1,
      offset: 2,
    });
    expect(requests).toHaveLength(1);
    expect(requests[0].method).toBe("POST");
    expect(requests[0].path).toBe("/indexes/t_needs/search");
    expect(requests[0].body).toEqual({
      q: "光伏 ",
      filter: 'industry IN ["SOLAR_WIND", "x\\"] OR id EXISTS"] AND budgetMaxFen >= 1 AND budgetMaxFen <= 2',
      facets: ["industry"],
      sort: ["budgetMaxFen:asc"],
      page: 3,
      hitsPerPage: 1,
      matchingStrategy: "frequency",
      attributesToRetrieve: ["id"],
    });
    expect(result).toEqual({ hits: [{ id: "a" }], total: 3, facets: { industry: { PLANTING: 3 } } });

    // Between pages: one page from the start, the first hits dropped, the exact total kept.
    requests.length = 0;
    const shifted = await engine().search("needs", { q: "光伏", limit: 2, offset: 1 });
    expect(requests[0].body).toMatchObject({ page: 1, hitsPerPage: 3 });
    expect(shifted).toEqual({ hits: [{ id: "b" }, { id: "c" }], total: 3, facets: {} });
  });

  it("never sends an invalid filter to Meilisearch", async () => {
    await expect(
      engine().search("needs", { q: "", filters: [{ field: "industry) OR (id", op: "eq", value: "x" }] }),
    ).rejects.toThrow(/not a field name/);
    await expect(
      engine().search("needs", { q: "", filters: [{ field: "price", op: "eq", value: Number.NaN }] }),
    ).rejects.toThrow(/finite/);
    expect(requests).toHaveLength(0);
  });

  it("turns failed tasks, refused requests and an unreachable server into clear errors", async () => {
    await expect(engine().upsert("services", [{ id: "s1" }])).rejects.toThrow(
      'Meilisearch could not add documents on index "t_services": task',
    );
    await expect(engine().upsert("services", [{ id: "s1" }])).rejects.toThrow(
      /invalid_settings_ranking_rules/,
    );
    await expect(engine().search("services", { q: "x" })).rejects.toThrow(
      'Meilisearch could not search on index "t_services": Attribute `nope` is not sortable. [invalid_search_sort]',
    );
    const offline = createMeiliEngine({ host: "http://127.0.0.1:1", apiKey: "secret-key", prefix: "t_" });
    const failure = await offline.search("needs", { q: "x" }).catch((error: Error) => error);
    expect(failure).toBeInstanceOf(Error);
    expect((failure as Error).message).toMatch(/^Meilisearch is unreachable/);
    expect((failure as Error).message).not.toContain("secret-key");
  });

  it("refuses a server older than the settings need, with what to do", async () => {
    serverVersion = "1.9.0";
    try {
      const failure = await engine()
        .configure("needs", DEFINITION, DICTIONARY)
        .catch((error: Error) => error);
      expect((failure as Error).message).toMatch(
        /Meilisearch 1\.9\.0 .* too old: XiangKe needs 1\.15\.0 or later/,
      );
      expect((failure as Error).message).toContain("unset MEILI_HOST");
      expect(writes().map(({ path }) => path)).toEqual(["/version"]);
    } finally {
      serverVersion = "1.15.2";
    }
  });

  it("rebuilds into a new index, swaps it in and deletes the old one", async () => {
    const search = engine();
    await search.configure("offers", DEFINITION, DICTIONARY);
    await search.upsert("offers", [
      { id: "old1", title: "旧" },
      { id: "old2", title: "旧" },
    ]);
    requests.length = 0;
    async function* batches() {
      yield [{ id: "n1", title: "光伏电站" }];
      yield [{ id: "n2", title: "香菇" }];
    }
    expect(await search.rebuild!("offers", DEFINITION, DICTIONARY, batches())).toBe(2);
    const calls = writes().map(({ method, path }) => `${method} ${path}`);
    const fresh = (requests.find((request) => request.path === "/indexes")!.body as { uid: string }).uid;
    expect(fresh).toMatch(/^t_offers_\d+$/);
    expect(calls).toEqual([
      "GET /indexes?offset=0&limit=200",
      "POST /indexes",
      `PATCH /indexes/${fresh}/settings`,
      `POST /indexes/${fresh}/documents`,
      `POST /indexes/${fresh}/documents`,
      "GET /indexes/t_offers",
      "POST /swap-indexes",
      `DELETE /indexes/${fresh}`,
    ]);
    // No `rename` field: servers before 1.18 refuse it.
    expect(requests.find((request) => request.path === "/swap-indexes")!.body).toEqual([
      { indexes: ["t_offers", fresh] },
    ]);
    // The live index was never cleared: it went from the old documents to the new ones at once.
    expect(calls.some((call) => call === "DELETE /indexes/t_offers/documents")).toBe(false);
    expect(await search.documentCount!("offers")).toBe(2);
    expect(indexes.has(fresh)).toBe(false);
  });

  it("leaves the live index alone and removes the half-built one when a rebuild fails", async () => {
    const search = engine();
    async function* failing() {
      yield [{ id: "n1", title: "光伏" }];
      throw new Error("database went away");
    }
    await expect(search.rebuild!("needs", DEFINITION, DICTIONARY, failing())).rejects.toThrow(
      /database went away/,
    );
    const paths = writes().map(({ method, path }) => `${method} ${path}`);
    expect(paths).not.toContain("POST /swap-indexes");
    expect(paths.at(-1)).toMatch(/^DELETE \/indexes\/t_needs_\d+$/);
  });

  it("removes rebuild leftovers older than six hours, never a recent one or another index's", async () => {
    const search = engine();
    const recent = `t_offers_${Date.now() - 60_000}`;
    for (const uid of ["t_offers_1000", recent, "t_needs_1000", "t_offers_x"]) indexes.add(uid);
    async function* batches() {
      yield [{ id: "n1", title: "香菇" }];
    }
    await search.rebuild!("offers", DEFINITION, DICTIONARY, batches());
    const deleted = writes()
      .filter(({ method }) => method === "DELETE")
      .map(({ path }) => path);
    expect(deleted).toContain("/indexes/t_offers_1000");
    expect(indexes.has("t_offers_1000")).toBe(false);
    expect([...indexes]).toEqual(expect.arrayContaining([recent, "t_needs_1000", "t_offers_x"]));
  });

  it("counts an index that does not exist as empty", async () => {
    expect(await engine().documentCount!("services")).toBe(0);
  });

  it("reports a task not applied in time as a busy engine, not a plain failure", async () => {
    const slow = createMeiliEngine({ host, apiKey: "test-key", prefix: "t_", taskTimeoutMs: 150 });
    const failure = await slow.upsert("experts", [{ id: "e1" }]).catch((error: Error) => error);
    expect(failure).toBeInstanceOf(SearchEngineBusyError);
    expect((failure as Error).message).toMatch(/did not finish "add documents" on index "t_experts" in time/);
  });

  it("refuses an index prefix Meilisearch would not accept in a uid", () => {
    expect(() => createMeiliEngine({ host, prefix: "bad prefix/" })).toThrow(/prefix/);
  });
});
