import { createServer, type IncomingMessage, type Server } from "node:http";
import { afterAll, describe, expect, it } from "vitest";
import type { PrismaClient } from "~/generated/prisma/client";
import { findFreePort } from "../../server/embedded-postgres";
import { startAppProcess, type AppProcess } from "../support/app-process";
import {
  embeddedDatabaseUrl,
  prismaFor,
  redirectedTo,
  shownHtml,
  waitUntil,
  WebSession,
} from "../support/fault-helpers";

/*
 * Fault 3: Meilisearch unreachable. The app starts and publishes anyway (the change waits in the
 * SearchOutbox), /search answers from the database with a notice, and once a Meilisearch answers
 * on that port the outbox drains into it. The stand-in implements only what the adapter calls
 * (see app/modules/indexing/meilisearch.server.test.ts for the documented shapes): version,
 * indexes, stats, settings, documents, swaps and tasks that succeed at once.
 */

let app: AppProcess | undefined;
let fake: Server | undefined;
let client: PrismaClient | undefined;

afterAll(async () => {
  await client?.$disconnect();
  await app?.stop();
  if (fake) await new Promise((resolve) => fake!.close(resolve));
});

/** A Meilisearch stand-in: indexes, settings, documents, tasks that succeed at once, search over what it holds. */
function fakeMeilisearch() {
  const documents = new Map<string, Map<string, { id: string }>>();
  let tasks = 0;
  const server = createServer(async (request: IncomingMessage, response) => {
    let text = "";
    for await (const chunk of request) text += chunk;
    const body: unknown = text ? JSON.parse(text) : undefined;
    const method = request.method ?? "";
    const path = (request.url ?? "").split("?")[0];
    const send = (status: number, payload: unknown) => {
      response.writeHead(status, { "Content-Type": "application/json" });
      response.end(JSON.stringify(payload));
    };
    const enqueue = (indexUid: string | null, type: string) =>
      send(202, { taskUid: tasks++, indexUid, status: "enqueued", type, enqueuedAt: "2026-01-01T00:00:00Z" });
    const index = (uid: string) => documents.get(uid) ?? documents.set(uid, new Map()).get(uid)!;
    let match: RegExpMatchArray | null;
    if ((match = path.match(/^\/tasks\/(\d+)$/))) {
      return send(200, {
        uid: Number(match[1]),
        indexUid: null,
        type: "unknown",
        status: "succeeded",
        error: null,
        details: {},
        enqueuedAt: "2026-01-01T00:00:00Z",
        startedAt: "2026-01-01T00:00:00Z",
        finishedAt: "2026-01-01T00:00:00Z",
        duration: "PT0S",
        canceledBy: null,
        batchUid: 0,
      });
    }
    if (path === "/version") return send(200, { pkgVersion: "1.15.2", commitSha: "", commitDate: "" });
    if (path === "/swap-indexes" && method === "POST") {
      for (const { indexes } of body as { indexes: [string, string] }[]) {
        const [a, b] = indexes.map(index);
        documents.set(indexes[0], b!).set(indexes[1], a!);
      }
      return enqueue(null, "indexSwap");
    }
    if ((match = path.match(/^\/indexes\/([^/]+)\/stats$/))) {
      if (!documents.has(match[1]))
        return send(404, {
          message: "Index not found.",
          code: "index_not_found",
          type: "invalid_request",
          link: "",
        });
      return send(200, { numberOfDocuments: index(match[1]).size, isIndexing: false, fieldDistribution: {} });
    }
    if ((match = path.match(/^\/indexes\/([^/]+)$/)) && method === "DELETE") {
      documents.delete(match[1]);
      return enqueue(match[1], "indexDeletion");
    }
    if (path === "/indexes" && method === "GET") {
      const query = new URLSearchParams((request.url ?? "").split("?")[1] ?? "");
      const [offset, limit] = [Number(query.get("offset") ?? 0), Number(query.get("limit") ?? 20)];
      const uids = [...documents.keys()];
      return send(200, {
        results: uids.slice(offset, offset + limit).map((uid) => ({
          uid,
          primaryKey: "id",
          createdAt: "2026-01-01T00:00:00Z",
          updatedAt: "2026-01-01T00:00:00Z",
        })),
        offset,
        limit,
        total: uids.length,
      });
    }
    if (path === "/indexes" && method === "POST") {
      index((body as { uid: string }).uid);
      return enqueue((body as { uid: string }).uid, "indexCreation");
    }
    if ((match = path.match(/^\/indexes\/([^/]+)$/)) && method === "GET") {
      if (!documents.has(match[1]))
        return send(404, {
          message: "Index not found.",
          code: "index_not_found",
          type: "invalid_request",
          link: "",
        });
      return send(200, {
        uid: match[1],
        primaryKey: "id",
        createdAt: "2026-01-01T00:00:00Z",
        updatedAt: "2026-01-01T00:00:00Z",
      });
    }
    if ((match = path.match(/^\/indexes\/([^/]+)\/settings$/))) return enqueue(match[1], "settingsUpdate");
    if ((match = path.match(/^\/indexes\/([^/]+)\/documents$/)) && method === "POST") {
      for (const document of body as { id: string }[]) index(match[1]).set(document.id, document);
      return enqueue(match[1], "documentAdditionOrUpdate");
    }
    if ((match = path.match(/^\/indexes\/([^/]+)\/documents\/delete-batch$/))) {
      for (const id of body as string[]) index(match[1]).delete(id);
      return enqueue(match[1], "documentDeletion");
    }
    if ((match = path.match(/^\/indexes\/([^/]+)\/documents$/)) && method === "DELETE") {
      index(match[1]).clear();
      return enqueue(match[1], "documentDeletion");
    }
    if ((match = path.match(/^\/indexes\/([^/]+)\/search$/))) {
      const hits = [...index(match[1]).keys()].map((id) => ({ id }));
      // Asked by page (exact totals), as the adapter does.
      return send(200, {
        hits,
        totalHits: hits.length,
        totalPages: 1,
        page: 1,
        hitsPerPage: 20,
        facetDistribution: {},
        processingTimeMs: 0,
        query: "",
      });
    }
    send(404, { message: "no such route", code: "not_found", type: "invalid_request", link: "" });
  });
  return { server, documents };
}

