import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  MAX_QUERY_CHARS,
  createMeiliEngine,
  meiliFilter,
  meiliSearchParams,
  meiliSettings,
  meiliSynonyms,
} from "./meilisearch.server";
import type { IndexDefinition, SearchDocument } from "./search.types";

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
const DICTIONARY = { synonyms: GROUPS, broader: [], colloquial: [], words: GROUPS.flat() };

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
    expect(meiliSettings(DEFINITION, GROUPS)).toEqual({
      searchableAttributes: ["title", "tags", "code"],
      filterableAttributes: ["industry", "budgetMaxFen", "verified"],
      sortableAttributes: ["budgetMaxFen", "publishedAt"],
      rankingRules: ["words", "typo", "proximity", "attribute", "sort", "exactness"],
      typoTolerance: {
        enabled: true,
        minWordSizeForTypos: { oneTypo: 4, twoTypos: 8 },
        disableOnWords: ["太阳能发电", "光伏发电"],
        disableOnAttributes: ["code"],
      },
      synonyms: {
        光伏: ["太阳能发电", "光伏发电"],
        太阳能发电: ["光伏", "光伏发电"],
        光伏发电: ["光伏", "太阳能发电"],
        苹果: ["apple"],
        apple: ["苹果", "fuji"],
        fuji: ["apple"],
      },
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

  it("refuses attribute names the engine could misread", () => {
    expect(() => meiliSettings({ ...DEFINITION, filterable: ["industry = x"] }, [])).toThrow(
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
      q: "香菇 菌棒",
      filter: 'industry = "PLANTING"',
      facets: ["industry"],
      sort: ["publishedAt:desc"],
      limit: 5,
      offset: 10,
      attributesToRetrieve: ["id"],
    });
    expect(meiliSearchParams({ q: "" })).toEqual({
      q: "",
      limit: 20,
      offset: 0,
      attributesToRetrieve: ["id"],
    });
  });

  it("caps long queries by characters without splitting an emoji or keeping a lone surrogate", () => {
    expect(meiliSearchParams({ q: "x".repeat(10_000) }).q).toHaveLength(MAX_QUERY_CHARS);
    const emoji = meiliSearchParams({ q: "🍄".repeat(300) }).q;
    expect(Array.from(emoji)).toHaveLength(MAX_QUERY_CHARS);
    expect(emoji).toBe("🍄".repeat(MAX_QUERY_CHARS));
    expect(meiliSearchParams({ q: "a\uD83Cb" }).q).toBe("ab");
  });

  it("keeps limit and offset whole and in range", () => {
    expect(meiliSearchParams({ q: "", limit: -3, offset: -1 })).toMatchObject({ limit: 0, offset: 0 });
    expect(meiliSearchParams({ q: "", limit: 2.7, offset: Number.NaN })).toMatchObject({
      limit: 2,
      offset: 0,
    });
    expect(meiliSearchParams({ q: "", limit: 1e9, offset: 1e9 })).toMatchObject({
      limit: 1_000,
      offset: 10_000,
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
  /** Writes to this index fail as Meilisearch reports a failed task; searches answer 400. */
  const BROKEN = "t_services";

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
        send(202, { taskUid, indexUid, status: "enqueued", type, enqueuedAt: "2025-01-01T00:00:00Z" });
      };
      let match: RegExpMatchArray | null;
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
          status: task.failed ? "failed" : "succeeded",
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
      if ((match = path.match(/^\/indexes\/([^/]+)\/documents$/)) && method === "POST")
        return enqueue(match[1], "documentAdditionOrUpdate");
      if ((match = path.match(/^\/indexes\/([^/]+)\/documents\/delete-batch$/)) && method === "POST")
        return enqueue(match[1], "documentDeletion");
      if ((match = path.match(/^\/indexes\/([^/]+)\/documents$/)) && method === "DELETE")
        return enqueue(match[1], "documentDeletion");
      if ((match = path.match(/^\/indexes\/([^/]+)\/search$/)) && method === "POST") {
        if (match[1] === BROKEN)
          return send(400, {
            message: "Attribute `nope` is not sortable.",
            code: "invalid_search_sort",
            type: "invalid_request",
            link: "",
          });
        return send(200, {
          hits: [{ id: "a" }],
          estimatedTotalHits: 1,
          facetDistribution: { industry: { PLANTING: 1 } },
          processingTimeMs: 1,
          query: (body as { q: string }).q,
          limit: 20,
          offset: 0,
        });
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
    await engine().configure("needs", DEFINITION, DICTIONARY);
    expect(requests.map(({ method, path }) => `${method} ${path}`)).toEqual([
      "GET /indexes/t_needs",
      "POST /indexes",
      `GET /tasks/${tasks.size - 2}`,
      "PATCH /indexes/t_needs/settings",
      `GET /tasks/${tasks.size - 1}`,
    ]);
    expect(requests[1].body).toEqual({ uid: "t_needs", primaryKey: "id" });
    expect(requests[3].body).toEqual(meiliSettings(DEFINITION, GROUPS));
    expect(requests.every((request) => request.authorization === "Bearer test-key")).toBe(true);

    requests.length = 0;
    await engine().configure("needs", DEFINITION, DICTIONARY);
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
    await search.upsert("needs", documents);
    await search.upsert("needs", []);
    await search.remove("needs", ["d1", "d2"]);
    await search.remove("needs", []);
    await search.clear("needs");
    expect(writes()).toEqual([
      {
        method: "POST",
        path: "/indexes/t_needs/documents",
        body: documents,
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
      q: "光伏",
      filter: 'industry IN ["SOLAR_WIND", "x\\"] OR id EXISTS"] AND budgetMaxFen >= 1 AND budgetMaxFen <= 2',
      facets: ["industry"],
      sort: ["budgetMaxFen:asc"],
      limit: 1,
      offset: 2,
      attributesToRetrieve: ["id"],
    });
    expect(result).toEqual({ hits: [{ id: "a" }], total: 1, facets: { industry: { PLANTING: 1 } } });
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

  it("refuses an index prefix Meilisearch would not accept in a uid", () => {
    expect(() => createMeiliEngine({ host, prefix: "bad prefix/" })).toThrow(/prefix/);
  });
});
