import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import pino from "pino";
import type { TestProject } from "vitest/node";
import { startEmbeddedPostgres } from "../../server/embedded-postgres";
import { applyDatabaseRules, runPrismaCli } from "../../server/migrate";

export const TEMPLATE_DATABASE = "xiangke_template";

declare module "vitest" {
  export interface ProvidedContext {
    postgresAdminUrl: string;
  }
}

/**
 * One real PostgreSQL for the whole run, with a template database that has every migration
 * applied; each test file clones it (CREATE DATABASE … TEMPLATE) in milliseconds.
 */
export default async function setup(project: TestProject) {
  const dir = mkdtempSync(path.join(os.tmpdir(), "xiangke-vitest-"));
  const database = await startEmbeddedPostgres(dir, pino({ level: "warn" }));
  const adminUrl = database.url.replace(/\/xiangke$/, "/postgres");
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${TEMPLATE_DATABASE}`);
  await admin.end();
  await runPrismaCli(["migrate", "deploy"], adminUrl.replace(/\/postgres$/, `/${TEMPLATE_DATABASE}`));
  await applyDatabaseRules(adminUrl.replace(/\/postgres$/, `/${TEMPLATE_DATABASE}`));
  project.provide("postgresAdminUrl", adminUrl);

  return async () => {
    await database.stop();
    rmSync(dir, { recursive: true, force: true });
  };
}
