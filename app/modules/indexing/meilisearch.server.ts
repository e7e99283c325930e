import {
  Meilisearch,
  MeilisearchApiError,
  MeilisearchRequestError,
  MeilisearchTaskTimeOutError,
  type EnqueuedTaskPromise,
  type IndexSwap,
} from "meilisearch";
import {
  MIN_VERSION,
  meiliSearchParams,
  meiliSettings,
  versionAtLeast,
  withPinyin,
} from "./meilisearch.requests.server";
import {
  SearchEngineBusyError,
  type IndexDefinition,
  type IndexName,
  type SearchDocument,
  type SearchEngine,
  type SearchResponse,
} from "./search.types";

// The request builders live beside this file; callers and tests import them from here.
export * from "./meilisearch.requests.server";

export interface MeiliEngineOptions {
  host: string;
  apiKey?: string;
  /** Index uid = prefix + index name, so several apps (or test runs) share one server. */
  prefix?: string;
  /**
   * How long a document write waits for its task. The outbox retries what did not finish, so
   * this stays short (30 s): a busy queue is met with a back-off, not a pile of new tasks.
   */
  taskTimeoutMs?: number;
  /** How long index creation, settings and rebuild tasks wait: a settings change re-indexes. */
  buildTimeoutMs?: number;
  /** Per-request timeout. */
  requestTimeoutMs?: number;
}

/**
 * A rebuild's index (`<live>_<timestamp>`) older than this was left by a process that stopped
 * before its swap (killed, or the server restarted); the next rebuild removes it. A rebuild of
 * 50,000 documents takes minutes, so six hours never catches one still running elsewhere.
 */