describe("the search engine unreachable", () => {
  it("publishes anyway, searches the database with a notice, then catches up when Meilisearch answers", async () => {
    const meiliPort = await findFreePort(); // nothing listens there yet
    app = await startAppProcess({
      DATABASE_URL: "",
      MEILI_HOST: `http://127.0.0.1:${meiliPort}`,
      MEILI_API_KEY: "",
    });
    client = prismaFor(embeddedDatabaseUrl(app.dataDir));
    const head = await client.user.findFirstOrThrow({
      where: { phone: { endsWith: "13800000001" } },
      select: { memberships: { select: { organisationId: true } } },
    });

    const village = await new WebSession(app.url).login("13800000001");
    const title = "搜索降级测试 高山冷水鱼";
    const response = await village.post(
      "/needs/new",
      {
        intent: "publish",
        organisationId: head.memberships[0].organisationId,
        kind: "TECHNICAL",
        title,
        description: "合作社在高山冷水里养鲟鱼，夏季水温偏高，需要专家帮助设计增氧和遮阴方案。",
        industry: "BREEDING",
        countyCode: "410324",
        arrangements: "PAID_SERVICE",
      },
      true,
    );
    const needId = redirectedTo(response)?.split("/")[2];
    expect(needId).toBeTruthy();
    expect(
      (await client.need.findUniqueOrThrow({ where: { id: needId }, select: { status: true } })).status,
    ).toBe("OPEN");
    // The change waits in the outbox.
    expect(
      await client.searchOutbox.count({ where: { documentId: needId, processedAt: null } }),
    ).toBeGreaterThan(0);

    const degraded = await fetch(`${app.url}/search?type=needs&q=${encodeURIComponent("冷水鱼")}`);
    expect(degraded.status).toBe(200);
    const page = shownHtml(await degraded.text());
    expect(page).toContain("搜索服务暂时不可用");
    expect(page).toContain(title);
    const english = await fetch(`${app.url}/search?type=needs&q=x`, { headers: { "accept-language": "en" } });
    expect(shownHtml(await english.text())).toContain("Search is temporarily unavailable");

    // Meilisearch appears on that port: the indexes are configured and the outbox drains into it.
    const meili = fakeMeilisearch();
    // A rebuild index left by a process that died before its swap, days ago: the backfill's
    // rebuild removes it.
    meili.documents.set("xiangke_needs_1000", new Map());
    fake = meili.server;
    await new Promise<void>((resolve) => meili.server.listen(meiliPort, "127.0.0.1", resolve));
    const document = await waitUntil(
      async () => meili.documents.get("xiangke_needs")?.get(needId!),
      40_000,
      "the need's document to reach Meilisearch",
    );
    expect(document).toMatchObject({ id: needId, title });
    expect(meili.documents.has("xiangke_needs_1000")).toBe(false);
    await waitUntil(
      async () =>
        (await client!.searchOutbox.count({ where: { documentId: needId, processedAt: null } })) === 0,
      10_000,
      "the outbox to drain",
    );

    const recovered = shownHtml(
      await (await fetch(`${app.url}/search?type=needs&q=${encodeURIComponent("冷水鱼")}`)).text(),
    );
    expect(recovered).not.toContain("搜索服务暂时不可用");
    expect(recovered).toContain(title);
  }, 120_000);
});
