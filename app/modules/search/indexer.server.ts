import type { Logger } from "pino";
import * as indexing from "~/modules/indexing/indexer.server";
import type { SearchEngine } from "~/modules/indexing/search.types";
import { SEARCH_CATALOG } from "./indexes.server";

/*
 * The indexer of app/modules/indexing bound to the marketplace's catalog: the server, the
 * reindex script and the tests start and drive it from here, so the generic processor never
 * imports the tables it indexes.
 */

export function configureIndexes(engine: SearchEngine): Promise<void> {
  return indexing.configureIndexes(engine, SEARCH_CATALOG);
}

/** Loads every index again from the database (Meilisearch: into a new index swapped in whole). */
export function rebuildIndexes(engine: SearchEngine, options?: indexing.RebuildOptions) {
  return indexing.rebuildIndexes(engine, SEARCH_CATALOG, options);
}

/** The indexes whose engine copy holds another number of documents than the database gives. */
export function indexesBehind(engine: SearchEngine) {
  return indexing.indexesBehind(engine, SEARCH_CATALOG);
}

/** Applies one batch of pending outbox rows. */
export function processOutbox(engine: SearchEngine, now = new Date()) {
  return indexing.processOutbox(engine, SEARCH_CATALOG, now);
}

export function startIndexer(engine: SearchEngine, log: Logger, options?: indexing.IndexerOptions) {
  return indexing.startIndexer(engine, SEARCH_CATALOG, log, options);
}

/** Applies every outbox row this process has not applied yet (an engine of this process only). */
export function followOutbox(engine: SearchEngine, follower: indexing.OutboxFollower, now = new Date()) {
  return indexing.followOutbox(engine, SEARCH_CATALOG, follower, now);
}

/**
 * The embedded engine, in each process: filled from the database, then kept complete by applying
 * every outbox row after the horizon read before the fill (docs/decisions/042).
 */
export async function startEmbeddedIndex(
  engine: SearchEngine,
  log: Logger,
  intervalMs?: number,
): Promise<{ documents: Record<string, number>; stop: () => Promise<void> }> {
  const follower = indexing.followerFrom(await indexing.outboxHorizon());
  const documents = await rebuildIndexes(engine);
  return { documents, stop: indexing.startIndexer(engine, SEARCH_CATALOG, log, { intervalMs, follower }) };
}

export function startIndexerWhenConfigured(engine: SearchEngine, log: Logger, retryMs?: number) {
  return indexing.startIndexerWhenConfigured(engine, SEARCH_CATALOG, log, retryMs);
}
