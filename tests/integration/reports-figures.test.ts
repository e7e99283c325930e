import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { reportFigures } from "~/modules/reports/reports-figures.server";
import { periodOf } from "~/modules/reports/reports.periods";
import { useTestDatabase } from "../support/database";
import {
  CLEARING,
  at,
  createCohort,
  createDemo,
  createMilestoneEscrow,
  createNeed,
  createProgrammeApplication,
  createSpace,
  transferAt,
} from "../support/dashboard-factories";
import { createOrganisation, createUser } from "../support/factories";
import { insertHousehold, insertVillage } from "../support/households-factories";
import { signAgreementAt } from "../support/reports-factories";
import { ensureAccount } from "~/modules/ledger/ledger.server";
import { translate } from "~/i18n/i18n";

useTestDatabase();

// November 2026 in Luoyang: [2026-10-31T16:00Z, 2026-11-30T16:00Z).
const period = periodOf("MONTH", "2026-11");
const HERE = "410324";
const THERE = "410325";

/** One independent count: plain SQL over explicit UTC bounds, no code shared with the service. */
async function sql(query: string, ...values: unknown[]): Promise<number> {
  const rows = await db.$queryRawUnsafe<{ n: bigint | number | null }[]>(query, ...values);
  return Number(rows[0]?.n ?? 0);
}
const START = "2026-10-31 16:00:00";
const END = "2026-11-30 16:00:00";

