import { randomBytes } from "node:crypto";
import { db } from "~/db.server";
import { openAgreementConversation } from "~/modules/chat/chat.server";
import { applyToProgramme } from "~/modules/programmes/programmes.server";
import { storeImage } from "~/modules/uploads/uploads.server";
import { createSignedAgreement } from "./agreements-factories";
import { createCommissioner } from "./commissioners-factories";
import { jpegFile } from "./escrow-factories";
import { createUser } from "./factories";
import { insertHousehold, insertVillage } from "./households-factories";
import { actorOf, createBureau, createVillage } from "./needs-factories";
import { createInstitutionMember, insertOffer, sessionCookieFor } from "./offers-factories";
import { applyFields, createOpenProgramme } from "./programmes-factories";
import { createSpace, insertService } from "./spaces-factories";

export const MATRIX_ROLES = [
  "anonymous",
  "VILLAGE",
  "FARMER",
  "EXPERT",
  "INSTITUTION",
  "SPACE",
  "BUREAU",
  "COUNTY",
  "FINANCE",
  "ADMIN",
] as const;
export type MatrixRole = (typeof MATRIX_ROLES)[number];

/**
 * One person per role and the records the protected pages are about. Organisation A (the
 * VILLAGE user's cooperative) pays the EXPERT user under a signed agreement; the FARMER,
 * INSTITUTION and SPACE users are outsiders to it. Organisation B has its own head, for the
 * object-level checks ("change the id in the URL").
 */
