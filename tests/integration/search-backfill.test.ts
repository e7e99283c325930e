import pino from "pino";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { createEmbeddedEngine } from "~/modules/indexing/embedded.server";
import { BUSY_BACKOFF_MS, backfillIfBehind } from "~/modules/indexing/indexer.server";
import {
  SearchEngineBusyError,
  type IndexName,
  type SearchDocument,
  type SearchEngine,
} from "~/modules/indexing/search.types";
import { SEARCH_CATALOG, countDocuments } from "~/modules/search/indexes.server";
import { configureIndexes, processOutbox } from "~/modules/search/indexer.server";
import { useTestDatabase } from "../support/database";
import { publishedNeed } from "../support/needs-factories";

useTestDatabase();

const silent = pino({ level: "silent" });

/** The embedded engine dressed as one that persists: it counts and rebuilds by swap. */
function countingEngine(stored: Partial<Record<IndexName, number>>) {
  const inner = createEmbeddedEngine();
  const rebuilt: { index: IndexName; documents: number }[] = [];
  const engine: SearchEngine = {
    ...inner,
    documentCount: async (index) => stored[index] ?? 0,
    rebuild: async (index, definition, dictionary, batches) => {
      await inner.configure(index, definition, dictionary);
      let documents = 0;
      for await (const batch of batches) documents += batch.length;
      rebuilt.push({ index, documents });
      return documents;
    },
  };
  return { engine, rebuilt };
}

describe("Meilisearch-like engines on start", () => {
  beforeAll(async () => {
    await publishedNeed("连翘种植密度");
    await publishedNeed("香菇菌棒");
  });

  it("rebuilds an index that is empty while the database has documents, and only that one", async () => {
    const inDatabase = async (index: IndexName) =>
      (await SEARCH_CATALOG.loadDocuments(index, "all", db)).length;
    const { engine, rebuilt } = countingEngine({
      offers: await inDatabase("offers"),
      experts: await inDatabase("experts"),
      services: await inDatabase("services"),
    });
    expect(await backfillIfBehind(engine, SEARCH_CATALOG, silent)).toEqual(["needs"]);
    expect(rebuilt).toEqual([{ index: "needs", documents: await inDatabase("needs") }]);
    expect(rebuilt[0]!.documents).toBeGreaterThanOrEqual(2);
  });

  it("leaves indexes alone when they hold what the database gives", async () => {
    const counts: Partial<Record<IndexName, number>> = {};
    for (const index of ["needs", "offers", "experts", "services"] as const)
      counts[index] = (await SEARCH_CATALOG.loadDocuments(index, "all", db)).length;
    const { engine, rebuilt } = countingEngine(counts);
    expect(await backfillIfBehind(engine, SEARCH_CATALOG, silent)).toEqual([]);
    expect(rebuilt).toEqual([]);
  });

  it("leaves to the outbox what the outbox will bring, and rebuilds beyond that", async () => {
    await db.searchOutbox.updateMany({ data: { processedAt: new Date() } });
    const counts: Partial<Record<IndexName, number>> = {};
    for (const index of ["needs", "offers", "experts", "services"] as const)
      counts[index] = await countDocuments(index, db);
    // One need posted while the engine was away: its outbox row is still waiting.
    await publishedNeed("花椒嫁接");
    const pending = await db.searchOutbox.count({ where: { index: "needs", processedAt: null } });
    expect(pending).toBe(1);
    const oneShort = countingEngine(counts);
    expect(await backfillIfBehind(oneShort.engine, SEARCH_CATALOG, silent)).toEqual([]);
    // Two short with one change waiting: something was lost, so the index is rebuilt.
    const twoShort = countingEngine({ ...counts, needs: counts.needs! - 1 });
    expect(await backfillIfBehind(twoShort.engine, SEARCH_CATALOG, silent)).toEqual(["needs"]);
    expect(twoShort.rebuilt).toEqual([{ index: "needs", documents: counts.needs! + 1 }]);
  });

  it("counts what each index should hold exactly as it loads it", async () => {
    for (const index of ["needs", "offers", "experts", "services"] as const)
      expect(await countDocuments(index, db)).toBe(
        (await SEARCH_CATALOG.loadDocuments(index, "all", db)).length,
      );
  });
});

describe("the outbox against a busy engine", () => {
  it("backs off a minute and stops the batch instead of retrying every second", async () => {
    const inner = createEmbeddedEngine();
    await configureIndexes(inner);
    const sent: SearchDocument[][] = [];
    const busy: SearchEngine = {
      ...inner,
      upsert: async (_index, documents) => {
        sent.push([...documents]);
        throw new SearchEngineBusyError("Meilisearch did not finish in time");
      },
    };
    await db.searchOutbox.updateMany({ data: { processedAt: new Date() } });
    const { id } = await publishedNeed("山茱萸烘干");
    const now = new Date();
    const result = await processOutbox(busy, now);
    expect(result).toMatchObject({ busy: true, applied: 0 });
    expect(sent).toHaveLength(1);
    const row = await db.searchOutbox.findFirstOrThrow({
      where: { documentId: id },
      select: { attempts: true, nextAttemptAt: true, processedAt: true },
    });
    expect(row.processedAt).toBeNull();
    expect(row.attempts).toBe(1);
    expect(row.nextAttemptAt.getTime()).toBeGreaterThanOrEqual(now.getTime() + BUSY_BACKOFF_MS);
    // A second later nothing is sent again.
    await processOutbox(busy, new Date(now.getTime() + 1000));
    expect(sent).toHaveLength(1);
  });
});
