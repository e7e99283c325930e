import { PrismaPg } from "@prisma/adapter-pg";
import { Prisma, PrismaClient } from "~/generated/prisma/client";
import { singleton } from "~/utils/singleton.server";

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
      return new PrismaClient({ adapter: new PrismaPg({ connectionString, max: 10 }) });
    });
    const value = Reflect.get(client, property, client);
    return typeof value === "function" ? value.bind(client) : value;
  },
});

/** A write refused by a unique index: someone else created the same thing first. */
export function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
}