export async function buildSecurityWorld() {
  const signed = await createSignedAgreement({ milestones: [100_000] });
  const village = signed.payer;
  const expert = signed.payee;
  const orgA = signed.organisation;
  const farmer = await actorOf((await createUser({ role: "FARMER" })).id);
  const institution = await createInstitutionMember();
  const space = await createSpace();
  const bureau = await createBureau();
  // The county officer of organisation A's county (栾川县), one of another county (嵩县) for the
  // object-level checks, and a city finance bureau officer.
  const county = await actorOf((await createUser({ role: "COUNTY", countyCode: "410324" })).id);
  const countyElsewhere = await actorOf((await createUser({ role: "COUNTY", countyCode: "410325" })).id);
  const finance = await actorOf((await createUser({ role: "FINANCE" })).id);
  const admin = await actorOf((await createUser({ role: "ADMIN" })).id);
  const orgB = await createVillage();

  const { applicationId } = await db.agreement.findUniqueOrThrow({
    where: { id: signed.agreement.id },
    select: { applicationId: true },
  });
  const openNeed = await db.need.create({
    data: {
      organisationId: orgA.id,
      postedById: village.id,
      title: "苹果树腐烂病防治",
      description: "果园腐烂病蔓延，需要专家诊断并给出防治方案。",
      industry: "PLANTING",
      countyCode: "410324",
      arrangements: ["PAID_SERVICE"],
      status: "OPEN",
      publishedAt: new Date(),
    },
    select: { id: true },
  });
  const offer = await insertOffer({ expertId: expert.id, postedById: expert.id });
  const service = await insertService({ organisationId: space.organisation.id, postedById: space.actor.id });
  const { programme } = await createOpenProgramme();
  const programmeApplication = await applyToProgramme(village, programme.id, applyFields(orgA.id));
  const conversation = await openAgreementConversation(village, signed.agreement.id);
  const commissioner = await createCommissioner();
  // Commissioners as the plan sees them (issue 23): a team of the commissioner, and a venture
  // (not yet verified) with organisation A, in its county.
  const team = await db.commissionerTeam.create({
    data: {
      name: "苹果技术服务队",
      leadId: commissioner.expert.id,
      members: { create: [{ userId: commissioner.expert.id, confirmedAt: new Date() }] },
    },
    select: { id: true },
  });
  const venture = await db.commissionerVenture.create({
    data: {
      commissionerId: commissioner.expert.id,
      role: "LEAD",
      title: "苹果种植示范",
      organisationId: orgA.id,
      countyCode: "410324",
      startDate: new Date(),
      recordedById: commissioner.expert.id,
    },
    select: { id: true },
  });
  const upload = await storeImage({ ownerId: village.id, file: await jpegFile() });

  const review = await db.review.create({
    data: {
      agreementId: signed.agreement.id,
      authorSide: "PAYER",
      authorId: village.id,
      subjectUserId: expert.id,
      rating: 5,
      scores: {},
      text: "专家认真负责",
      publishedAt: new Date(),
    },
    select: { id: true },
  });
  const brand = await db.brandProject.create({
    data: {
      name: "栾川香菇",
      productName: "香菇",
      countyCode: "410324",
      ownerUserId: village.id,
      leadUserId: expert.id,
      ownerOrganisationId: orgA.id,
    },
    select: { id: true },
  });
  const demo = await db.demoSite.create({
    data: {
      name: "重渡沟采摘园",
      type: "PICKING_GARDEN",
      countyCode: "410324",
      description: "示范园",
      status: "PLANNED",
      createdById: bureau.id,
    },
    select: { id: true },
  });
  // Issue 23: a training base course of the space and a characteristic town.
  const base = await db.trainingBase.create({
    data: {
      organisationId: space.organisation.id,
      name: "嵩县实训基地",
      place: "城关镇",
      countyCode: "410325",
      capacity: 30,
      createdById: space.actor.id,
    },
    select: { id: true },
  });
  const course = await db.baseCourse.create({
    data: {
      baseId: base.id,
      title: "电商直播实训",
      startsOn: new Date("2026-01-10T00:00:00Z"),
      endsOn: new Date("2099-01-20T00:00:00Z"),
      seats: 20,
      createdById: space.actor.id,
    },
    select: { id: true },
  });
  const town = await db.characteristicTown.create({
    data: {
      name: "重渡沟特色小镇",
      countyCode: "410324",
      ecologyPlan: "保护山林水系，发展生态旅游",
      functionPlan: "旅游集散、农产品展销",
      industryPlan: "香菇、民宿、文创产品",
      environmentPlan: "改造村容村貌，建设污水处理",
      createdById: bureau.id,
      updatedById: bureau.id,
    },
    select: { id: true },
  });
  const sanction = await db.sanction.create({
    data: {
      kind: "BAN",
      organisationId: orgB.organisation.id,
      reason: "虚报材料",
      createdById: bureau.id,
      endsAt: new Date(Date.now() + 86_400_000),
    },
    select: { id: true },
  });
  const verification = await db.verificationRequest.create({
    data: {
      subject: "ORGANISATION",
      organisationId: orgA.id,
      submittedById: village.id,
      details: { creditCode: "93410324MA0000000X", contactName: "王", statement: "真实" },
    },
    select: { id: true },
  });
  const triage = await db.triageAssignment.create({
    data: { needId: openNeed.id, assigneeId: expert.id, assignedById: bureau.id },
    select: { id: true },
  });
  const webhook = await db.webhookEndpoint.create({
    data: {
      organisationId: orgA.id,
      url: "https://hooks.example.com/xk",
      secret: randomBytes(16).toString("hex"),
      createdById: village.id,
    },
    select: { id: true },
  });
  const training = await db.training.create({
    data: {
      hostId: commissioner.expert.id,
      title: "苹果树冬季修剪",
      description: "现场讲解",
      countyCode: "410324",
      place: "上河村广场",
      startsAt: new Date(Date.now() + 7 * 86_400_000),
      capacity: 5,
    },
    select: { id: true },
  });

  // A draft return of organisation A's county (410324), prepared by its county officer.
  const report = await db.reportReturn.create({
    data: { periodKind: "MONTH", periodKey: "2026-01", scope: "410324", preparedById: county.id },
    select: { id: true },
  });

  // financing (issue 23): an open financing need of organisation A (栾川县).
  const financingNeed = await db.financingNeed.create({
    data: {
      organisationId: orgA.id,
      postedById: village.id,
      countyCode: "410324",
      amountFen: 30_000_000,
      use: "购置香菇烘干设备",
      termMonths: 24,
      collateralKind: "EQUIPMENT",
    },
    select: { id: true },
  });
  // A village of organisation A's county with one recorded poor household (issue 23).
  const villageRecord = await insertVillage({
    countyCode: "410324",
    createdById: county.id,
    statuses: [{ year: 2016, status: "POOR" }],
  });
  const household = await insertHousehold({
    villageId: villageRecord.id,
    countyCode: "410324",
    recordedById: county.id,
  });

  // Organisation A's dividend to that household (利益联结, issue 23).
  const linkage = await db.benefitLinkage.create({
    data: {
      organisationId: orgA.id,
      householdId: household.id,
      mechanism: "DIVIDEND",
      terms: "按入股资金每年分红 8%",
      startedOn: new Date("2026-01-01T00:00:00+08:00"),
      createdById: village.id,
    },
    select: { id: true },
  });

  const people: Record<Exclude<MatrixRole, "anonymous">, { id: string }> = {
    VILLAGE: village,
    FARMER: farmer,
    EXPERT: expert,
    INSTITUTION: institution.actor,
    SPACE: space.actor,
    BUREAU: bureau,
    COUNTY: county,
    FINANCE: finance,
    ADMIN: admin,
  };
  const cookies = Object.fromEntries(
    await Promise.all(
      Object.entries(people).map(
        async ([role, person]) => [role, await sessionCookieFor(person.id)] as const,
      ),
    ),
  ) as Record<Exclude<MatrixRole, "anonymous">, string>;

  // Pairings (issue 23): the institution user's university paired with organisation A's county, agreed.
  const pairing = await db.pairing.create({
    data: {
      organisationId: institution.organisation.id,
      countyCode: "410324",
      startsOn: new Date("2026-01-01T00:00:00Z"),
      status: "ACTIVE",
      proposedById: institution.actor.id,
      agreedById: county.id,
      agreedAt: new Date("2026-01-05T00:00:00Z"),
      commitments: { create: { kind: "EXPERTS_SENT", targetPerYear: 2 } },
    },
    select: { id: true },
  });

  /** What `{name}` stands for in the matrix's URLs. */
  const ids: Record<string, string> = {
    agreement: signed.agreement.id,
    milestone: signed.milestones[0]!.id,
    wallet: signed.payerWallet,
    need: openNeed.id,
    application: applicationId!,
    orgA: orgA.id,
    orgB: orgB.organisation.id,
    institutionOrg: institution.organisation.id,
    space: space.organisation.id,
    offer: offer.id,
    service: service.id,
    programme: programme.id,
    programmeApplication: programmeApplication.id,
    conversation: conversation.id,
    expert: expert.id,
    commissioner: commissioner.expert.id,
    upload: upload.id,
    review: review.id,
    brand: brand.id,
    demo: demo.id,
    course: course.id,
    town: town.id,
    sanction: sanction.id,
    verification: verification.id,
    triage: triage.id,
    webhook: webhook.id,
    training: training.id,
    report: report.id,
    financingNeed: financingNeed.id,
    pairing: pairing.id,
    team: team.id,
    venture: venture.id,
    village: villageRecord.id,
    household: household.id,
    linkage: linkage.id,
  };
  return {
    signed,
    village,
    expert,
    farmer,
    institution,
    space,
    bureau,
    county,
    countyElsewhere,
    finance,
    admin,
    orgA,
    orgB,
    people,
    cookies,
    ids,
  };
}
