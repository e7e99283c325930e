import type { Logger } from "pino";
import { db, type Tx } from "~/db.server";
import type { IndexDefinition, IndexName, SearchDocument, SearchEngine } from "./search.types";
import { SEARCH_DICTIONARY } from "./dictionary";

/**
 * What the indexes hold, supplied by the feature that searches them: each index's definition and
 * how to load its documents. Indexing is plumbing and knows no domain; the catalog is handed in
 * where the indexer is started, so the tables behind each index stay with the search feature.
 */
export interface IndexCatalog {
  definitions: Readonly<Record<IndexName, IndexDefinition>>;
  /**
   * The documents for the given ids as the index should now hold them. An id absent from the
   * result must be removed from the index (deleted, hidden, drafted or withdrawn).
   */
  loadDocuments(index: IndexName, ids: string[] | "all", client: Tx): Promise<SearchDocument[]>;
}

const namesOf = (catalog: IndexCatalog) => Object.keys(catalog.definitions) as IndexName[];

const BATCH = 200;
const REBUILD_PAGE = 1000;
const MAX_BACKOFF_MS = 10 * 60 * 1000;

export async function configureIndexes(engine: SearchEngine, catalog: IndexCatalog): Promise<void> {
  for (const name of namesOf(catalog)) await engine.configure(name, catalog.definitions[name], SEARCH_DICTIONARY);
}

/** Empties every index and loads it again from the database. */
export async function rebuildIndexes(
  engine: SearchEngine,
  catalog: IndexCatalog,
): Promise<Record<IndexName, number>> {
  await configureIndexes(engine, catalog);
  const counts = {} as Record<IndexName, number>;
  const started = new Date();
  for (const name of namesOf(catalog)) {
    await engine.clear(name);
    const documents = await catalog.loadDocuments(name, "all", db);
    for (let i = 0; i < documents.length; i += REBUILD_PAGE)
      await engine.upsert(name, documents.slice(i, i + REBUILD_PAGE));
    counts[name] = documents.length;
  }
  // Everything written before the rebuild began is now in the index.
  await db.searchOutbox.updateMany({
    where: { processedAt: null, createdAt: { lt: started } },
    data: { processedAt: new Date() },
  });
  return counts;
}

/**
 * Applies one batch of pending outbox rows. Rows are claimed with SKIP LOCKED, so several app
 * instances share the work; a failure leaves the rows pending with a growing back-off.
 */
export async function processOutbox(
  engine: SearchEngine,
  catalog: IndexCatalog,
  now = new Date(),
): Promise<{ applied: number; failed: number }> {
  return db.$transaction(
    async (tx) => {
      const rows = await tx.$queryRaw<{ id: bigint; index: string; documentId: string; attempts: number }[]>`
        SELECT id, "index", "documentId", attempts FROM "SearchOutbox"
        WHERE "processedAt" IS NULL AND "nextAttemptAt" <= ${now}
        ORDER BY id LIMIT ${BATCH} FOR UPDATE SKIP LOCKED`;
      if (rows.length === 0) return { applied: 0, failed: 0 };
      let failed = 0;
      for (const name of namesOf(catalog)) {
        const batch = rows.filter((row) => row.index === name);
        if (batch.length === 0) continue;
        const ids = [...new Set(batch.map((row) => row.documentId))];
        try {
          const documents = await catalog.loadDocuments(name, ids, tx);
          const present = new Set(documents.map((document) => document.id));
          if (documents.length) await engine.upsert(name, documents);
          const gone = ids.filter((id) => !present.has(id));
          if (gone.length) await engine.remove(name, gone);
          await tx.searchOutbox.updateMany({
            where: { id: { in: batch.map((row) => row.id) } },
            data: { processedAt: now, lastError: null },
          });
        } catch (error) {
          failed += batch.length;
          for (const row of batch) {
            const delay = Math.min(MAX_BACKOFF_MS, 1000 * 2 ** row.attempts);
            await tx.searchOutbox.update({
              where: { id: row.id },
              data: {
                attempts: { increment: 1 },
                nextAttemptAt: new Date(now.getTime() + delay),
                lastError: String(error).slice(0, 500),
              },
            });
          }
        }
      }
      return { applied: rows.length - failed, failed };
    },
    { timeout: 60_000 },
  );
}

/** Polls the outbox every second until stopped; logs failures, never throws. */
export function startIndexer(
  engine: SearchEngine,
  catalog: IndexCatalog,
  log: Logger,
  intervalMs = 1000,
): () => Promise<void> {
  let stopped = false;
  let running: Promise<void> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;
  const tick = () => {
    running = (async () => {
      try {
        for (;;) {
          const { applied, failed } = await processOutbox(engine, catalog);
          if (failed) log.warn({ failed }, "search index updates failed; they will be retried");
          if (applied + failed === 0 || stopped) break;
        }
      } catch (error) {
        log.error({ err: error }, "search indexer failed");
      }
      if (!stopped) timer = setTimeout(tick, intervalMs);
    })();
  };
  tick();
  return async () => {
    stopped = true;
    clearTimeout(timer);
    await running;
  };
}

/**
 * Meilisearch may be unreachable when the app starts or for a while after: the app serves anyway
 * (search falls back to the database) and every change waits in the outbox. The indexes are
 * configured as soon as the engine answers — retried with back-off up to 30 s — and only then the
 * indexer starts and drains what piled up.
 */
export function startIndexerWhenConfigured(
  engine: SearchEngine,
  catalog: IndexCatalog,
  log: Logger,
  retryMs = 1000,
): () => Promise<void> {
  let stopped = false;
  let attempt = 0;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  let stopIndexer: (() => Promise<void>) | undefined;
  const attemptConfigure = () => {
    running = (async () => {
      try {
        await configureIndexes(engine, catalog);
        if (attempt > 0) log.info("search engine reachable again; catching up from the outbox");
        if (!stopped) stopIndexer = startIndexer(engine, catalog, log);
        return;
      } catch (error) {
        if (attempt === 0) log.warn({ err: error }, "search engine unreachable; changes wait in the outbox");
      }
      attempt += 1;
      if (!stopped)
        timer = setTimeout(attemptConfigure, Math.min(30_000, retryMs * 2 ** Math.min(attempt - 1, 5)));
    })();
  };
  attemptConfigure();
  return async () => {
    stopped = true;
    clearTimeout(timer);
    await running;
    await stopIndexer?.();
  };
}
