import { randomUUID } from "node:crypto";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";

const CHAR_OID = 18;
const NAME_OID = 19;
const TEXT_OID = 25;
/** Catalog column types the WASM schema engine cannot decode; to a reader they are text. */
const READ_AS_TEXT = new Set([CHAR_OID, NAME_OID]);

type QueryResultLike = { fields?: Array<{ dataTypeID: number }> };

function catalogTypesAsText<T>(result: T): T {
  const fields = (result as QueryResultLike | undefined)?.fields;
  if (fields) for (const field of fields) if (READ_AS_TEXT.has(field.dataTypeID)) field.dataTypeID = TEXT_OID;
  return result;
}

function patchQuery<C extends { query: (...args: never[]) => unknown }>(client: C): C {
  const original = client.query.bind(client) as (...args: unknown[]) => unknown;
  (client as { query: unknown }).query = (...args: unknown[]) => {
    const out = original(...args);
    return out instanceof Promise ? out.then(catalogTypesAsText) : out;
  };
  return client;
}

/**
 * The WASM schema engine cannot decode PostgreSQL `name` columns read through adapter-pg
 * (prisma/orm#27403), which breaks `migrate deploy` and `migrate status` on catalog queries; the
 * fuller description `migrate diff` makes of a database fails the same way on `"char"` columns
 * (pg_class.relkind and the like). This pool reports both as `text`, which is what they are to a reader.
 */
class NameAsTextPool extends pg.Pool {
  constructor(config: pg.PoolConfig) {
    super(config);
    patchQuery(this);
    this.on("connect", (client) => {
      patchQuery(client);
    });
  }
}

type Adapter = Awaited<ReturnType<PrismaPg["connect"]>>;

/**
 * The CLI's adapter. Its shadow database (what `migrate diff --from-migrations` replays the
 * migrations into) is also read through a NameAsTextPool. adapter-pg's own shadow pool is a plain
 * `pg.Pool`, which fails on the same `name` columns, and it passes the new database's name beside
 * the connection string, which pg ignores when a string is given: the migrations would be
 * replayed into the main database. So the shadow database is created here and reached by its own URL.
 */
class MigrationAdapterFactory extends PrismaPg {
  constructor(private readonly connectionString: string) {
    super(new NameAsTextPool({ connectionString, max: 2 }));
  }

  override async connectToShadowDb(): Promise<Adapter> {
    const main = await this.connect();
    const database = `prisma_migrate_shadow_db_${randomUUID().replaceAll("-", "")}`;
    await main.executeScript(`CREATE DATABASE "${database}"`);
    const url = new URL(this.connectionString);
    url.pathname = `/${database}`;
    const pool = new NameAsTextPool({ connectionString: url.toString(), max: 2 });
    const shadow = await new PrismaPg(pool, { disposeExternalPool: true }).connect();
    const disposeShadow = shadow.dispose.bind(shadow);
    shadow.dispose = async () => {
      await disposeShadow();
      await main.executeScript(`DROP DATABASE "${database}"`);
      await main.dispose();
    };
    return shadow;
  }
}

export function createMigrationAdapter(connectionString: string) {
  return new MigrationAdapterFactory(connectionString);
}