beforeAll(async () => {
  // Inside the period, just inside its edges, and just outside them, in both counties.
  const inside = at(2026, 11, 15);
  const firstMoment = at(2026, 11, 1, 0);
  const justBefore = at(2026, 10, 31, 23);
  const nextMonth = at(2026, 12, 1, 0);
  for (const [county, moment] of [
    [HERE, inside],
    [HERE, firstMoment],
    [THERE, inside],
    [HERE, justBefore],
    [THERE, nextMonth],
  ] as const) {
    await createSpace(county, moment);
    await createDemo(county, "DESIGNATED", moment);
    await createNeed(county, "PLANTING", moment);
  }
  await createDemo(HERE, "REVOKED", inside);
  await createCohort(2026, [HERE, HERE, THERE]);

  // Programme applications: approved in, before and after the period; one completed in it.
  const approvedIn = await createProgrammeApplication(HERE, "PLANTING");
  await db.programmeApplication.update({
    where: { id: approvedIn.id },
    data: { status: "APPROVED", decidedAt: at(2026, 11, 3), approvedFen: 80_000 },
  });
  const approvedBefore = await createProgrammeApplication(HERE, "PLANTING");
  await db.programmeApplication.update({
    where: { id: approvedBefore.id },
    data: { status: "DISBURSED", decidedAt: at(2026, 6, 3), completedAt: at(2026, 11, 20) },
  });
  const rejected = await createProgrammeApplication(THERE, "PLANTING");
  await db.programmeApplication.update({
    where: { id: rejected.id },
    data: { status: "REJECTED", decidedAt: at(2026, 11, 4) },
  });
  const approvedThere = await createProgrammeApplication(THERE, "BREEDING");
  await db.programmeApplication.update({
    where: { id: approvedThere.id },
    data: { status: "EVALUATED", decidedAt: at(2026, 11, 5) },
  });

  // Money: disbursements and a claw-back, escrow funded by a cooperative, an enterprise, a person
  // and a programme, some of it outside the period.
  await transferAt(at(2026, 1, 1), {
    from: CLEARING,
    to: approvedIn.account,
    amountFen: 5_000_000,
    reason: "PROGRAMME_BUDGET",
  });
  await transferAt(at(2026, 11, 10), {
    from: approvedIn.account,
    to: approvedIn.wallet,
    amountFen: 40_000,
    reason: "DISBURSEMENT",
    programmeApplicationId: approvedIn.id,
  });
  await transferAt(at(2026, 11, 12), {
    from: approvedIn.wallet,
    to: approvedIn.account,
    amountFen: 5_000,
    reason: "CLAWBACK",
    programmeApplicationId: approvedIn.id,
  });
  await transferAt(at(2026, 12, 2), {
    from: approvedIn.account,
    to: approvedIn.wallet,
    amountFen: 7_000,
    reason: "DISBURSEMENT",
    programmeApplicationId: approvedIn.id,
  });

  const need = await createNeed(HERE, "PLANTING", at(2026, 9, 1));
  const escrow = await createMilestoneEscrow(need);
  await signAgreementAt(escrow.agreementId, at(2026, 11, 2));
  await db.programmeApplication.update({
    where: { id: approvedIn.id },
    data: { agreementId: escrow.agreementId },
  });
  const coop = await createOrganisation("COOPERATIVE");
  const enterprise = await createOrganisation("ENTERPRISE");
  const person = await createUser({ role: "VILLAGE" });
  const coopWallet = await ensureAccount(db, {
    id: `wallet:org:${coop.id}`,
    kind: "WALLET",
    organisationId: coop.id,
  });
  const firmWallet = await ensureAccount(db, {
    id: `wallet:org:${enterprise.id}`,
    kind: "WALLET",
    organisationId: enterprise.id,
  });
  const personWallet = await ensureAccount(db, {
    id: `wallet:user:${person.id}`,
    kind: "WALLET",
    userId: person.id,
  });
  for (const wallet of [coopWallet, firmWallet, personWallet]) {
    await transferAt(at(2026, 10, 1), { from: CLEARING, to: wallet, amountFen: 100_000, reason: "DEPOSIT" });
  }
  const fund = (from: string, amountFen: number, when: Date) =>
    transferAt(when, {
      from,
      to: escrow.escrow,
      amountFen,
      reason: "MILESTONE_FUND",
      agreementId: escrow.agreementId,
      milestoneId: escrow.milestoneId,
    });
  await fund(coopWallet, 3_000, at(2026, 11, 6));
  await fund(firmWallet, 4_000, at(2026, 11, 7));
  await fund(personWallet, 2_000, at(2026, 11, 8));
  await fund(approvedIn.account, 6_000, at(2026, 11, 9));
  await fund(coopWallet, 1_000, at(2026, 10, 30));
  await db.milestoneFunder.create({
    data: {
      milestoneId: escrow.milestoneId,
      position: 1,
      accountId: approvedIn.account,
      shareFen: 6_000,
      fundedAt: at(2026, 11, 9),
    },
  });

  // A need in the other county matched outside the period (signed in December).
  const late = await createNeed(THERE, "PLANTING", at(2026, 11, 20));
  const lateEscrow = await createMilestoneEscrow(late);
  await signAgreementAt(lateEscrow.agreementId, at(2026, 12, 3));

  // Trainings: held in the period with attendance, one cancelled, one held in the next month.
  const host = await createUser({ role: "EXPERT" });
  const training = async (
    county: string,
    startsAt: Date,
    status: "HELD" | "CANCELLED",
    attended: number,
    absent: number,
  ) => {
    const row = await db.training.create({
      data: {
        hostId: host.id,
        title: "培训",
        description: "技术培训",
        countyCode: county,
        place: "村部",
        startsAt,
        capacity: 50,
        status,
      },
      select: { id: true },
    });
    for (let i = 0; i < attended + absent; i += 1) {
      const farmer = await createUser();
      await db.trainingSignup.create({
        data: { trainingId: row.id, userId: farmer.id, attended: i < attended },
      });
    }
  };
  await training(HERE, at(2026, 11, 11), "HELD", 3, 1);
  await training(THERE, at(2026, 11, 12), "HELD", 2, 0);
  await training(HERE, at(2026, 11, 13), "CANCELLED", 4, 0);
  await training(HERE, at(2026, 12, 13), "HELD", 5, 0);

  // financing (issue 23): outcomes on the period's first and last days count, those a day outside
  // it and an unconfirmed one do not; needs created inside and just before it.
  await seedFinancing(HERE, "2026-11-01", "LOAN", 100_000, "CONFIRMED", at(2026, 11, 1, 0));
  await seedFinancing(HERE, "2026-11-30", "GUARANTEE", 20_000, "CONFIRMED", at(2026, 10, 31, 23));
  await seedFinancing(HERE, "2026-10-31", "LOAN", 4_000, "CONFIRMED", inside);
  await seedFinancing(HERE, "2026-11-15", "EQUITY", 7_000, "RECORDED", inside);
  await seedFinancing(THERE, "2026-12-01", "LOAN", 9_000, "CONFIRMED", nextMonth);
  await seedFinancing(THERE, "2026-11-20", "EQUITY", 3_000, "CONFIRMED", inside);
  // ── Villages and households (issue 23): statuses of 2026 and other years, households recorded
  // and lifted inside November, at its first moment, and just outside it, in both counties.
  const officer = await createUser({ role: "COUNTY", countyCode: HERE });
  const villageOf = (county: string, statuses: { year: number; status: "POOR" | "LIFTED" | "NOT_POOR" }[]) =>
    insertVillage({ countyCode: county, createdById: officer.id, statuses });
  const poorHere = await villageOf(HERE, [{ year: 2026, status: "POOR" }]);
  await villageOf(HERE, [
    { year: 2025, status: "POOR" },
    { year: 2026, status: "LIFTED" },
  ]);
  await villageOf(HERE, [{ year: 2025, status: "POOR" }]);
  const poorThere = await villageOf(THERE, [{ year: 2026, status: "POOR" }]);
  await villageOf(THERE, [{ year: 2026, status: "NOT_POOR" }]);
  for (const [village, recorded, lifted] of [
    [poorHere, inside, at(2026, 11, 20)],
    [poorHere, firstMoment, firstMoment],
    [poorHere, justBefore, justBefore],
    [poorHere, justBefore, nextMonth],
    [poorThere, inside, inside],
    [poorThere, nextMonth, null],
  ] as const) {
    const household = await insertHousehold({
      villageId: village.id,
      countyCode: village.countyCode,
      recordedById: officer.id,
      createdAt: recorded,
    });
    if (lifted) {
      await db.household.update({ where: { id: household.id }, data: { status: "LIFTED" } });
      await db.householdStatusChange.create({
        data: {
          householdId: household.id,
          from: "POOR",
          to: "LIFTED",
          year: 2026,
          recordedById: officer.id,
          createdAt: lifted,
        },
      });
    }
  }
  // ── Pairings and local talent (issue 23): running during November, proposed only, ended before
  // it, starting after it; reports filed inside and just outside it; talent serving and trained.
  // One university per pairing: an organisation pairs with a county (or village) once at a time.
  const pairingOf = async (
    countyCode: string,
    fields: { agreedAt: Date | null; startsOn: string; endsOn?: string; endedAt?: Date },
  ) =>
    db.pairing.create({
      data: {
        organisationId: (await createOrganisation("UNIVERSITY")).id,
        countyCode,
        proposedById: officer.id,
        status: fields.endedAt ? "ENDED" : fields.agreedAt ? "ACTIVE" : "PROPOSED",
        agreedAt: fields.agreedAt,
        agreedById: fields.agreedAt ? officer.id : null,
        startsOn: new Date(`${fields.startsOn}T00:00:00Z`),
        endsOn: fields.endsOn ? new Date(`${fields.endsOn}T00:00:00Z`) : null,
        endedAt: fields.endedAt ?? null,
      },
    });
  const running = await pairingOf(HERE, { agreedAt: justBefore, startsOn: "2026-01-01" });
  await pairingOf(HERE, { agreedAt: inside, startsOn: "2026-11-30", endsOn: "2027-12-31" });
  await pairingOf(HERE, { agreedAt: null, startsOn: "2026-01-01" });
  await pairingOf(HERE, { agreedAt: justBefore, startsOn: "2026-01-01", endsOn: "2026-10-31" });
  await pairingOf(HERE, { agreedAt: at(2026, 3, 1), startsOn: "2026-01-01", endedAt: justBefore });
  await pairingOf(HERE, { agreedAt: inside, startsOn: "2026-12-01" });
  const runningThere = await pairingOf(THERE, {
    agreedAt: at(2026, 3, 1),
    startsOn: "2026-03-01",
    endedAt: inside,
  });
  for (const [pairing, year, half, submittedAt] of [
    [running, 2026, 1, justBefore],
    [running, 2026, 2, firstMoment],
    [runningThere, 2026, 2, inside],
    [runningThere, 2027, 1, nextMonth],
  ] as const) {
    await db.pairingReport.create({
      data: {
        pairingId: pairing.id,
        year,
        half,
        narrative: "培训两场",
        submittedById: officer.id,
        submittedAt,
      },
    });
  }
  for (const [countyCode, status, servingSince] of [
    [HERE, "SERVING", inside],
    [HERE, "SERVING", justBefore],
    [HERE, "SERVING", nextMonth],
    [HERE, "TRAINED", null],
    [THERE, "SERVING", firstMoment],
  ] as const) {
    await db.localTalent.create({
      data: {
        countyCode,
        status,
        servingSince,
        role: servingSince ? "TECHNICIAN" : null,
        name: "张＊",
        recordedById: officer.id,
      },
    });
  }
  // Recorded as already lifted in the period: a recording, not a lifting.
  await insertHousehold({
    villageId: poorHere.id,
    countyCode: HERE,
    recordedById: officer.id,
    status: "LIFTED",
    createdAt: inside,
  });
});

