import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";

const NAME_OID = 19;
const TEXT_OID = 25;

type QueryResultLike = { fields?: Array<{ dataTypeID: number }> };

function renameNameColumns<T>(result: T): T {
  const fields = (result as QueryResultLike | undefined)?.fields;
  if (fields) for (const field of fields) if (field.dataTypeID === NAME_OID) field.dataTypeID = TEXT_OID;
  return result;
}

function patchQuery<C extends { query: (...args: never[]) => unknown }>(client: C): C {
  const original = client.query.bind(client) as (...args: unknown[]) => unknown;
  (client as { query: unknown }).query = (...args: unknown[]) => {
    const out = original(...args);
    return out instanceof Promise ? out.then(renameNameColumns) : out;
  };
  return client;
}

/**
 * The WASM schema engine cannot decode PostgreSQL `name` columns read through adapter-pg
 * (prisma/orm#27403), which breaks `migrate deploy` and `migrate status` on catalog queries.
 * This pool reports such columns as `text`, which is what they are to a reader.
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

export function createMigrationAdapter(connectionString: string) {
  return new PrismaPg(new NameAsTextPool({ connectionString, max: 2 }));
}
