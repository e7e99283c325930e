import type { Prisma } from "~/generated/prisma/client";
import type { OrganisationType } from "~/generated/prisma/enums";
import { COUNTIES, type CountyCode } from "~/modules/reference/reference";
import { luoyangYear } from "~/utils/dates";
import { DAY } from "../demo-timeline";
import type { StoryContext, StoryExpert, StoryOrg, StoryPeople } from "./story-context";
import { storyCreditCode } from "./story-random";
import {
  EXPERT_TEMPLATES,
  GIVEN_NAMES,
  INSTITUTIONS,
  ORG_KIND_NAMES,
  PRODUCTS,
  SURNAMES,
  VILLAGES,
} from "./story-text";

const ORG_TYPES: (keyof typeof ORG_KIND_NAMES)[] = [
  "COOPERATIVE",
  "VILLAGE_COMMITTEE",
  "FAMILY_FARM",
  "LARGE_GROWER",
];
/** The counties of the plan's poverty focus, where the 三区 cohort serves. */
export const POVERTY_COUNTIES: CountyCode[] = [
  "410324",
  "410325",
  "410326",
  "410328",
  "410327",
  "410329",
  "410323",
];
const EXPERT_COUNT = 24;
const COMMISSIONER_COUNT = 20;

/**
 * The story's people: village organisations in every county (their heads sign and pay), a few
 * farmers each, three more institutions, two dozen experts of whom twenty serve as commissioners
 * in this year's and last year's cohorts (standard and 三区), three teams, and county officers.
 * Written with createMany; phone logins +86157… with the demo password.
 */