/** Every figure by its own SQL, for the city (county null) or one county. */
async function independent(county: string | null) {
  const c = (column: string) => (county ? `AND ${column} = '${county}'` : "");
  const inPeriod = (column: string) => `${column} >= '${START}' AND ${column} < '${END}'`;
  const money = (filter: string) =>
    sql(`SELECT sum(t."amountFen") AS n FROM "LedgerTransfer" t JOIN "LedgerAccount" a ON a.id = t."fromAccountId"
         LEFT JOIN "Organisation" o ON o.id = a."organisationId"
         JOIN "Milestone" m ON m.id = t."milestoneId" JOIN "Agreement" g ON g.id = m."agreementId" JOIN "Need" n ON n.id = g."needId"
         WHERE t.reason = 'MILESTONE_FUND' AND ${inPeriod('t."createdAt"')} AND ${filter} ${c('n."countyCode"')}`);
  return {
    projectsApproved: await sql(
      `SELECT count(*) AS n FROM "ProgrammeApplication" WHERE status <> 'REJECTED' AND status <> 'SUBMITTED' AND ${inPeriod('"decidedAt"')} ${c('"countyCode"')}`,
    ),
    projectsActive: await sql(
      `SELECT count(*) AS n FROM "ProgrammeApplication" WHERE status IN ('APPROVED','DISBURSED','EVALUATED') AND "decidedAt" < '${END}' AND NOT coalesce("completedAt" < '${END}', false) ${c('"countyCode"')}`,
    ),
    projectsCompleted: await sql(
      `SELECT count(*) AS n FROM "ProgrammeApplication" WHERE ${inPeriod('"completedAt"')} ${c('"countyCode"')}`,
    ),
    spacesTotal: await sql(
      `SELECT count(*) AS n FROM "SpaceProfile" s, "Organisation" o WHERE o.id = s."organisationId" AND s."recognisedAt" < '${END}' ${c('o."countyCode"')}`,
    ),
    spacesNew: await sql(
      `SELECT count(*) AS n FROM "SpaceProfile" s, "Organisation" o WHERE o.id = s."organisationId" AND ${inPeriod('s."recognisedAt"')} ${c('o."countyCode"')}`,
    ),
    demoSitesTotal: await sql(
      `SELECT count(*) AS n FROM "DemoSite" WHERE status = 'DESIGNATED' AND "designatedAt" < '${END}' ${c('"countyCode"')}`,
    ),
    demoSitesNew: await sql(
      `SELECT count(*) AS n FROM "DemoSite" WHERE status = 'DESIGNATED' AND ${inPeriod('"designatedAt"')} ${c('"countyCode"')}`,
    ),
    commissionersDispatched: await sql(
      `SELECT count(DISTINCT "userId") AS n FROM "CommissionerAssignment" WHERE NOT ("startDate" >= '${END}' OR "endDate" < '${START}') ${c('"countyCode"')}`,
    ),
    trainingsHeld: await sql(
      `SELECT count(*) AS n FROM "Training" WHERE status = 'HELD' AND ${inPeriod('"startsAt"')} ${c('"countyCode"')}`,
    ),
    peopleTrained: await sql(
      `SELECT count(*) AS n FROM "TrainingSignup" s JOIN "Training" t ON t.id = s."trainingId" WHERE s.attended AND t.status = 'HELD' AND ${inPeriod('t."startsAt"')} ${c('t."countyCode"')}`,
    ),
    needsPosted: await sql(
      `SELECT count(*) AS n FROM "Need" WHERE ${inPeriod('"publishedAt"')} ${c('"countyCode"')}`,
    ),
    needsMatched: await sql(
      `SELECT count(*) AS n FROM "Need" n WHERE (SELECT min(v."signedAt") FROM "Agreement" g JOIN "AgreementVersion" v ON v."agreementId" = g.id WHERE g."needId" = n.id) >= '${START}' AND (SELECT min(v."signedAt") FROM "Agreement" g JOIN "AgreementVersion" v ON v."agreementId" = g.id WHERE g."needId" = n.id) < '${END}' ${c('n."countyCode"')}`,
    ),
    programmeDisbursedFen:
      (await sql(
        `SELECT sum(t."amountFen") AS n FROM "LedgerTransfer" t JOIN "ProgrammeApplication" p ON p.id = t."programmeApplicationId" WHERE t.reason = 'DISBURSEMENT' AND ${inPeriod('t."createdAt"')} ${c('p."countyCode"')}`,
      )) -
      (await sql(
        `SELECT sum(t."amountFen") AS n FROM "LedgerTransfer" t JOIN "ProgrammeApplication" p ON p.id = t."programmeApplicationId" WHERE t.reason = 'CLAWBACK' AND ${inPeriod('t."createdAt"')} ${c('p."countyCode"')}`,
      )),
    cooperativeFundedFen: await money(
      `o.type IN ('COOPERATIVE','VILLAGE_COMMITTEE','FAMILY_FARM','LARGE_GROWER')`,
    ),
    enterpriseFundedFen: await money(`o.type = 'ENTERPRISE'`),
    otherFundedFen: await money(
      `a.kind = 'WALLET' AND (o.type IS NULL OR o.type NOT IN ('COOPERATIVE','VILLAGE_COMMITTEE','FAMILY_FARM','LARGE_GROWER','ENTERPRISE'))`,
    ),
    programmeCofundedFen: await money(`a.kind = 'PROGRAMME'`),
    cofundingSharesFunded: await sql(
      `SELECT count(*) AS n FROM "MilestoneFunder" f JOIN "Milestone" m ON m.id = f."milestoneId" JOIN "Agreement" g ON g.id = m."agreementId" JOIN "Need" n ON n.id = g."needId" WHERE ${inPeriod('f."fundedAt"')} ${c('n."countyCode"')}`,
    ),
    // Benefit linkage (issue 23): households with a link open during the period or a payment in it.
    householdsReached: await sql(
      `SELECT count(DISTINCT h.id) AS n FROM "Household" h WHERE TRUE ${c('h."countyCode"')} AND (
         EXISTS (SELECT 1 FROM "HouseholdLink" l WHERE l."householdId" = h.id AND l."createdAt" < '${END}'
                   AND (l."endedAt" IS NULL OR l."endedAt" > '${START}'))
         OR EXISTS (SELECT 1 FROM "BenefitPayment" p JOIN "BenefitLinkage" k ON k.id = p."linkageId"
                   WHERE k."householdId" = h.id AND ${inPeriod('p."paidOn"')}))`,
    ),
    ...(await linkageMoney(county)),
    // Spaces' audiences, bases, brands and towns (issue 23).
    ...Object.fromEntries(
      await Promise.all(
        (
          [
            ["spaceServedReturningMigrant", "RETURNING_MIGRANT"],
            ["spaceServedGraduate", "GRADUATE"],
            ["spaceServedProfessionalFarmer", "PROFESSIONAL_FARMER"],
            ["spaceServedMaker", "MAKER"],
            ["spaceServedOther", "OTHER"],
          ] as const
        ).map(async ([key, group]) => [
          key,
          await sql(
            `SELECT count(DISTINCT "requesterId") AS n FROM "ServiceRequest" WHERE "audienceGroup" = '${group}' AND ${inPeriod('"createdAt"')} ${c('"countyCode"')}`,
          ),
        ]),
      ),
    ),
    baseTrainees: await sql(
      `SELECT count(*) AS n FROM "BaseTrainee" t JOIN "BaseCourse" k ON k.id = t."courseId" JOIN "TrainingBase" b ON b.id = k."baseId"
        WHERE t."withdrawnAt" IS NULL AND k."startsOn" BETWEEN '2026-11-01' AND '2026-11-30' ${c('b."countyCode"')}`,
    ),
    brandsTraded: await sql(
      `SELECT count(DISTINCT t."projectId") AS n FROM "BrandTrade" t JOIN "BrandProject" p ON p.id = t."projectId"
        WHERE t."tradedOn" BETWEEN '2026-11-01' AND '2026-11-30' ${c('p."countyCode"')}`,
    ),
    townsActive: await sql(
      `SELECT count(*) AS n FROM "CharacteristicTown" WHERE status = 'ACTIVE' AND "createdAt" < '${END}' ${c('"countyCode"')}`,
    ),
    // financing (issue 23): needs by creation, confirmed outcomes by deal date (Luoyang days).
    financingNeedsPosted: await sql(
      `SELECT count(*) AS n FROM "FinancingNeed" WHERE ${inPeriod('"createdAt"')} ${c('"countyCode"')}`,
    ),
    // Commissioners as the plan sees them (issue 23)
    commissionerVenturesActive: await sql(
      `SELECT count(*) AS n FROM "CommissionerVenture" WHERE "verifiedAt" < '${END}' AND NOT ("startDate" >= '${END}' OR coalesce("endDate" < '${START}', false)) ${c('"countyCode"')}`,
    ),
    commissionersOnLeave: await sql(
      `SELECT count(DISTINCT l."userId") AS n FROM "CommissionerLeave" l WHERE l."verifiedAt" < '${END}' AND NOT (l."startDate" >= '${END}' OR coalesce(l."endDate" < '${START}', false))${county ? ` AND l."userId" IN (SELECT "userId" FROM "CommissionerAssignment" WHERE "countyCode" = '${county}' AND NOT ("startDate" >= '${END}' OR "endDate" < '${START}'))` : ""}`,
    ),
    sanquCommissionersDispatched: await sql(
      `SELECT count(DISTINCT a."userId") AS n FROM "CommissionerAssignment" a, "CommissionerCohort" k WHERE k.id = a."cohortId" AND k.kind = 'SANQU' AND NOT (a."startDate" >= '${END}' OR a."endDate" < '${START}') ${c('a."countyCode"')}`,
    ),
    // Villages and households (issue 23).
    villagesPoor: await sql(
      `SELECT count(*) AS n FROM "VillageStatusYear" s, "Village" v WHERE v.id = s."villageId" AND s.year = 2026 AND s.status = 'POOR' ${c('v."countyCode"')}`,
    ),
    villagesLifted: await sql(
      `SELECT count(*) AS n FROM "VillageStatusYear" s, "Village" v WHERE v.id = s."villageId" AND s.year = 2026 AND s.status = 'LIFTED' ${c('v."countyCode"')}`,
    ),
    householdsLifted: await sql(
      `SELECT count(*) AS n FROM "HouseholdStatusChange" x, "Household" h WHERE h.id = x."householdId" AND x."to" = 'LIFTED' AND x."from" IN ('POOR','RELAPSED') AND ${inPeriod('x."createdAt"')} ${c('h."countyCode"')}`,
    ),
    householdsRecorded: await sql(
      `SELECT count(*) AS n FROM "Household" WHERE ${inPeriod('"createdAt"')} ${c('"countyCode"')}`,
    ),
    ...(await financingIndependent(county)),
    // Pairings and local talent (issue 23): days of the period are 2026-11-01 … 2026-11-30.
    pairingsActive: await sql(
      `SELECT count(*) AS n FROM "Pairing" WHERE "agreedAt" < '${END}' AND "startsOn" <= '2026-11-30'
        AND coalesce("endsOn" >= '2026-11-01', true) AND coalesce("endedAt" >= '${START}', true) ${c('"countyCode"')}`,
    ),
    pairingReportsFiled: await sql(
      `SELECT count(*) AS n FROM "PairingReport" r, "Pairing" p WHERE p.id = r."pairingId" AND ${inPeriod('r."submittedAt"')} ${c('p."countyCode"')}`,
    ),
    localTalentServing: await sql(
      `SELECT count(*) AS n FROM "LocalTalent" WHERE status = 'SERVING' AND "servingSince" < '${END}' ${c('"countyCode"')}`,
    ),
  };
}

