import { randomBytes, randomUUID } from "node:crypto";
import { db } from "~/db.server";
import { Prisma } from "~/generated/prisma/client";
import type { DemoSiteStatus, LedgerReason } from "~/generated/prisma/enums";
import { CLEARING, ensureAccount, escrowId } from "~/modules/ledger/ledger.server";
import { createOrganisation, createUser } from "./factories";

// The dashboard only counts rows, so these factories write the rows directly (with the dates the
// tests need) instead of going through every feature's services.

const tag = () => randomBytes(3).toString("hex");

/** A moment given in Luoyang's local time, e.g. at(2025, 12, 31, 23) for 31 Dec 2025 23:00. */
export function at(year: number, month: number, day: number, hour = 12): Date {
  return new Date(Date.UTC(year, month - 1, day, hour - 8));
}

/** A Star Innovation Space organisation, recognised at `recognisedAt` (null: not recognised). */
export async function createSpace(countyCode: string, recognisedAt: Date | null) {
  const organisation = await db.organisation.create({
    data: { type: "STAR_SPACE", name: `星创天地 ${tag()}`, countyCode },
    select: { id: true },
  });
  await db.spaceProfile.create({
    data: { organisationId: organisation.id, recognisedAt, level: recognisedAt ? "CITY" : null },
  });
  return organisation;
}

export async function createDemo(countyCode: string, status: DemoSiteStatus, designatedAt: Date | null) {
  const creator = await createUser({ role: "BUREAU" });
  return db.demoSite.create({
    data: {
      name: `示范 ${tag()}`,
      type: "AGRITOURISM",
      countyCode,
      description: "示范园",
      status,
      designatedAt,
      createdById: creator.id,
    },
    select: { id: true },
  });
}

/** A cohort for `year` with one new commissioner per county listed (repeat a code for two). */
export async function createCohort(year: number, countyCodes: string[]) {
  const creator = await createUser({ role: "BUREAU" });
  const cohort = await db.commissionerCohort.create({
    data: { year, name: `${year}年科技特派员`, createdById: creator.id },
    select: { id: true },
  });
  for (const countyCode of countyCodes) {
    const expert = await createUser({ role: "EXPERT" });
    await db.commissionerAssignment.create({
      data: {
        cohortId: cohort.id,
        userId: expert.id,
        countyCode,
        startDate: at(year, 3, 1),
        endDate: at(year, 11, 30),
        createdById: creator.id,
      },
    });
  }
  return cohort;
}

/** A need, published at `publishedAt` (null: a draft), with applications `hoursLater` after it. */
export async function createNeed(
  countyCode: string,
  industry: string,
  publishedAt: Date | null,
  applications: { hoursLater: number; status?: "SUBMITTED" | "ACCEPTED" | "DECLINED" }[] = [],
) {
  const poster = await createUser({ role: "VILLAGE" });
  const need = await db.need.create({
    data: {
      postedById: poster.id,
      title: `需求 ${tag()}`,
      description: "需要技术指导",
      industry,
      countyCode,
      arrangements: ["PAID_SERVICE"],
      status: publishedAt ? "OPEN" : "DRAFT",
      publishedAt,
    },
    select: { id: true, postedById: true },
  });
  for (const application of applications) {
    const expert = await createUser({ role: "EXPERT" });
    await db.application.create({
      data: {
        needId: need.id,
        expertId: expert.id,
        approach: "现场指导",
        timeline: "三个月",
        arrangement: "PAID_SERVICE",
        priceFen: 100_000,
        status: application.status ?? "SUBMITTED",
        createdAt: new Date(publishedAt!.getTime() + application.hoursLater * 3_600_000),
      },
    });
  }
  return need;
}

