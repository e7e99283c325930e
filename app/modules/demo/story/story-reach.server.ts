import type { Prisma } from "~/generated/prisma/client";
import type { BenefitMechanism, HouseholdStatus, SupportMeasure } from "~/generated/prisma/enums";
import { addMonths, luoyangToday, luoyangYear, startOfLuoyangDay } from "~/utils/dates";
import { DAY } from "../demo-timeline";
import type { StoryContext, StoryPeople } from "./story-context";
import { storyCreditCode } from "./story-random";
import { FINANCING_PURPOSES, GIVEN_NAMES, SURNAMES } from "./story-text";

const MECHANISMS: BenefitMechanism[] = ["DIVIDEND", "WAGE", "LAND_RENT", "CONTRACT_PURCHASE", "SHARES"];
const MEASURES: SupportMeasure[] = ["INDUSTRY", "EMPLOYMENT", "EDUCATION", "HEALTH", "TECHNOLOGY", "ECOLOGY"];

/**
 * Villages and poor households: every story organisation's village on record with its status by
 * year, and in the poverty villages six households each (lifted, still poor or relapsed), linked
 * to the village's organisation, which pays them each quarter under a benefit linkage.
 */
export async function seedStoryVillages(ctx: StoryContext, people: StoryPeople) {
  const { tx, rand, time } = ctx;
  const recordedAt = time.ago(rand.int(290, 300));
  const villages: Prisma.VillageCreateManyInput[] = [];
  const statuses: Prisma.VillageStatusYearCreateManyInput[] = [];
  const households: Prisma.HouseholdCreateManyInput[] = [];
  const changes: Prisma.HouseholdStatusChangeCreateManyInput[] = [];
  const links: Prisma.HouseholdLinkCreateManyInput[] = [];
  const linkages: Prisma.BenefitLinkageCreateManyInput[] = [];
  const payments: Prisma.BenefitPaymentCreateManyInput[] = [];
  const thisYear = luoyangYear(time.now);
  for (const [index, org] of people.orgs.entries()) {
    const villageId = rand.id();
    villages.push({
      id: villageId,
      countyCode: org.countyCode,
      township: org.township,
      name: org.village,
      createdById: ctx.bureauUserId,
      createdAt: recordedAt,
    });
    const liftedIn = 2018 + (index % 3);
    const history: [number, "POOR" | "LIFTED" | "NOT_POOR"][] = org.poverty
      ? [
          [2016, "POOR"],
          [liftedIn, "LIFTED"],
        ]
      : [[2016, "NOT_POOR"]];
    for (const [year, status] of history)
      statuses.push({ villageId, year, status, recordedById: ctx.bureauUserId, recordedAt });
    if (!org.poverty) continue;
    for (let n = 1; n <= 6; n++) {
      const householdId = rand.id();
      const status: HouseholdStatus = n === 5 ? "POOR" : n === 6 ? "RELAPSED" : "LIFTED";
      households.push({
        id: householdId,
        code: `${org.countyCode}${String(index).padStart(3, "0")}${String(n).padStart(3, "0")}`,
        villageId,
        countyCode: org.countyCode,
        headName: rand.pick(SURNAMES) + rand.pick(GIVEN_NAMES),
        idLast4: String(rand.int(1000, 9999)),
        size: rand.int(2, 6),
        status,
        measures: rand.some(MEASURES, 2),
        recordedById: ctx.bureauUserId,
        createdAt: recordedAt,
      });
      changes.push({
        id: rand.id(),
        householdId,
        from: null,
        to: "POOR",
        year: 2016,
        reason: "建档立卡",
        recordedById: ctx.bureauUserId,
        createdAt: recordedAt,
      });
      if (status !== "POOR")
        changes.push({
          id: rand.id(),
          householdId,
          from: "POOR",
          to: "LIFTED",
          year: liftedIn,
          reason: "产业带动，人均收入稳定超过标准",
          recordedById: ctx.bureauUserId,
          createdAt: recordedAt,
        });
      if (status === "RELAPSED")
        changes.push({
          id: rand.id(),
          householdId,
          from: "LIFTED",
          to: "RELAPSED",
          year: thisYear,
          reason: "家人患病，支出骤增",
          recordedById: ctx.bureauUserId,
          createdAt: new Date(recordedAt.getTime() + 60 * DAY),
        });
      if (n > 4) continue;
      const mechanism = MECHANISMS[(index + n) % MECHANISMS.length]!;
      const startDay = luoyangToday(time.ago(270));
      const linkageId = rand.id();
      const linkedAt = new Date(recordedAt.getTime() + rand.int(5, 20) * DAY);
      linkages.push({
        id: linkageId,
        organisationId: org.id,
        householdId,
        mechanism,
        terms: {
          DIVIDEND: "按入股土地每年分红",
          WAGE: "优先安排在基地务工，日工资 100 元",
          LAND_RENT: "每亩每年流转费 600 元",
          CONTRACT_PURCHASE: `保底价收购${org.product}`,
          SHARES: "扶贫资金入股，每年保底收益 8%",
        }[mechanism],
        startedOn: startOfLuoyangDay(startDay),
        createdById: org.headId,
        createdAt: linkedAt,
      });
      links.push({
        id: rand.id(),
        householdId,
        kind: "ENTERPRISE",
        organisationId: org.id,
        note: "利益联结",
        createdById: org.headId,
        createdAt: linkedAt,
      });
      for (let quarter = 0; quarter < 3; quarter++) {
        const start = addMonths(startDay, quarter * 3);
        const end = addMonths(startDay, quarter * 3 + 3);
        const paidOn = startOfLuoyangDay(end);
        if (paidOn.getTime() + 5 * DAY > time.now.getTime()) break;
        payments.push({
          id: rand.id(),
          linkageId,
          periodStart: startOfLuoyangDay(start),
          periodEnd: new Date(paidOn.getTime() - DAY),
          amountFen: rand.int(3, 15) * 10_000,
          paidOn,
          note: "银行代发",
          recordedById: org.headId,
          createdAt: new Date(paidOn.getTime() + rand.int(1, 4) * DAY),
        });
      }
    }
  }
  await tx.village.createMany({ data: villages });
  await tx.villageStatusYear.createMany({ data: statuses });
  await tx.$executeRaw`
    UPDATE "Organisation" o SET "villageId" = v.id FROM "Village" v
    WHERE v.id = ANY(${villages.map((village) => village.id)}) AND o."countyCode" = v."countyCode"
      AND o.village = v.township || v.name AND o.id = ANY(${people.orgs.map((org) => org.id)})`;
  await tx.household.createMany({ data: households });
  await tx.householdStatusChange.createMany({ data: changes });
  await tx.householdLink.createMany({ data: links });
  await tx.benefitLinkage.createMany({ data: linkages });
  await tx.benefitPayment.createMany({ data: payments });
  return villages.map((village) => ({ id: village.id!, countyCode: village.countyCode }));
}

