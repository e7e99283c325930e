import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, inject } from "vitest";
import { db } from "~/db.server";
import { syncReferenceData } from "~/modules/reference/reference.server";

const TEMPLATE_DATABASE = "xiangke_template";

/**
 * Gives the calling test file its own database, cloned from the migrated template, and points
 * the app's Prisma client at it. Dropped after the file's tests.
 */
export function useTestDatabase(): { url: () => string } {
  let url = "";
  const name = `test_${randomBytes(6).toString("hex")}`;
  const adminUrl = inject("postgresAdminUrl");

  beforeAll(async () => {
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${TEMPLATE_DATABASE}`);
    await admin.end();
    url = adminUrl.replace(/\/postgres$/, `/${name}`);
    process.env.DATABASE_URL = url;
    await syncReferenceData(db);
  });

  afterAll(async () => {
    await db.$disconnect();
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  });

  return { url: () => url };
}
