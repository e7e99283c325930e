import type { Logger } from "pino";
import { db, type Tx } from "~/db.server";
import {
  SearchEngineBusyError,
  type IndexDefinition,
  type IndexName,
  type SearchDocument,
  type SearchEngine,
} from "./search.types";
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
  /** How many documents the index should hold (a COUNT; loading all of them is the fallback). */
  countDocuments?(index: IndexName, client: Tx): Promise<number>;
}

const namesOf = (catalog: IndexCatalog) => Object.keys(catalog.definitions) as IndexName[];

const BATCH = 200;
const REBUILD_PAGE = 1000;
const MAX_BACKOFF_MS = 10 * 60 * 1000;
/**
 * Claimed rows are left alone by other instances this long. It is well above what one batch can
 * wait for its engine tasks (30 s a write), and if the instance dies the rows come back after it.
 */
export const CLAIM_LEASE_MS = 5 * 60 * 1000;
/** After a busy engine (a task not applied in time) nothing is sent for at least this long. */
export const BUSY_BACKOFF_MS = 60 * 1000;

export async function configureIndexes(engine: SearchEngine, catalog: IndexCatalog): Promise<void> {
  for (const name of namesOf(catalog))
    await engine.configure(name, catalog.definitions[name], SEARCH_DICTIONARY);
}

export interface RebuildProgress {
  index: IndexName;
  done: number;
  total: number;
}

export interface RebuildOptions {
  /** Only these indexes (all by default). */
  only?: readonly IndexName[];
  /** Called after each batch reaches the engine. */
  onProgress?: (progress: RebuildProgress) => void;
}

/**
 * Loads every index again from the database. Engines that can (Meilisearch) build a new index and
 * swap it in, so searches never see an empty or partial one; the embedded engine is cleared and
 * filled, which the server does before it listens.
 */
export async function rebuildIndexes(
  engine: SearchEngine,
  catalog: IndexCatalog,
  { only, onProgress }: RebuildOptions = {},
): Promise<Record<IndexName, number>> {
  const names = namesOf(catalog).filter((name) => !only || only.includes(name));
  const counts = {} as Record<IndexName, number>;
  const started = new Date();
  for (const name of names) {
    const definition = catalog.definitions[name];
    const documents = await catalog.loadDocuments(name, "all", db);
    async function* batches() {
      for (let i = 0; i < documents.length; i += REBUILD_PAGE) {
        yield documents.slice(i, i + REBUILD_PAGE);
        onProgress?.({
          index: name,
          done: Math.min(i + REBUILD_PAGE, documents.length),
          total: documents.length,
        });
      }
    }
    if (engine.rebuild) {
      await engine.rebuild(name, definition, SEARCH_DICTIONARY, batches());
    } else {
      await engine.configure(name, definition, SEARCH_DICTIONARY);
      await engine.clear(name);
      for await (const batch of batches()) await engine.upsert(name, batch);
    }
    counts[name] = documents.length;
  }
  const rebuilt = names.map(String);
  // Everything written before the rebuild began is now in the index.
  await db.searchOutbox.updateMany({
    where: { index: { in: rebuilt }, processedAt: null, createdAt: { lt: started } },
    data: { processedAt: new Date() },
  });
  // A change made during the rebuild may have reached the old index only (the outbox ran against
  // it while the new one was filled from an earlier read): apply those again to the new one.
  if (engine.rebuild)
    await db.searchOutbox.updateMany({
      where: { index: { in: rebuilt }, createdAt: { gte: started }, processedAt: { not: null } },
      data: { processedAt: null, nextAttemptAt: new Date() },
    });
  return counts;
}

/**
 * The indexes whose engine copy is missing documents the outbox will not bring: empty while the
 * database has documents (MEILI_HOST just set on an existing database), or further from the
 * database's count than the changes still waiting in the outbox can explain (a change made
 * while the engine was down is applied by the outbox; rebuilding for it would redo a 50,000
 * document index for one need). Engines that cannot count (the embedded one, rebuilt at every
 * start) are never behind.
 */
export async function indexesBehind(
  engine: SearchEngine,
  catalog: IndexCatalog,
): Promise<{ index: IndexName; inEngine: number; inDatabase: number; pending: number }[]> {
  if (!engine.documentCount) return [];
  const behind = [];
  for (const name of namesOf(catalog)) {
    const inEngine = await engine.documentCount(name);
    const inDatabase = catalog.countDocuments
      ? await catalog.countDocuments(name, db)
      : (await catalog.loadDocuments(name, "all", db)).length;
    const pending = await db.searchOutbox.count({ where: { index: name, processedAt: null } });
    const empty = inEngine === 0 && inDatabase > 0;
    if (empty || Math.abs(inEngine - inDatabase) > pending)
      behind.push({ index: name, inEngine, inDatabase, pending });
  }
  return behind;
}