/**
 * A rural bank answering villages' financing needs (offered, accepted, lent and confirmed), and
 * the institutions paired with counties, with this year's commitments and a report.
 */
export async function seedStoryFinance(
  ctx: StoryContext,
  people: StoryPeople,
  villages: { id: string; countyCode: string }[],
) {
  const { tx, rand, time } = ctx;
  const registeredAt = time.ago(345);
  const bankerId = rand.id();
  await tx.user.create({
    data: {
      id: bankerId,
      phone: "+8615799999911",
      displayName: "河洛农商银行普惠金融部",
      passwordHash: ctx.passwordHash,
      primaryRole: "INSTITUTION",
      createdAt: registeredAt,
      passwordChangedAt: registeredAt,
    },
  });
  const bank = await tx.organisation.create({
    data: {
      type: "FINANCIAL_INSTITUTION",
      name: "河洛农村商业银行（演示）",
      countyCode: "410311",
      description: "面向合作社和家庭农场的普惠贷款（演示机构）。",
      creditCode: storyCreditCode("91", "410311", 980),
      verifiedAt: new Date(registeredAt.getTime() + DAY),
      createdAt: registeredAt,
      memberships: {
        create: {
          userId: bankerId,
          role: "INSTITUTION",
          administrator: true,
          financeGrantedAt: registeredAt,
          signingGrantedAt: registeredAt,
          createdAt: registeredAt,
        },
      },
    },
    select: { id: true },
  });
  const borrowers = people.orgs.filter((_, index) => index % 4 === 2).slice(0, 6);
  for (const [index, org] of borrowers.entries()) {
    const createdAt = time.ago(rand.int(100, 200));
    const amountFen = rand.int(20, 100) * 1_000_000;
    const outcome = index < 3;
    const offered = index < 5;
    const need = await tx.financingNeed.create({
      data: {
        organisationId: org.id,
        postedById: org.headId,
        countyCode: org.countyCode,
        amountFen,
        use: FINANCING_PURPOSES[index % FINANCING_PURPOSES.length]!,
        termMonths: 24,
        collateralKind: (["LAND_RIGHTS", "EQUIPMENT", "GUARANTOR", "NONE"] as const)[index % 4],
        status: outcome ? "CLOSED" : index === 3 ? "ANSWERED" : "OPEN",
        createdAt,
      },
      select: { id: true },
    });
    if (!offered) continue;
    const offerAt = new Date(createdAt.getTime() + rand.int(3, 10) * DAY);
    const accepted = index <= 3;
    const offer = await tx.financingOffer.create({
      data: {
        needId: need.id,
        organisationId: bank.id,
        postedById: bankerId,
        product: index % 2 === 0 ? "LOAN" : "MICROCREDIT",
        amountFen,
        rateBp: 385 + index * 10,
        termMonths: 24,
        conditions: "合作社理事长个人连带担保；按季付息。",
        status: accepted ? "ACCEPTED" : "OFFERED",
        createdAt: offerAt,
        decidedAt: accepted ? new Date(offerAt.getTime() + 2 * DAY) : null,
      },
      select: { id: true },
    });
    if (!outcome) continue;
    const dealAt = new Date(offerAt.getTime() + rand.int(10, 20) * DAY);
    await tx.financingOutcome.create({
      data: {
        needId: need.id,
        offerId: offer.id,
        lenderOrgId: bank.id,
        kind: "LOAN",
        amountFen,
        dealDate: startOfLuoyangDay(luoyangToday(dealAt)),
        status: index === 2 ? "RECORDED" : "CONFIRMED",
        recordedById: org.headId,
        recordedAt: new Date(dealAt.getTime() + DAY),
        confirmedById: index === 2 ? null : bankerId,
        confirmedAt: index === 2 ? null : new Date(dealAt.getTime() + 3 * DAY),
      },
    });
  }

  const year = luoyangYear(time.now);
  for (const [index, institutionId] of people.institutionIds.slice(1).entries()) {
    const village = villages.find((v) => v.countyCode === (["410324", "410328", "410326"] as const)[index]);
    const officer = people.countyOfficers.find((o) => o.countyCode === village?.countyCode);
    const createdAt = time.ago(rand.int(200, 260));
    const pairing = await tx.pairing.create({
      data: {
        organisationId: institutionId,
        countyCode: village!.countyCode,
        villageId: village!.id,
        startsOn: startOfLuoyangDay(luoyangToday(createdAt)),
        status: "ACTIVE",
        note: "结对帮扶，三年一轮。",
        proposedById: people.institutionStaff.get(institutionId)!,
        agreedById: officer?.id ?? ctx.bureauUserId,
        agreedAt: new Date(createdAt.getTime() + 5 * DAY),
        createdAt,
        commitments: {
          create: [
            { kind: "EXPERTS_SENT", targetPerYear: 3 },
            { kind: "TRAININGS", targetPerYear: 6 },
            { kind: "PROJECTS", targetPerYear: 2 },
          ],
        },
      },
      select: { id: true, commitments: { select: { id: true, targetPerYear: true } } },
    });
    const submittedAt = time.ago(rand.int(120, 150));
    if (submittedAt.getTime() < createdAt.getTime() + 10 * DAY) continue;
    await tx.pairingReport.create({
      data: {
        pairingId: pairing.id,
        year,
        half: 1,
        narrative: "上半年派出专家 2 人次，举办培训 3 场，与村合作社签订技术服务协议 1 项。",
        status: officer ? "ACKNOWLEDGED" : "SUBMITTED",
        submittedById: people.institutionStaff.get(institutionId)!,
        submittedAt,
        acknowledgedById: officer?.id ?? null,
        acknowledgedAt: officer ? new Date(submittedAt.getTime() + 4 * DAY) : null,
        figures: {
          create: pairing.commitments.map((commitment) => ({
            commitmentId: commitment.id,
            achieved: Math.max(1, Math.floor(commitment.targetPerYear / 2)),
          })),
        },
      },
    });
  }
}
