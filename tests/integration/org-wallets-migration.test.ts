import { readFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { db } from "~/db.server";
import type { LedgerReasonCode } from "~/modules/ledger/ledger.schema";
import {
  balanceOf,
  checkLedgerInvariants,
  CLEARING,
  ensureAccount,
  ensureWallet,
  escrowId,
  transfer,
  walletId,
} from "~/modules/ledger/ledger.server";
import { useTestDatabase } from "../support/database";
import { createActiveAgreement } from "../support/escrow-factories";
import { createExpert } from "../support/needs-factories";
import { createInstitutionMember } from "../support/offers-factories";

const database = useTestDatabase();

const MIGRATION = path.join("prisma", "migrations", "20261206161615_org_wallets", "migration.sql");

/** The old shape: money of an agreement paid from its escrow into the expert's personal wallet. */
async function paidToPerson(
  setup: Awaited<ReturnType<typeof createActiveAgreement>>,
  payeeUserId: string,
  amountFen: number,
  reason: LedgerReasonCode,
) {
  const milestone = setup.milestones[0]!;
  await db.$transaction(async (tx) => {
    const escrow = await ensureAccount(tx, {
      id: escrowId(milestone.id),
      kind: "ESCROW",
      milestoneId: milestone.id,
    });
    await transfer(tx, { from: CLEARING, to: escrow, amountFen, reason: "MILESTONE_FUND" });
    const wallet = await ensureWallet(tx, { userId: payeeUserId });
    await transfer(tx, { from: escrow, to: wallet, amountFen, reason, agreementId: setup.agreement.id });
  });
}

async function applyMigration() {
  const client = new pg.Client({ connectionString: database.url() });
  await client.connect();
  try {
    await client.query("BEGIN");
    await client.query(readFileSync(MIGRATION, "utf8"));
    await client.query("COMMIT");
  } finally {
    await client.end();
  }
}

describe("migration org_wallets", () => {
  it("moves money paid to people on an organisation's behalf to its wallet, keeping the ledger balanced", async () => {
    const { organisation: university } = await createInstitutionMember();
    const { organisation: institute } = await createInstitutionMember();
    // 张明 was paid 30,000 + 5,000 for the university and withdrew 10,000 of it since.
    const forUniversity = await createActiveAgreement({
      amounts: [30_000],
      payeeOrganisationId: university.id,
    });
    const zhang = forUniversity.payee.id;
    await paidToPerson(forUniversity, zhang, 30_000, "MILESTONE_RELEASE");
    await paidToPerson(forUniversity, zhang, 5_000, "REVENUE_SHARE");
    await db.$transaction((tx) =>
      transfer(tx, {
        from: walletId({ userId: zhang }),
        to: CLEARING,
        amountFen: 10_000,
        reason: "WITHDRAWAL_PAID",
      }),
    );
    // 李华 was paid for two organisations and still holds all of it.
    const li = await createExpert();
    const first = await createActiveAgreement({ amounts: [8_000], payeeOrganisationId: university.id });
    const second = await createActiveAgreement({ amounts: [4_000], payeeOrganisationId: institute.id });
    await db.agreement.updateMany({
      where: { id: { in: [first.agreement.id, second.agreement.id] } },
      data: { payeeUserId: li.id },
    });
    await paidToPerson(first, li.id, 8_000, "MILESTONE_RELEASE");
    await paidToPerson(second, li.id, 4_000, "DISPUTE_RELEASE");
    // An expert contracting for themselves keeps what they were paid.
    const own = await createActiveAgreement({ amounts: [7_000] });
    await paidToPerson(own, own.payee.id, 7_000, "MILESTONE_RELEASE");

    await applyMigration();

    expect(await balanceOf(walletId({ userId: zhang }))).toBe(0);
    expect(await balanceOf(walletId({ userId: li.id }))).toBe(0);
    expect(await balanceOf(walletId({ organisationId: university.id }))).toBe(25_000 + 8_000);
    expect(await balanceOf(walletId({ organisationId: institute.id }))).toBe(4_000);
    expect(await balanceOf(walletId({ userId: own.payee.id }))).toBe(7_000);
    const moves = await db.ledgerTransfer.findMany({
      where: { reason: "REASSIGNMENT" },
      select: { fromAccountId: true, toAccountId: true, amountFen: true },
    });
    expect(moves).toHaveLength(3);
    expect(moves).toContainEqual({
      fromAccountId: walletId({ userId: zhang }),
      toAccountId: walletId({ organisationId: university.id }),
      amountFen: 25_000,
    });
    expect(await db.auditLog.count({ where: { action: "ledger.reassigned" } })).toBe(3);
    expect(await checkLedgerInvariants()).toEqual({
      sumOfBalances: 0,
      drifted: [],
      unbalanced: [],
      negative: [],
    });
    const [leftover] = await db.$queryRaw<{ exists: boolean }[]>`
      SELECT to_regclass('"_OrgWalletMove"') IS NOT NULL AS exists`;
    expect(leftover?.exists).toBe(false);
  });
});
