import { getEnv } from "~/env.server";
import { singleton } from "~/utils/singleton.server";
import { createEmbeddedEngine } from "./embedded.server";
import { createMeiliEngine } from "./meilisearch.server";
import type { SearchEngine } from "./search.types";

/** Meilisearch when MEILI_HOST is set; otherwise the embedded engine, one per process. */
export function getSearchEngine(): SearchEngine {
  const env = getEnv();
  return singleton(`search-engine:${env.MEILI_HOST ?? "embedded"}`, () =>
    env.MEILI_HOST
      ? createMeiliEngine({ host: env.MEILI_HOST, apiKey: env.MEILI_API_KEY })
      : createEmbeddedEngine(),
  );
}
