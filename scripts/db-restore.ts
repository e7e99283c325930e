// npm run db:restore -- FILE [--force] — restores a file written by `npm run db:backup` into the
// database and DATA_DIR/uploads. Refuses a database that holds data unless --force, which drops
// and rebuilds its schema. See docs/decisions/017-backups.md.
import path from "node:path";
import { parseArgs } from "node:util";
import pino from "pino";
import { z } from "zod";
import { EnvError, parseEnv } from "~/env.server";
import { BackupError, resolveDatabase, restoreBackup } from "../server/backup";

const USAGE = "Usage: npm run db:restore -- <file> [--force]";
const Args = z.object({
  positionals: z.tuple([z.string().min(1)], { message: "give exactly one backup file" }),
  values: z.object({ force: z.boolean().default(false) }),
});

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

let args: z.infer<typeof Args>;
let env;
try {
  args = Args.parse(
    parseArgs({ allowPositionals: true, strict: true, options: { force: { type: "boolean" } } }),
  );
  env = parseEnv(process.env);
} catch (error) {
  if (error instanceof EnvError) fail(error.message);
  if (error instanceof z.ZodError) fail(`${error.issues[0]?.message}\n${USAGE}`);
  fail(`${(error as Error).message}\n${USAGE}`);
}

const database = await resolveDatabase(env);
try {
  const summary = await restoreBackup({
    databaseUrl: database.url,
    file: args.positionals[0],
    uploadsDir: path.join(env.DATA_DIR, "uploads"),
    force: args.values.force,
    log: pino({ level: "warn" }),
  });
  console.log(
    `Restored ${summary.rows} rows in ${summary.tables} tables and ${summary.files} uploaded files.`,
  );
  if (summary.previousUploads)
    console.log(`The uploads folder that was there is kept at ${summary.previousUploads}`);
  // The running app keeps its search index and caches in memory.
  if (database.running)
    console.log("Restart the app so it rebuilds its search index from the restored data.");
} catch (error) {
  if (!(error instanceof BackupError)) throw error;
  console.error(error.message);
  process.exitCode = 1; // not process.exit: the embedded database still has to stop
} finally {
  await database.stop();
}