export async function seedStoryPeople(ctx: StoryContext): Promise<StoryPeople> {
  const { tx, rand, time } = ctx;
  let phone = 0;
  const nextPhone = () => `+86157${String(++phone).padStart(8, "0")}`;
  const personName = () => rand.pick(SURNAMES) + rand.pick(GIVEN_NAMES);
  const users: Prisma.UserCreateManyInput[] = [];
  const organisations: Prisma.OrganisationCreateManyInput[] = [];
  const memberships: Prisma.MembershipCreateManyInput[] = [];
  const addUser = (
    role: "VILLAGE" | "FARMER" | "EXPERT" | "INSTITUTION" | "COUNTY",
    countyCode: string | null,
    registeredAt: Date,
    name = personName(),
  ) => {
    const id = rand.id();
    users.push({
      id,
      phone: nextPhone(),
      displayName: name,
      passwordHash: ctx.passwordHash,
      primaryRole: role,
      countyCode,
      createdAt: registeredAt,
      passwordChangedAt: registeredAt,
      verifiedAt:
        role === "VILLAGE" || role === "INSTITUTION" ? null : new Date(registeredAt.getTime() + DAY),
    });
    return { id, name };
  };

  const orgs: StoryOrg[] = [];
  let serial = 0;
  for (const county of COUNTIES) {
    VILLAGES[county.code].forEach(([township, village], index) => {
      const type = ORG_TYPES[(orgs.length + index) % ORG_TYPES.length]!;
      const product = PRODUCTS[county.code][index % PRODUCTS[county.code].length]!;
      const registeredAt = time.ago(rand.int(330, 360), rand.int(0, 10));
      const head = addUser("VILLAGE", county.code, registeredAt);
      const id = rand.id();
      const name =
        type === "VILLAGE_COMMITTEE"
          ? `${county.nameZh}${township}${village}${ORG_KIND_NAMES[type]}`
          : type === "COOPERATIVE"
            ? `${county.nameZh}${village.replace(/村$/, "")}${product}专业合作社`
            : `${county.nameZh}${head.name}${type === "FAMILY_FARM" ? "家庭农场" : `${product}种植大户`}`;
      organisations.push({
        id,
        type: type as OrganisationType,
        name,
        countyCode: county.code,
        village: `${township}${village}`,
        description: `${county.nameZh}${township}${village}的${ORG_KIND_NAMES[type]}，主要生产${product}。`,
        mainProducts: [product],
        creditCode: storyCreditCode(type === "VILLAGE_COMMITTEE" ? "92" : "93", county.code, ++serial),
        legalRepresentative: head.name,
        address: `河南省洛阳市${county.nameZh}${township}${village}（演示地址）`,
        verifiedAt: new Date(registeredAt.getTime() + DAY),
        createdAt: registeredAt,
        // Poverty villages sit in the plan's seven counties, one in two of them.
        ...(POVERTY_COUNTIES.includes(county.code) && index % 2 === 0
          ? {
              povertyVillageAt: new Date(registeredAt.getTime() + 2 * DAY),
              povertyVillageById: ctx.bureauUserId,
            }
          : {}),
      });
      memberships.push({
        userId: head.id,
        organisationId: id,
        role: "VILLAGE",
        administrator: true,
        financeGrantedAt: new Date(registeredAt.getTime() + DAY),
        signingGrantedAt: new Date(registeredAt.getTime() + DAY),
        createdAt: registeredAt,
      });
      orgs.push({
        id,
        name,
        countyCode: county.code,
        township,
        village,
        product,
        headId: head.id,
        headName: head.name,
        registeredAt,
        poverty: POVERTY_COUNTIES.includes(county.code) && index % 2 === 0,
      });
    });
  }

  const farmers: StoryPeople["farmers"] = [];
  for (const org of orgs) {
    for (let i = 0; i < 3; i++) {
      const joinedAt = new Date(org.registeredAt.getTime() + rand.int(2, 20) * DAY);
      const farmer = addUser("FARMER", org.countyCode, joinedAt);
      memberships.push({ userId: farmer.id, organisationId: org.id, role: "FARMER", createdAt: joinedAt });
      farmers.push({ id: farmer.id, countyCode: org.countyCode });
    }
  }

  const institutionIds = [ctx.universityId];
  const institutionStaff = new Map<string, string>();
  for (const [index, institution] of INSTITUTIONS.entries()) {
    const registeredAt = time.ago(rand.int(340, 362));
    const staff = addUser(
      "INSTITUTION",
      null,
      registeredAt,
      `${institution.name.replace(/（演示）$/, "")}科研处`,
    );
    const id = rand.id();
    organisations.push({
      id,
      type: institution.type,
      name: institution.name,
      nameEn: institution.nameEn,
      countyCode: institution.countyCode,
      description: "面向洛阳山区县开展农业技术研发、推广与培训（演示机构）。",
      creditCode: storyCreditCode("12", institution.countyCode, 900 + index),
      legalRepresentative: `${personName()}（演示）`,
      address: `河南省洛阳市（演示地址）`,
      verifiedAt: new Date(registeredAt.getTime() + DAY),
      createdAt: registeredAt,
    });
    memberships.push({
      userId: staff.id,
      organisationId: id,
      role: "INSTITUTION",
      administrator: true,
      financeGrantedAt: new Date(registeredAt.getTime() + DAY),
      signingGrantedAt: new Date(registeredAt.getTime() + DAY),
      createdAt: registeredAt,
    });
    institutionIds.push(id);
    institutionStaff.set(id, staff.id);
  }

  const experts: StoryExpert[] = [];
  const profiles: Prisma.ExpertProfileCreateManyInput[] = [];
  for (let i = 0; i < EXPERT_COUNT; i++) {
    const template = EXPERT_TEMPLATES[i % EXPERT_TEMPLATES.length]!;
    const registeredAt = time.ago(rand.int(335, 362));
    const home = COUNTIES[i % COUNTIES.length]!.code;
    const countiesServed = [
      home,
      ...rand.some(
        COUNTIES.map((c) => c.code).filter((c) => c !== home),
        2,
      ),
    ];
    const expert = addUser("EXPERT", home, registeredAt);
    const affiliationId = institutionIds[i % institutionIds.length]!;
    const commissioner = i < COMMISSIONER_COUNT;
    memberships.push({
      userId: expert.id,
      organisationId: affiliationId,
      role: "EXPERT",
      signingGrantedAt: new Date(registeredAt.getTime() + DAY),
      createdAt: registeredAt,
    });
    profiles.push({
      userId: expert.id,
      title: template.title,
      fields: template.fields,
      specialties: template.specialties,
      bio: `长期在洛阳山区县开展技术服务，擅长${template.specialties}。${commissioner ? "现任洛阳市科技特派员。" : ""}`,
      affiliationId,
      isCommissioner: commissioner,
      countiesServed,
      availability: i % 7 === 6 ? "LIMITED" : "AVAILABLE",
      createdAt: registeredAt,
    });
    experts.push({
      id: expert.id,
      name: expert.name,
      fields: template.fields,
      countiesServed,
      commissioner,
      affiliationId,
      registeredAt,
    });
  }

  const countyOfficers: StoryPeople["countyOfficers"] = [];
  // Not in 嵩县 or 宜阳县: the browser tests apply there and expect no county pre-screening.
  for (const countyCode of ["410326", "410328", "410329", "410308"] as const) {
    const county = COUNTIES.find((c) => c.code === countyCode)!;
    const officer = addUser(
      "COUNTY",
      countyCode,
      time.ago(rand.int(300, 340)),
      `${personName()} ${county.nameZh}科技局`,
    );
    countyOfficers.push({ id: officer.id, countyCode });
  }

  await tx.user.createMany({ data: users });
  await tx.organisation.createMany({ data: organisations });
  await tx.membership.createMany({ data: memberships });
  await tx.expertProfile.createMany({ data: profiles });

  const { assignments, teams } = await seedCohorts(ctx, orgs, experts);
  for (const org of orgs) ctx.seeded.push({ subjectType: "Organisation", subjectId: org.id });
  return { orgs, experts, farmers, institutionIds, institutionStaff, countyOfficers, assignments, teams };
}