/** Rebuilds the indexes that are behind the database, logging progress; returns what it rebuilt. */
export async function backfillIfBehind(
  engine: SearchEngine,
  catalog: IndexCatalog,
  log: Logger,
): Promise<IndexName[]> {
  const behind = await indexesBehind(engine, catalog);
  if (behind.length === 0) return [];
  log.info({ behind }, "search indexes differ from the database; rebuilding them (search keeps answering)");
  let lastLogged = 0;
  await rebuildIndexes(engine, catalog, {
    only: behind.map((entry) => entry.index),
    onProgress: (progress) => {
      if (progress.done === progress.total || Date.now() - lastLogged > 5000) {
        lastLogged = Date.now();
        log.info(progress, "search index rebuild progress");
      }
    },
  });
  log.info({ indexes: behind.map((entry) => entry.index) }, "search indexes rebuilt");
  return behind.map((entry) => entry.index);
}

/**
 * Applies one batch of pending outbox rows. Rows are claimed with SKIP LOCKED in a short
 * transaction that leases them (CLAIM_LEASE_MS), so several app instances share the work and no
 * transaction stays open while the engine works — before, engine tasks waited 60 s inside a 60 s
 * transaction. A failure leaves the rows pending with a growing back-off; a busy engine (its task
 * not applied in time, but still queued) backs off at least BUSY_BACKOFF_MS and stops the batch,
 * so a slow queue is not fed more tasks every second.
 */
export async function processOutbox(
  engine: SearchEngine,
  catalog: IndexCatalog,
  now = new Date(),
): Promise<{ applied: number; failed: number; busy: boolean }> {
  const rows = await db.$transaction(async (tx) => {
    const claimed = await tx.$queryRaw<{ id: bigint; index: string; documentId: string; attempts: number }[]>`
      SELECT id, "index", "documentId", attempts FROM "SearchOutbox"
      WHERE "processedAt" IS NULL AND "nextAttemptAt" <= ${now}
      ORDER BY id LIMIT ${BATCH} FOR UPDATE SKIP LOCKED`;
    if (claimed.length > 0)
      await tx.searchOutbox.updateMany({
        where: { id: { in: claimed.map((row) => row.id) } },
        data: { nextAttemptAt: new Date(now.getTime() + CLAIM_LEASE_MS) },
      });
    return claimed;
  });
  if (rows.length === 0) return { applied: 0, failed: 0, busy: false };
  let failed = 0;
  let busy = false;
  for (const name of namesOf(catalog)) {
    const batch = rows.filter((row) => row.index === name);
    if (batch.length === 0) continue;
    const ids = [...new Set(batch.map((row) => row.documentId))];
    try {
      if (busy) throw new SearchEngineBusyError("the search engine was busy with an earlier batch");
      const documents = await catalog.loadDocuments(name, ids, db);
      const present = new Set(documents.map((document) => document.id));
      if (documents.length) await engine.upsert(name, documents);
      const gone = ids.filter((id) => !present.has(id));
      if (gone.length) await engine.remove(name, gone);
      await db.searchOutbox.updateMany({
        where: { id: { in: batch.map((row) => row.id) } },
        data: { processedAt: now, lastError: null },
      });
    } catch (error) {
      busy ||= error instanceof SearchEngineBusyError;
      failed += batch.length;
      for (const row of batch) {
        const backoff = Math.min(MAX_BACKOFF_MS, 1000 * 2 ** row.attempts);
        await db.searchOutbox.update({
          where: { id: row.id },
          data: {
            attempts: { increment: 1 },
            nextAttemptAt: new Date(now.getTime() + (busy ? Math.max(BUSY_BACKOFF_MS, backoff) : backoff)),
            lastError: String(error).slice(0, 500),
          },
        });
      }
    }
  }
  return { applied: rows.length - failed, failed, busy };
}

/**
 * Applied outbox rows are kept this long, then deleted by the sweep: every process following the
 * outbox (the embedded engine) has applied them by then — each polls every second.
 */
export const OUTBOX_RETENTION_MS = 15 * 60 * 1000;
const SWEEP_EVERY_MS = 5 * 60 * 1000;

/** Deletes outbox rows applied more than OUTBOX_RETENTION_MS ago; safe to run in every process. */
export async function sweepOutbox(now = new Date()): Promise<number> {
  const { count } = await db.searchOutbox.deleteMany({
    where: { processedAt: { lt: new Date(now.getTime() - OUTBOX_RETENTION_MS) } },
  });
  return count;
}

/**
 * One process's place in the outbox when its own engine (the embedded one) must apply every row
 * (docs/decisions/042). Rows are followed in the order of the transactions that wrote them, not by
 * id: ids are handed out when a row is inserted, so a row with a smaller id can commit after a
 * larger one. Every row written by a transaction below `horizon` is applied; rows of newer
 * transactions that were already visible and applied are remembered in `appliedAbove` (id →
 * txid), so they are not applied again while an older transaction still runs.
 */
