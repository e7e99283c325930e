// npm run db:backup [-- FILE] — writes the database and the uploaded files to one gzip file
// (default backups/xiangke-<time>.backup.gz). See docs/decisions/017-backups.md.
import path from "node:path";
import { parseArgs } from "node:util";
import { z } from "zod";
import { EnvError, parseEnv } from "~/env.server";
import { BackupError, createBackup, resolveDatabase } from "../server/backup";

const USAGE = "Usage: npm run db:backup [-- <file>]";
const Args = z.object({
  positionals: z.array(z.string().min(1, "the file name is empty")).max(1, "give at most one file name"),
});

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

let args: z.infer<typeof Args>;
let env;
try {
  args = Args.parse(parseArgs({ allowPositionals: true, strict: true, options: {} }));
  env = parseEnv(process.env);
} catch (error) {
  if (error instanceof EnvError) fail(error.message);
  if (error instanceof z.ZodError) fail(`${error.issues[0]?.message}\n${USAGE}`);
  fail(`${(error as Error).message}\n${USAGE}`);
}

const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
const file = args.positionals[0] ?? path.join("backups", `xiangke-${stamp}.backup.gz`);
const database = await resolveDatabase(env);
try {
  const summary = await createBackup({
    databaseUrl: database.url,
    file,
    uploadsDir: path.join(env.DATA_DIR, "uploads"),
  });
  console.log(
    `Backed up ${summary.rows} rows in ${summary.tables} tables and ${summary.files} uploaded files to ${summary.file}`,
  );
} catch (error) {
  if (!(error instanceof BackupError)) throw error;
  console.error(error.message);
  process.exitCode = 1; // not process.exit: the embedded database still has to stop
} finally {
  await database.stop();
}