export const STALE_REBUILD_MS = 6 * 60 * 60 * 1000;

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
    return new SearchEngineBusyError(
      `Meilisearch did not finish "${action}" on index "${uid}" in time; its task stays queued`,
      { cause: error },
    );
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
  const writeWait = { timeout: options.taskTimeoutMs ?? 30_000, interval: 50 };
  const buildWait = { timeout: options.buildTimeoutMs ?? 10 * 60_000, interval: 100 };
  const uidOf = (index: IndexName) => `${prefix}${index}`;
  /** Definitions seen by configure, so documents get the pinyin of their searchable fields. */
  const definitions = new Map<IndexName, IndexDefinition>();
  let versionChecked: Promise<void> | undefined;

  /** Enqueues a write and waits until Meilisearch has applied it, so a search right after sees it. */
  async function settle(
    action: string,
    uid: string,
    enqueue: () => EnqueuedTaskPromise,
    { tolerate, wait = writeWait }: { tolerate?: string; wait?: typeof writeWait } = {},
  ): Promise<void> {
    let task;
    try {
      task = await enqueue().waitTask(wait);
    } catch (error) {
      throw explain(action, uid, error);
    }
    if (task.status === "succeeded" || (tolerate && task.error?.code === tolerate)) return;
    const reason = task.error ? `: ${task.error.message} [${task.error.code}]` : "";
    throw new Error(
      `Meilisearch could not ${action} on index "${uid}": task ${task.uid} ${task.status}${reason}`,
    );
  }

  /** Once per engine (again after a failure): the settings we send need MIN_VERSION. */
  function checkVersion(): Promise<void> {
    versionChecked ??= (async () => {
      let version: string;
      try {
        version = (await client.getVersion()).pkgVersion;
      } catch (error) {
        throw explain("read the version", "-", error);
      }
      if (!versionAtLeast(version, MIN_VERSION))
        throw new Error(
          `Meilisearch ${version} at ${options.host} is too old: XiangKe needs ${MIN_VERSION} or later ` +
            `(typoTolerance.disableOnNumbers came in 1.15, localizedAttributes in 1.10). Upgrade the ` +
            `server (docs/deployment.md), or unset MEILI_HOST to use the embedded engine.`,
        );
    })().catch((error: unknown) => {
      versionChecked = undefined;
      throw error;
    });
    return versionChecked;
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

  async function create(uid: string) {
    // Another process may create it between the look-up and the creation: that is fine.
    await settle("create the index", uid, () => client.createIndex(uid, { primaryKey: "id" }), {
      tolerate: "index_already_exists",
      wait: buildWait,
    });
  }

  /** Deletes rebuild indexes of this live index that are older than STALE_REBUILD_MS. */
  async function removeStaleRebuilds(live: string, now: number) {
    // The prefix and index names hold only letters, digits, "-" and "_": safe inside a pattern.
    const leftover = new RegExp(`^${live}_(\\d+)$`);
    const stale: string[] = [];
    const limit = 200;
    for (let offset = 0; ; offset += limit) {
      let page;
      try {
        page = await client.getRawIndexes({ offset, limit });
      } catch (error) {
        throw explain("list the indexes", live, error);
      }
      for (const { uid } of page.results) {
        const started = leftover.exec(uid)?.[1];
        if (started && Number(started) < now - STALE_REBUILD_MS) stale.push(uid);
      }
      if (page.results.length < limit || offset + limit >= page.total) break;
    }
    for (const uid of stale)
      await settle("delete a stale rebuild", uid, () => client.deleteIndex(uid), {
        tolerate: "index_not_found",
        wait: buildWait,
      });
  }

  function stored(index: IndexName, documents: readonly SearchDocument[]): SearchDocument[] {
    const definition = definitions.get(index);
    return documents.map((document) =>
      withPinyin(
        document,
        definition ?? {
          searchable: Object.keys(document).filter((name) => name !== "id"),
          filterable: [],
          sortable: [],
        },
      ),
    );
  }

  return {
    kind: "meilisearch",

    async configure(index, definition, dictionary) {
      await checkVersion();
      const uid = uidOf(index);
      definitions.set(index, definition);
      if (!(await exists(uid))) await create(uid);
      await settle(
        "update settings",
        uid,
        () => client.index(uid).updateSettings(meiliSettings(definition, dictionary)),
        {
          wait: buildWait,
        },
      );
    },

    async upsert(index, documents) {
      if (documents.length === 0) return;
      const uid = uidOf(index);
      // POST replaces a document with the same id as a whole (PUT would merge fields).
      await settle("add documents", uid, () => client.index(uid).addDocuments(stored(index, documents)));
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

    async rebuild(index, definition, dictionary, batches) {
      await checkVersion();
      definitions.set(index, definition);
      const live = uidOf(index);
      // Built beside the live index and swapped in whole: searches see the old documents until
      // the swap and the new ones after it, never an empty or half-filled index.
      const now = Date.now();
      await removeStaleRebuilds(live, now);
      const fresh = `${live}_${now}`;
      let count = 0;
      try {
        await create(fresh);
        await settle(
          "update settings",
          fresh,
          () => client.index(fresh).updateSettings(meiliSettings(definition, dictionary)),
          {
            wait: buildWait,
          },
        );
        for await (const batch of batches) {
          if (batch.length === 0) continue;
          await settle("add documents", fresh, () => client.index(fresh).addDocuments(stored(index, batch)), {
            wait: buildWait,
          });
          count += batch.length;
        }
        // Both indexes must exist to be swapped.
        if (!(await exists(live))) await create(live);
        // `rename` is left out: servers before 1.18 refuse unknown fields in the swap body.
        const swap = { indexes: [live, fresh] } as IndexSwap;
        await settle("swap in the rebuilt index", live, () => client.swapIndexes([swap]), {
          wait: buildWait,
        });
      } catch (error) {
        // The live index is untouched until the swap; the half-built one is only in the way.
        await client
          .deleteIndex(fresh)
          .waitTask(buildWait)
          .catch(() => undefined);
        throw error;
      }
      // After the swap `fresh` holds the old documents.
      await settle("delete the replaced index", fresh, () => client.deleteIndex(fresh), { wait: buildWait });
      return count;
    },

    async documentCount(index) {
      const uid = uidOf(index);
      try {
        return (await client.index(uid).getStats()).numberOfDocuments;
      } catch (error) {
        if (error instanceof MeilisearchApiError && error.response.status === 404) return 0;
        throw explain("count the documents", uid, error);
      }
    },

    async search(index, request): Promise<SearchResponse> {
      const uid = uidOf(index);
      // Built before any request: an invalid field or value throws here, never at Meilisearch.
      const { q, skip, ...params } = meiliSearchParams(request);
      let result;
      try {
        result = await client.index(uid).search<{ id: string }>(q, params);
      } catch (error) {
        throw explain("search", uid, error);
      }
      const distribution = result.facetDistribution ?? {};
      // page/hitsPerPage answers carry the exhaustive totalHits (up to pagination.maxTotalHits).
      const counts: { estimatedTotalHits?: number; totalHits?: number } = result;
      return {
        hits: result.hits.slice(skip).map((hit) => ({ id: String(hit.id) })),
        total: counts.totalHits ?? counts.estimatedTotalHits ?? result.hits.length,
        facets: Object.fromEntries((params.facets ?? []).map((facet) => [facet, { ...distribution[facet] }])),
      };
    },
  };
}
