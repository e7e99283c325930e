import { afterAll, describe, expect, it } from "vitest";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { db, type Tx } from "~/db.server";
import { linkageFiguresIn } from "~/modules/linkage/linkage.figures.server";
import {
  assertLinkageCondition,
  createLinkage,
  endLinkage,
  linkagePage,
  recordPayment,
} from "~/modules/linkage/linkage.server";
import { startOfLuoyangDay } from "~/utils/dates";
import { useTestDatabase } from "../support/database";
import { createUser } from "../support/factories";
import { insertHousehold, insertVillage } from "../support/households-factories";
import { actorOf, createExpert, createVillage } from "../support/needs-factories";

const dataDir = mkdtempSync(path.join(os.tmpdir(), "xk-linkage-"));
process.env.DATA_DIR = dataDir;
useTestDatabase();
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const NOW = new Date("2026-11-20T04:00:00Z");

/** A poor household of 栾川县 (the county of createVillage's cooperative), by its county code. */
async function household(countyCode = "410324") {
  const officer = await createUser({ role: "COUNTY", countyCode });
  const village = await insertVillage({ countyCode, createdById: officer.id });
  return insertHousehold({ villageId: village.id, countyCode, recordedById: officer.id });
}

const linkageFields = (organisationId: string, householdCode: string) => ({
  organisationId,
  householdCode,
  mechanism: "DIVIDEND" as const,
  terms: "入股资金每年按 8% 分红",
  startedOn: "2026-03-01",
  agreementId: undefined,
  programmeApplicationId: undefined,
});

const november = { start: startOfLuoyangDay("2026-11-01"), end: startOfLuoyangDay("2026-12-01") };

/** Households reached in November 2026 in 栾川县, counted independently of linkage.figures.server.ts. */
async function reachedIndependently() {
  const rows = await db.$queryRawUnsafe<{ n: bigint }[]>(
    `SELECT count(DISTINCT h.id) AS n FROM "Household" h
      WHERE h."countyCode" = '410324' AND (
        EXISTS (SELECT 1 FROM "HouseholdLink" l WHERE l."householdId" = h.id
                  AND l."createdAt" < $2 AND (l."endedAt" IS NULL OR l."endedAt" > $1))
        OR EXISTS (SELECT 1 FROM "BenefitPayment" p JOIN "BenefitLinkage" k ON k.id = p."linkageId"
                  WHERE k."householdId" = h.id AND p."paidOn" >= $1 AND p."paidOn" < $2))`,
    november.start,
    november.end,
  );
  return Number(rows[0]!.n);
}

describe("benefit linkage (利益联结)", () => {
  it("is recorded by the cooperative's members with a household of its county, and keeps the household's enterprise link", async () => {
    const { organisation, head } = await createVillage();
    const own = await household();
    const elsewhere = await household("410325");
    const { id } = await createLinkage(head, linkageFields(organisation.id, own.code), NOW);
    const links = await db.householdLink.findMany({
      where: { householdId: own.id, kind: "ENTERPRISE", organisationId: organisation.id, endedAt: null },
    });
    expect(links).toHaveLength(1);

    await expect(
      createLinkage(head, linkageFields(organisation.id, elsewhere.code), NOW),
    ).rejects.toMatchObject({ code: "linkage.household_not_found" });
    // Someone who is not the cooperative's member (an expert, another village's head) records nothing for it.
    const expert = await createExpert();
    const { head: otherHead } = await createVillage();
    for (const outsider of [expert, otherHead])
      await expect(
        createLinkage(outsider, linkageFields(organisation.id, own.code), NOW),
      ).rejects.toMatchObject({ code: "linkage.org_not_eligible" });
    expect(await db.benefitLinkage.count({ where: { organisationId: organisation.id } })).toBe(1);

    await endLinkage(head, id, "2026-11-10", NOW);
    expect(
      await db.householdLink.count({ where: { householdId: own.id, kind: "ENTERPRISE", endedAt: null } }),
    ).toBe(0);
  });

  it("pays a period once, whatever is sent twice, and refuses a period outside the linkage", async () => {
    const { organisation, head } = await createVillage();
    const own = await household();
    const { id } = await createLinkage(head, linkageFields(organisation.id, own.code), NOW);
    const payment = {
      periodStart: "2026-10-01",
      periodEnd: "2026-10-31",
      paidOn: "2026-11-05",
      amount: 120_000,
      note: undefined,
    };
    await recordPayment(head, id, payment, [], NOW);
    const again = await Promise.allSettled([
      recordPayment(head, id, payment, [], NOW),
      recordPayment(head, id, payment, [], NOW),
    ]);
    expect(again.every((result) => result.status === "rejected")).toBe(true);
    expect(await db.benefitPayment.count({ where: { linkageId: id } })).toBe(1);
    await expect(
      recordPayment(head, id, { ...payment, periodStart: "2026-01-01", periodEnd: "2026-01-31" }, [], NOW),
    ).rejects.toMatchObject({ code: "linkage.period_outside" });
    const page = await linkagePage(head, id);
    expect(page.linkage).toBeTruthy();
  });

  it("counts households reached and the money reaching them, as an independent count does", async () => {
    const { organisation, head } = await createVillage();
    const before = await linkageFiguresIn(db as unknown as Tx, november.start, november.end, "410324");
    expect(before.householdsReached).toBe(await reachedIndependently());
    const own = await household();
    const { id } = await createLinkage(head, linkageFields(organisation.id, own.code), NOW);
    await recordPayment(
      head,
      id,
      {
        periodStart: "2026-10-01",
        periodEnd: "2026-10-31",
        paidOn: "2026-11-05",
        amount: 50_000,
        note: undefined,
      },
      [],
      NOW,
    );
    const after = await linkageFiguresIn(db as unknown as Tx, november.start, november.end, "410324");
    expect(after.householdsReached).toBe(before.householdsReached + 1);
    expect(after.householdsReached).toBe(await reachedIndependently());
    expect(after.moneyToHouseholdsFen - before.moneyToHouseholdsFen).toBe(50_000);
    expect(after.byMechanism.DIVIDEND - before.byMechanism.DIVIDEND).toBe(50_000);
    const elsewhere = await linkageFiguresIn(db as unknown as Tx, november.start, november.end, "410325");
    expect(elsewhere.moneyToHouseholdsFen).toBe(0);
  });

  it("holds a project to its linkage condition: evaluation waits for a payment made during the project", async () => {
    const { organisation, head } = await createVillage();
    const project = {
      organisationId: organisation.id,
      decidedAt: new Date("2026-09-01T02:00:00Z"),
      completedAt: new Date("2026-11-15T02:00:00Z"),
    };
    await expect(db.$transaction((tx) => assertLinkageCondition(tx, project))).rejects.toMatchObject({
      code: "linkage.required_for_evaluation",
    });
    const own = await household();
    const { id } = await createLinkage(head, linkageFields(organisation.id, own.code), NOW);
    await recordPayment(
      head,
      id,
      {
        periodStart: "2026-09-01",
        periodEnd: "2026-09-30",
        paidOn: "2026-10-08",
        amount: 30_000,
        note: undefined,
      },
      [],
      NOW,
    );
    await expect(db.$transaction((tx) => assertLinkageCondition(tx, project))).resolves.toBeUndefined();
    const bureau = await actorOf((await createUser({ role: "BUREAU" })).id);
    expect((await linkagePage(bureau, id)).linkage).toBeTruthy();
  });
});