/** A financing need of the county with an accepted offer and an outcome (issue 23). */
async function seedFinancing(
  countyCode: string,
  dealDate: string,
  kind: "LOAN" | "GUARANTEE" | "EQUITY",
  amountFen: number,
  status: "RECORDED" | "CONFIRMED",
  createdAt: Date,
) {
  const borrower = await createOrganisation("COOPERATIVE");
  const bank = await createOrganisation("FINANCIAL_INSTITUTION");
  const person = await createUser({ role: "INSTITUTION" });
  const need = await db.financingNeed.create({
    data: {
      organisationId: borrower.id,
      postedById: person.id,
      countyCode,
      amountFen,
      use: "购置烘干设备",
      termMonths: 12,
      collateralKind: "NONE",
      status: "ANSWERED",
      createdAt,
    },
  });
  const offer = await db.financingOffer.create({
    data: {
      needId: need.id,
      organisationId: bank.id,
      postedById: person.id,
      product: kind,
      amountFen,
      rateBp: 435,
      termMonths: 12,
      status: "ACCEPTED",
      decidedAt: createdAt,
    },
  });
  await db.financingOutcome.create({
    data: {
      needId: need.id,
      offerId: offer.id,
      lenderOrgId: bank.id,
      kind,
      amountFen,
      dealDate: new Date(`${dealDate}T00:00:00Z`),
      status,
      recordedById: person.id,
      ...(status === "CONFIRMED" ? { confirmedById: person.id, confirmedAt: createdAt } : {}),
    },
  });
}

