import { createReadStream, existsSync } from "node:fs";
import { createGunzip } from "node:zlib";
import { z } from "zod";
import {
  BackupError,
  type BackupHeader,
  type TableInfo,
  HeaderSchema,
  END_OF_SECTION,
  FileSchema,
  FooterSchema,
} from "./backup-format";

/** The lines of a byte stream, each with its newline; a last line without one means a cut-off file. */
async function* linesOf(stream: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  let rest: Buffer = Buffer.alloc(0);
  for await (const chunk of stream) {
    const data = rest.length > 0 ? Buffer.concat([rest, chunk]) : chunk;
    let start = 0;
    for (let end = data.indexOf(10); end !== -1; end = data.indexOf(10, start)) {
      yield data.subarray(start, end + 1);
      start = end + 1;
    }
    rest = data.subarray(start);
  }
  if (rest.length > 0) throw new BackupError("The backup is truncated (its last line is cut off).");
}

type BackupEvent =
  | { kind: "header"; header: BackupHeader }
  | { kind: "table"; table: TableInfo }
  | { kind: "row"; line: Buffer }
  | { kind: "file"; key: string; size: number }
  | { kind: "fileBytes"; bytes: Buffer }
  | { kind: "end"; rows: number; files: number };

function parseJson<T>(schema: z.ZodType<T>, text: string, what: string): T {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new BackupError(`The backup is damaged: its ${what} is not readable.`);
  }
  const result = schema.safeParse(value);
  if (!result.success)
    throw new BackupError(
      `The backup is damaged or of an unknown format: bad ${what} (${result.error.issues[0]?.message}).`,
    );
  return result.data;
}

/**
 * Reads a backup and checks its whole structure as it goes: the header, every table of the
 * header exactly once and in order, each file's size, and a footer whose counts match. gzip's
 * own checksum catches damaged bytes; a missing footer catches a cut-off file.
 */
export async function* readBackup(file: string): AsyncGenerator<BackupEvent> {
  const gunzip = createGunzip();
  const source = createReadStream(file);
  source.on("error", (error) => gunzip.destroy(error));
  source.pipe(gunzip);
  let header: BackupHeader | undefined;
  let section:
    | { kind: "table"; table: TableInfo; rows: number }
    | { kind: "file"; key: string; size: number; bytes: number }
    | undefined;
  let nextTable = 0;
  const rows: Record<string, number> = {};
  let files = 0;
  let ended = false;
  try {
    for await (const line of linesOf(gunzip)) {
      const text = () => line.toString("utf8", 0, line.length - 1);
      if (ended) throw new BackupError("The backup is damaged: there is data after its end.");
      if (!header) {
        header = parseJson(HeaderSchema, text(), "header");
        yield { kind: "header", header };
      } else if (section?.kind === "table") {
        if (text() === END_OF_SECTION) {
          rows[section.table.name] = section.rows;
          section = undefined;
        } else {
          section.rows++;
          yield { kind: "row", line };
        }
      } else if (section?.kind === "file") {
        if (text() === END_OF_SECTION) {
          if (section.bytes !== section.size)
            throw new BackupError(
              `The backup is damaged: file ${section.key} has ${section.bytes} bytes, not ${section.size}.`,
            );
          section = undefined;
        } else {
          const bytes = Buffer.from(text(), "base64");
          section.bytes += bytes.length;
          yield { kind: "fileBytes", bytes };
        }
      } else if (text().startsWith("\\table ")) {
        const name = parseJson(z.string(), text().slice(7), "table marker");
        const table = header.tables[nextTable++];
        if (files > 0 || table?.name !== name)
          throw new BackupError(`The backup is damaged: table ${name} is out of place.`);
        section = { kind: "table", table, rows: 0 };
        yield { kind: "table", table };
      } else if (text().startsWith("\\file ")) {
        if (nextTable !== header.tables.length)
          throw new BackupError("The backup is damaged: files start before every table was read.");
        const meta = parseJson(FileSchema, text().slice(6), "file marker");
        section = { kind: "file", ...meta, bytes: 0 };
        files++;
        yield { kind: "file", ...meta };
      } else if (text().startsWith("\\end ")) {
        const footer = parseJson(FooterSchema, text().slice(5), "footer");
        const counted = JSON.stringify(rows);
        if (
          nextTable !== header.tables.length ||
          footer.files !== files ||
          JSON.stringify(footer.rows) !== counted
        ) {
          throw new BackupError("The backup is damaged: its contents do not match its footer.");
        }
        ended = true;
        yield { kind: "end", rows: Object.values(rows).reduce((sum, n) => sum + n, 0), files };
      } else {
        throw new BackupError("The backup is damaged: an unexpected line between sections.");
      }
    }
  } catch (error) {
    if (error instanceof BackupError) throw error;
    throw new BackupError(`${file} is not a readable XiangKe backup: ${(error as Error).message}`, {
      cause: error,
    });
  } finally {
    source.destroy();
    gunzip.destroy();
  }
  if (!header) throw new BackupError(`${file} is empty.`);
  if (!ended) throw new BackupError("The backup is truncated: it stops before its end marker.");
}

/** Reads the whole backup without touching any database; throws a BackupError if anything is wrong. */
export async function verifyBackup(
  file: string,
): Promise<{ header: BackupHeader; rows: number; files: number }> {
  if (!existsSync(file)) throw new BackupError(`There is no backup file at ${file}.`);
  let header: BackupHeader | undefined;
  let counts = { rows: 0, files: 0 };
  // Read to the last byte: readBackup refuses anything after the footer or a missing footer.
  for await (const event of readBackup(file)) {
    if (event.kind === "header") header = event.header;
    if (event.kind === "end") counts = { rows: event.rows, files: event.files };
  }
  return { header: header!, ...counts };
}
