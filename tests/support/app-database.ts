import { readFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";

/**
 * One query against the database of an app process started for a test or a bench (its data
 * folder holds the embedded PostgreSQL's URL): what reached the database is what gets counted.
 */
export async function queryAppDatabase<T extends pg.QueryResultRow>(
  dataDir: string,
  sql: string,
  params: unknown[] = [],
): Promise<T[]> {
  const url = readFileSync(path.join(dataDir, "database-url"), "utf8").trim();
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}
