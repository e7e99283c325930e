/*
 * The one-shot process that prepares the database before the app serves (server/prepare-database.ts,
 * docs/decisions/047): migrations, reference data, the demo seed. It reports what they took to the
 * process that started it, then exits.
 */
import { db } from "~/db.server";
import { createServerLogger, readEnvOrExit } from "./boot";
import { PREPARED_MESSAGE, prepareDatabase } from "./prepare-database";

// A server that stopped while its database was being prepared has nobody left to report to.
process.on("disconnect", () => process.exit(1));

async function main(): Promise<number> {
  const env = readEnvOrExit("XiangKe cannot prepare its database.");
  const log = createServerLogger(env);
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) {
    log.fatal("preparing the database needs DATABASE_URL (the server sets it)");
    return 1;
  }
  try {
    const times = await prepareDatabase(env, databaseUrl, log);
    await new Promise<void>((resolve) => {
      if (process.send) process.send({ type: PREPARED_MESSAGE, ...times }, () => resolve());
      else resolve();
    });
    return 0;
  } catch (error) {
    log.fatal({ err: error }, "preparing the database failed");
    return 1;
  } finally {
    await db.$disconnect();
  }
}

process.exit(await main());