/**
 * This year's standard cohort (the demo's, created earlier) gets one commissioner in every county
 * first, a 三区 cohort serves the poverty counties, and last year's cohort shows the history.
 */
async function seedCohorts(ctx: StoryContext, orgs: StoryOrg[], experts: StoryExpert[]) {
  const { tx, rand, time } = ctx;
  const year = luoyangYear(time.now);
  const cohortFor = async (cohortYear: number, kind: "STANDARD" | "SANQU", createdAt: Date) =>
    (
      await tx.commissionerCohort.upsert({
        where: { year_kind: { year: cohortYear, kind } },
        create: {
          year: cohortYear,
          kind,
          name:
            kind === "STANDARD"
              ? `${cohortYear} 年度洛阳市科技特派员`
              : `${cohortYear} 年度三区人才支持计划科技人员`,
          targetCount: kind === "STANDARD" ? 25 : 10,
          createdById: ctx.bureauUserId,
          createdAt,
        },
        update: {},
        select: { id: true },
      })
    ).id;
  const standard = await cohortFor(year, "STANDARD", time.ago(90));
  const sanqu = await cohortFor(year, "SANQU", time.ago(88));
  const lastYear = await cohortFor(year - 1, "STANDARD", time.ago(355));
  const commissioners = experts.filter((expert) => expert.commissioner);
  const rows: StoryPeople["assignments"] = [];
  const data: Prisma.CommissionerAssignmentCreateManyInput[] = [];
  const assign = (
    cohortId: string,
    cohortYear: number,
    expert: StoryExpert,
    countyCode: string,
    createdAt: Date,
  ) => {
    const villages = orgs
      .filter((org) => org.countyCode === countyCode)
      .map((org) => `${org.township}${org.village}`);
    const id = rand.id();
    data.push({
      id,
      cohortId,
      userId: expert.id,
      countyCode,
      villages: villages.slice(0, 2),
      startDate: new Date(Date.UTC(cohortYear, 0, 1)),
      endDate: new Date(Date.UTC(cohortYear, 11, 31)),
      createdById: ctx.bureauUserId,
      createdAt,
    });
    rows.push({ id, userId: expert.id, countyCode, villages: villages.slice(0, 2), year: cohortYear });
  };
  commissioners.forEach((expert, index) => {
    const countyCode = COUNTIES[index % COUNTIES.length]!.code;
    if (index < 16) assign(standard, year, expert, countyCode, time.ago(rand.int(80, 88)));
    else
      assign(
        sanqu,
        year,
        expert,
        POVERTY_COUNTIES[index % POVERTY_COUNTIES.length]!,
        time.ago(rand.int(80, 86)),
      );
    if (index < 10) assign(lastYear, year - 1, expert, countyCode, time.ago(rand.int(340, 350)));
  });
  await tx.commissionerAssignment.createMany({ data });

  const teams: StoryPeople["teams"] = [];
  const teamNames = ["伊河果业科技服务团", "洛南中药材科技特派员团队", "山区电商帮扶小分队"];
  for (const [index, name] of teamNames.entries()) {
    const [lead, ...members] = commissioners.slice(index * 4, index * 4 + 3);
    const createdAt = time.ago(rand.int(60, 80));
    const team = await tx.commissionerTeam.create({
      data: {
        name,
        leadId: lead!.id,
        createdAt,
        members: {
          create: [lead!, ...members].map((member) => ({
            userId: member.id,
            invitedAt: createdAt,
            confirmedAt: new Date(createdAt.getTime() + rand.int(1, 48) * 3600_000),
          })),
        },
      },
      select: { id: true },
    });
    teams.push({ id: team.id, leadId: lead!.id, memberIds: members.map((member) => member.id) });
  }
  return { assignments: rows, teams };
}