export interface OutboxFollower {
  horizon: bigint;
  appliedAbove: Map<bigint, bigint>;
}

/**
 * The oldest transaction still running (xid8): every transaction below it has committed or rolled
 * back, so all the outbox rows they wrote are visible now and no more will appear.
 */
export async function outboxHorizon(): Promise<bigint> {
  const [row] = await db.$queryRaw<{ horizon: bigint }[]>`
    SELECT pg_snapshot_xmin(pg_current_snapshot())::text::bigint AS horizon`;
  return row.horizon;
}

/**
 * A follower for an engine just filled from the database: read the horizon BEFORE the rebuild reads
 * the tables, so every change the rebuild might have missed is applied after it (applying a row
 * twice only loads the record again).
 */
export function followerFrom(horizon: bigint): OutboxFollower {
  return { horizon, appliedAbove: new Map() };
}

/**
 * Applies every outbox row this process has not applied yet, whichever process wrote it and
 * whether or not another process applied it already; nothing is claimed and nothing deleted. The
 * first process to apply a row stamps processedAt (which the sweep reads). A failure leaves the
 * horizon where it was: the next call applies the same rows again.
 */
export async function followOutbox(
  engine: SearchEngine,
  catalog: IndexCatalog,
  follower: OutboxFollower,
  now = new Date(),
): Promise<{ applied: number }> {
  const next = await outboxHorizon();
  let applied = 0;
  let after = { txid: follower.horizon, id: 0n };
  for (;;) {
    const rows = await db.$queryRaw<{ id: bigint; index: string; documentId: string; txid: bigint }[]>`
      SELECT id, "index", "documentId", txid FROM "SearchOutbox"
      WHERE txid >= ${follower.horizon} AND (txid, id) > (${after.txid}, ${after.id})
      ORDER BY txid, id LIMIT ${BATCH}`;
    const fresh = rows.filter((row) => !follower.appliedAbove.has(row.id));
    for (const name of namesOf(catalog)) {
      const ids = [...new Set(fresh.filter((row) => row.index === name).map((row) => row.documentId))];
      if (ids.length === 0) continue;
      const documents = await catalog.loadDocuments(name, ids, db);
      const present = new Set(documents.map((document) => document.id));
      if (documents.length) await engine.upsert(name, documents);
      const gone = ids.filter((id) => !present.has(id));
      if (gone.length) await engine.remove(name, gone);
    }
    for (const row of fresh) follower.appliedAbove.set(row.id, row.txid);
    if (fresh.length) {
      await db.searchOutbox.updateMany({
        where: { id: { in: fresh.map((row) => row.id) }, processedAt: null },
        data: { processedAt: now, lastError: null },
      });
    }
    applied += fresh.length;
    if (rows.length < BATCH) break;
    const last = rows[rows.length - 1];
    after = { txid: last.txid, id: last.id };
  }
  if (next > follower.horizon) follower.horizon = next;
  for (const [id, txid] of follower.appliedAbove)
    if (txid < follower.horizon) follower.appliedAbove.delete(id);
  return { applied };
}

export interface IndexerOptions {
  intervalMs?: number;
  /**
   * For an engine of this process only (the embedded one): follow every row from here instead of
   * claiming rows shared with other instances (Meilisearch). Absent: rows are claimed.
   */
  follower?: OutboxFollower;
}

/** Polls the outbox every second until stopped; logs failures, never throws. */
export function startIndexer(
  engine: SearchEngine,
  catalog: IndexCatalog,
  log: Logger,
  { intervalMs = 1000, follower }: IndexerOptions = {},
): () => Promise<void> {
  let stopped = false;
  let running: Promise<void> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;
  let pause = intervalMs;
  let lastSweep = Date.now();
  const tick = () => {
    running = (async () => {
      try {
        if (follower) {
          await followOutbox(engine, catalog, follower);
          pause = intervalMs;
        } else {
          for (;;) {
            const { applied, failed, busy } = await processOutbox(engine, catalog);
            if (failed) log.warn({ failed, busy }, "search index updates failed; they will be retried");
            pause = busy ? BUSY_BACKOFF_MS : intervalMs;
            if (applied + failed === 0 || busy || stopped) break;
          }
        }
        if (Date.now() - lastSweep >= SWEEP_EVERY_MS) {
          lastSweep = Date.now();
          await sweepOutbox();
        }
      } catch (error) {
        log.error({ err: error }, "search indexer failed");
      }
      if (!stopped) timer = setTimeout(tick, pause);
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
 * configured as soon as the engine answers — retried with back-off up to 30 s — then rebuilt if it
 * is empty or behind the database (MEILI_HOST set on an existing database, a lost volume), and
 * only then the indexer starts and drains what piled up.
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
        await backfillIfBehind(engine, catalog, log);
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