/** Money paid to households in the period, in all and by mechanism (issue 23, benefit linkage). */
async function linkageMoney(county: string | null) {
  const paid = (mechanism: string) =>
    sql(
      `SELECT sum(p."amountFen") AS n FROM "BenefitPayment" p JOIN "BenefitLinkage" k ON k.id = p."linkageId"
         JOIN "Household" h ON h.id = k."householdId"
        WHERE p."paidOn" >= '${START}' AND p."paidOn" < '${END}' ${mechanism}
        ${county ? `AND h."countyCode" = '${county}'` : ""}`,
    );
  return {
    moneyToHouseholdsFen: await paid(""),
    moneyDividendFen: await paid(`AND k.mechanism = 'DIVIDEND'`),
    moneyWageFen: await paid(`AND k.mechanism = 'WAGE'`),
    moneyLandRentFen: await paid(`AND k.mechanism = 'LAND_RENT'`),
    moneyContractPurchaseFen: await paid(`AND k.mechanism = 'CONTRACT_PURCHASE'`),
    moneySharesFen: await paid(`AND k.mechanism = 'SHARES'`),
  };
}

async function financingIndependent(county: string | null) {
  const outcome = (kind: string) =>
    sql(
      `SELECT sum(o."amountFen") AS n FROM "FinancingOutcome" o JOIN "FinancingNeed" n ON n.id = o."needId"
       WHERE o.status = 'CONFIRMED' AND o."dealDate" BETWEEN '2026-11-01' AND '2026-11-30' ${kind}
       ${county ? `AND n."countyCode" = '${county}'` : ""}`,
    );
  return {
    financingMobilisedFen: await outcome(""),
    financingLoanFen: await outcome(`AND o.kind = 'LOAN'`),
    financingGuaranteeFen: await outcome(`AND o.kind = 'GUARANTEE'`),
    financingEquityFen: await outcome(`AND o.kind = 'EQUITY'`),
  };
}

