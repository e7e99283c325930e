import type { Tx } from "~/db.server";

/*
 * The demo seed's ledger clock (decision 041, addendum). The ledger stamps a transfer and its
 * entries with the database clock; the demo story, which is written in one transaction at start
 * and tells of money moved over the past year, dates each of its transfers by the business event
 * it belongs to (a milestone funded, a grant paid) instead.
 *
 * Only a transaction handed to `atLedgerTime` has a clock, only while its callback runs, and
 * only the demo seed may import this file (eslint.config.js refuses it anywhere else in the app).
 * The ledger never dates a row later than the database clock, so a clock can only move a row into
 * the past. Nothing else changes: the same statements, triggers and checks write every transfer.
 */

const clocks = new WeakMap<Tx, Date>();

/** Runs `move` with the ledger's rows in `tx` dated `at` (never later than the database's now). */
export async function atLedgerTime<T>(tx: Tx, at: Date, move: () => Promise<T>): Promise<T> {
  if (clocks.has(tx)) throw new Error("the ledger clock is already set in this transaction");
  clocks.set(tx, at);
  try {
    return await move();
  } finally {
    clocks.delete(tx);
  }
}

/** The moment the ledger dates rows written in `tx`: null for the database clock (always, outside the demo seed). */
export function ledgerTimeOf(tx: Tx): Date | null {
  return clocks.get(tx) ?? null;
}