/** An agreement about the need with one milestone, and the milestone's escrow account. */
export async function createMilestoneEscrow(need: { id: string; postedById: string }) {
  const payee = await createUser({ role: "EXPERT" });
  const agreement = await db.agreement.create({
    data: {
      number: `XK-T-${tag()}`,
      title: "技术服务",
      needId: need.id,
      payerUserId: need.postedById,
      payeeUserId: payee.id,
      createdById: need.postedById,
    },
    select: { id: true },
  });
  const milestone = await db.milestone.create({
    data: {
      agreementId: agreement.id,
      position: 1,
      title: "第一阶段",
      deliverables: "方案",
      acceptanceCriteria: "通过验收",
      amountFen: 50_000,
    },
    select: { id: true },
  });
  const escrow = await ensureAccount(db, {
    id: escrowId(milestone.id),
    kind: "ESCROW",
    milestoneId: milestone.id,
  });
  const wallet = await ensureAccount(db, { id: `wallet:user:${payee.id}`, kind: "WALLET", userId: payee.id });
  return { agreementId: agreement.id, milestoneId: milestone.id, escrow, wallet };
}

/** A programme application in a county and industry, with its programme's ledger account. */
export async function createProgrammeApplication(countyCode: string, industry: string) {
  const creator = await createUser({ role: "BUREAU" });
  const organisation = await createOrganisation("COOPERATIVE");
  const programme = await db.programme.create({
    data: {
      kind: "GRANT",
      year: 2026,
      title: "科技扶贫资助",
      description: "资助",
      budgetFen: 10_000_000,
      deadline: at(2030, 1, 1),
      createdById: creator.id,
    },
    select: { id: true },
  });
  const application = await db.programmeApplication.create({
    data: {
      programmeId: programme.id,
      organisationId: organisation.id,
      applicantId: creator.id,
      title: "项目",
      summary: "摘要",
      countyCode,
      industry,
      requestedFen: 100_000,
    },
    select: { id: true },
  });
  const account = await ensureAccount(db, { id: `programme:${programme.id}`, kind: "PROGRAMME" });
  const wallet = await ensureAccount(db, {
    id: `wallet:org:${organisation.id}`,
    kind: "WALLET",
    organisationId: organisation.id,
  });
  return { id: application.id, account, wallet };
}

/**
 * A ledger transfer at a chosen moment. The ledger's own `transfer` always stamps now(), and
 * transfers are append-only, so this writes the transfer and its two entries the same way with
 * another `createdAt`.
 */
export async function transferAt(
  createdAt: Date,
  input: {
    from: string;
    to: string;
    amountFen: number;
    reason: LedgerReason;
    agreementId?: string;
    milestoneId?: string;
    programmeApplicationId?: string;
  },
) {
  const id = randomUUID();
  // Columns are UTC timestamps without a zone; say so rather than rely on the session's zone.
  const stamp = Prisma.sql`(${createdAt.toISOString()}::timestamptz AT TIME ZONE 'UTC')`;
  const [first, second] = [
    { account: input.from, amount: -input.amountFen },
    { account: input.to, amount: input.amountFen },
  ].sort((a, b) => (a.account < b.account ? -1 : 1));
  await db.$executeRaw`
    WITH created AS (
      INSERT INTO "LedgerTransfer" (id, "fromAccountId", "toAccountId", "amountFen", reason, "agreementId", "milestoneId", "programmeApplicationId", memo, "createdAt")
      VALUES (${id}, ${input.from}, ${input.to}, ${input.amountFen}, ${input.reason}::"LedgerReason", ${input.agreementId ?? null}, ${input.milestoneId ?? null}, ${input.programmeApplicationId ?? null}, '', ${stamp})
      RETURNING id
    )
    INSERT INTO "LedgerEntry" ("transferId", "accountId", "amountFen", "createdAt")
    SELECT created.id, entry.account, entry.amount, ${stamp}
    FROM created, (VALUES (1, ${first!.account}, ${first!.amount}::int), (2, ${second!.account}, ${second!.amount}::int)) AS entry(position, account, amount)
    ORDER BY entry.position`;
  return id;
}

export { CLEARING };