describe("report figures", () => {
  it.each([null, HERE, THERE])(
    "equal an independent SQL count of each figure (county %s)",
    async (county) => {
      const figures = await reportFigures(
        period,
        county ? { kind: "county", countyCode: county } : { kind: "city" },
      );
      expect(figures).toEqual(await independent(county));
    },
  );

  it("count what the seeded world holds, edges included", async () => {
    const here = await reportFigures(period, { kind: "county", countyCode: HERE });
    // Two spaces inside November (one at its first moment), one the day before, none after.
    expect(here).toMatchObject({
      spacesNew: 2,
      spacesTotal: 3,
      demoSitesNew: 2,
      projectsApproved: 1,
      projectsCompleted: 1,
      commissionersDispatched: 2,
      trainingsHeld: 1,
      peopleTrained: 3,
      needsMatched: 1,
      programmeDisbursedFen: 35_000,
      cooperativeFundedFen: 3_000,
      enterpriseFundedFen: 4_000,
      otherFundedFen: 2_000,
      programmeCofundedFen: 6_000,
      cofundingSharesFunded: 1,
      // The seeded households have no link or payment: none is reached.
      householdsReached: 0,
      villagesPoor: 1,
      villagesLifted: 1,
      householdsLifted: 2,
      householdsRecorded: 3,
    });
    // Pairings: the one running all year and the one starting on the last day; not the proposal,
    // the one whose term ended the day before, the one ended before, nor the one starting after.
    expect(here).toMatchObject({ pairingsActive: 2, pairingReportsFiled: 1, localTalentServing: 2 });
    const there = await reportFigures(period, { kind: "county", countyCode: THERE });
    expect(there).toMatchObject({ needsMatched: 0, projectsApproved: 1, spacesNew: 1 });
    // Ended inside November: it ran during part of it.
    expect(there).toMatchObject({ pairingsActive: 1, pairingReportsFiled: 1, localTalentServing: 1 });
    // financing (issue 23): the first and last days count; a day outside and unconfirmed do not.
    expect(here).toMatchObject({
      financingNeedsPosted: 3,
      financingMobilisedFen: 120_000,
      financingLoanFen: 100_000,
      financingGuaranteeFen: 20_000,
      financingEquityFen: 0,
    });
    expect(there).toMatchObject({
      financingNeedsPosted: 1,
      financingMobilisedFen: 3_000,
      financingEquityFen: 3_000,
    });
    expect(there).toMatchObject({
      needsMatched: 0,
      projectsApproved: 1,
      spacesNew: 1,
      villagesPoor: 1,
      villagesLifted: 0,
      householdsLifted: 1,
      householdsRecorded: 1,
    });
  });

  it("counts a share paid by the cooperative, but no programme money, while the programme's share waits", async () => {
    // The demo's co-funded milestone: the cooperative has paid its 30 %, the programme's 70 % is
    // not funded yet. The count of shares is any payer's; the programme amount is programme money
    // only, so "1 share" beside "¥0 of programme co-funding" is right, and the labels say so.
    const before = await reportFigures(period, { kind: "county", countyCode: HERE });
    const need = await createNeed(HERE, "PLANTING", at(2026, 11, 3));
    const escrow = await createMilestoneEscrow(need);
    const coop = await createOrganisation("COOPERATIVE");
    const coopWallet = await ensureAccount(db, {
      id: `wallet:org:${coop.id}`,
      kind: "WALLET",
      organisationId: coop.id,
    });
    const programme = await createProgrammeApplication(HERE, "PLANTING");
    await transferAt(at(2026, 11, 3), {
      from: CLEARING,
      to: coopWallet,
      amountFen: 6_000,
      reason: "DEPOSIT",
    });
    await transferAt(at(2026, 11, 15), {
      from: coopWallet,
      to: escrow.escrow,
      amountFen: 6_000,
      reason: "MILESTONE_FUND",
      agreementId: escrow.agreementId,
      milestoneId: escrow.milestoneId,
    });
    await db.milestoneFunder.createMany({
      data: [
        {
          milestoneId: escrow.milestoneId,
          position: 1,
          accountId: coopWallet,
          shareFen: 6_000,
          fundedAt: at(2026, 11, 15),
        },
        { milestoneId: escrow.milestoneId, position: 2, accountId: programme.account, shareFen: 14_000 },
      ],
    });
    const after = await reportFigures(period, { kind: "county", countyCode: HERE });
    expect(after.cofundingSharesFunded - before.cofundingSharesFunded).toBe(1);
    expect(after.cooperativeFundedFen - before.cooperativeFundedFen).toBe(6_000);
    expect(after.programmeCofundedFen).toBe(before.programmeCofundedFen);
    expect(after).toEqual(await independent(HERE));
    expect(translate("zh", "reports.figure.cofundingSharesFunded")).toMatch(/各出资方/);
    expect(translate("zh", "reports.figure.programmeCofundedFen")).toMatch(/项目资金/);
  });

  it("leaves no figure out of the snapshot layout", async () => {
    const { FIGURE_KEYS } = await import("~/modules/reports/reports.figures");
    const figures = await reportFigures(period, { kind: "city" });
    expect(Object.keys(figures).sort()).toEqual([...FIGURE_KEYS].sort());
  });
});
