// npm run search:reindex — brings the search index back in line with the database.
// With Meilisearch (MEILI_HOST) it rebuilds every index now, each into a new index that is
// swapped in whole when full, so search keeps answering from the old one meanwhile. With the
// embedded engine, which lives inside the running app, it queues every document so the app
// re-applies them (and the app rebuilds that index at each start anyway).
import pino from "pino";
import { db } from "~/db.server";
import { EnvError, parseEnv } from "~/env.server";
import { getSearchEngine } from "~/modules/indexing/engine.server";
import { INDEXED_NAMES, loadDocuments } from "~/modules/search/indexes.server";
import { rebuildIndexes } from "~/modules/search/indexer.server";
import { markForIndexing } from "~/modules/indexing/outbox.server";
import { runningDatabaseUrl, startEmbeddedPostgres, type RunningDatabase } from "../server/embedded-postgres";

let env;
try {
  env = parseEnv(process.env);
} catch (error) {
  if (error instanceof EnvError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}

let embedded: RunningDatabase | undefined;
const url = env.DATABASE_URL ?? (await runningDatabaseUrl(env.DATA_DIR));
if (url) {
  process.env.DATABASE_URL = url;
} else {
  embedded = await startEmbeddedPostgres(env.DATA_DIR, pino({ level: "warn" }));
  process.env.DATABASE_URL = embedded.url;
}

try {
  const engine = getSearchEngine();
  if (engine.kind === "meilisearch") {
    const counts = await rebuildIndexes(engine, {
      onProgress: ({ index, done, total }) => console.log(`${index}: ${done}/${total}`),
    });
    console.log(`Rebuilt the Meilisearch indexes and swapped them in: ${JSON.stringify(counts)}`);
  } else {
    for (const name of INDEXED_NAMES) {
      const ids = (await loadDocuments(name, "all")).map((document) => document.id);
      await db.$transaction((tx) => markForIndexing(tx, name, ids));
      console.log(`Queued ${ids.length} ${name} for re-indexing.`);
    }
    console.log(
      url
        ? "The running app applies them within seconds."
        : "The app rebuilds its embedded index when it starts.",
    );
  }
} finally {
  await db.$disconnect();
  await embedded?.stop();
}
