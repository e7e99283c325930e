import { PrismaPg } from "@prisma/adapter-pg";
import { Prisma, PrismaClient } from "~/generated/prisma/client";
import { singleton } from "~/utils/singleton.server";
import { wellFormedValues } from "~/utils/well-formed-text";

export type Db = PrismaClient;
/** A transaction client, for service functions a caller composes into one transaction. */
export type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];

/**
 * The process's Prisma client. The URL comes from process.env at first use, because with the
 * embedded database the server only learns it after starting the cluster.
 */
export const db: PrismaClient = new Proxy({} as PrismaClient, {
  get(_target, property) {
    const connectionString = process.env.DATABASE_URL;
    if (!connectionString) throw new Error("DATABASE_URL is not set: start the database first");
    const client = singleton(`prisma:${connectionString}`, () => {
      // Under load a transaction may wait for one of the pool's connections longer than Prisma's
      // 2 s default, which failed pages with P2028 (measured by `npm run bench:load`): a slow
      // answer is better than an error. Interactive transactions get 15 s rather than 5 s.
      const base = new PrismaClient({
        adapter: new PrismaPg({ connectionString, max: 10 }),
        transactionOptions: { maxWait: 10_000, timeout: 15_000 },
      });
      // Every value on its way to PostgreSQL, raw queries included, is made well-formed text
      // (app/utils/well-formed-text.ts): one boundary for forms, JSON, URLs and sockets alike.
      return base.$extends({
        query: {
          $allOperations: ({ args, query }) => query(wellFormedArgs(args)),
        },
      }) as unknown as PrismaClient;
    });
    const value = Reflect.get(client, property, client);
    return typeof value === "function" ? value.bind(client) : value;
  },
});

/** Raw queries carry their values in a `Sql` object; model operations in plain objects. */
function wellFormedArgs<T>(args: T): T {
  if (args instanceof Prisma.Sql) {
    return new Prisma.Sql(args.strings, wellFormedValues(args.values)) as T;
  }
  if (Array.isArray(args)) return args.map(wellFormedArgs) as T;
  return wellFormedValues(args);
}

/**
 * A transaction a caller opened, with the work to do once it commits (delivering notifications,
 * for instance). A service that takes an optional `unit` joins the caller's transaction, so
 * what the caller writes beside it (an API idempotency key) commits or rolls back with it.
 */
export interface Unit {
  tx: Tx;
  afterCommit(task: () => Promise<unknown>): void;
}

/** Runs `work` in the caller's unit when given, else in a new transaction whose after-commit tasks run once it commits. */
export async function withUnit<T>(
  unit: Unit | undefined,
  work: (unit: Unit) => Promise<T>,
  options?: { timeout?: number; maxWait?: number },
): Promise<T> {
  if (unit) return work(unit);
  const tasks: (() => Promise<unknown>)[] = [];
  const result = await db.$transaction(
    (tx) => work({ tx, afterCommit: (task) => void tasks.push(task) }),
    options,
  );
  for (const task of tasks) await task();
  return result;
}

/** A write refused by a unique index: someone else created the same thing first. */
export function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
}
