import { describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { atLedgerTime, ledgerTimeOf } from "~/modules/ledger/ledger-clock.server";
import { CLEARING, checkLedgerInvariants, ensureWallet, transfer } from "~/modules/ledger/ledger.server";
import { useTestDatabase } from "../support/database";
import { createUser } from "../support/factories";

useTestDatabase();

/** The transfer's row and its two entries' dates, as the database holds them. */
async function datesOf(transferId: string) {
  const [row] = await db.$queryRaw<{ at: Date; entries: Date[]; dbNow: Date }[]>`
    SELECT t."createdAt" AS at, array_agg(e."createdAt") AS entries, now()::timestamp AS "dbNow"
    FROM "LedgerTransfer" t JOIN "LedgerEntry" e ON e."transferId" = t.id
    WHERE t.id = ${transferId} GROUP BY t.id`;
  return row!;
}

async function depositInto(at: Date | null) {
  const user = await createUser();
  return db.$transaction(async (tx) => {
    const wallet = await ensureWallet(tx, { userId: user.id });
    const move = () => transfer(tx, { from: CLEARING, to: wallet, amountFen: 1_000, reason: "DEPOSIT" });
    return at ? atLedgerTime(tx, at, move) : move();
  });
}

describe("the demo seed's ledger clock", () => {
  it("leaves every transfer on the database clock unless the seed dates it, and dates both entries alike", async () => {
    const before = Date.now();
    const plain = await datesOf((await depositInto(null)).id);
    // The database's clock, give or take the two clocks' drift on one machine.
    expect(Math.abs(plain.at.getTime() - before)).toBeLessThan(60_000);
    expect(plain.entries.map((d) => d.getTime())).toEqual([plain.at.getTime(), plain.at.getTime()]);

    const lastSpring = new Date("2026-04-03T02:30:00Z");
    const dated = await datesOf((await depositInto(lastSpring)).id);
    expect(dated.at.toISOString()).toBe(lastSpring.toISOString());
    expect(dated.entries.map((d) => d.toISOString())).toEqual([
      lastSpring.toISOString(),
      lastSpring.toISOString(),
    ]);
    expect(await checkLedgerInvariants()).toMatchObject({ drifted: [], unbalanced: [], negative: [] });
  });

  it("never dates a row later than the database clock", async () => {
    const future = new Date(Date.now() + 400 * 24 * 3600_000);
    const { at } = await datesOf((await depositInto(future)).id);
    expect(at.getTime()).toBeLessThan(future.getTime() - 300 * 24 * 3600_000);
  });

  it("is set for the callback only, also when it fails, and not twice at once", async () => {
    await db.$transaction(async (tx) => {
      const at = new Date("2026-02-01T00:00:00Z");
      await expect(
        atLedgerTime(tx, at, async () => {
          expect(ledgerTimeOf(tx)).toEqual(at);
          await expect(atLedgerTime(tx, at, async () => 1)).rejects.toThrow(/already set/);
          throw new Error("refused");
        }),
      ).rejects.toThrow("refused");
      expect(ledgerTimeOf(tx)).toBeNull();
    });
  });

  it("keeps the append-only protection: a dated row cannot be changed afterwards", async () => {
    const { id } = await depositInto(new Date("2026-03-01T00:00:00Z"));
    await expect(
      db.$executeRaw`UPDATE "LedgerTransfer" SET "createdAt" = now() WHERE id = ${id}`,
    ).rejects.toThrow(/append-only/);
  });
});
