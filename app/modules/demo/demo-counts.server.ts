import type { Db } from "~/db.server";
import { Prisma } from "~/generated/prisma/client";

/**
 * Rows in every table that holds any, for the log line the server writes after seeding the demo
 * (one line per table). Table names come from the generated client, never from input.
 */
export async function demoTableCounts(client: Db): Promise<{ table: string; rows: number }[]> {
  const tables = Object.values(Prisma.ModelName);
  const query = tables
    .map((table) => `SELECT '${table}' AS "table", count(*) AS rows FROM "${table}"`)
    .join(" UNION ALL ");
  const counted = await client.$queryRawUnsafe<{ table: string; rows: bigint }[]>(query);
  return counted
    .map((row) => ({ table: row.table, rows: Number(row.rows) }))
    .filter((row) => row.rows > 0)
    .sort((a, b) => a.table.localeCompare(b.table));
}
