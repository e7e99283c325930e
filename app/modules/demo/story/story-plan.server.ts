import type { Prisma } from "~/generated/prisma/client";
import type { AudienceGroup, LocalTalentRole } from "~/generated/prisma/enums";
import {
  approvedPlanOf,
  approveRequestedPlan,
  recordRequestedPlan,
} from "~/modules/monitoring/monitoring.server";
import type { PlanContent } from "~/modules/monitoring/monitoring.budget";
import { luoyangToday, luoyangYear } from "~/utils/dates";
import { DAY, HOUR } from "../demo-timeline";
import type { StoryContext, StoryPeople } from "./story-context";
import {
  BASES,
  COUNTY_TRAININGS,
  COURSES,
  HAND_RECORDED_TALENT,
  SCHEDULE_CHANGE_REASON,
  TALENT_WORK,
  TOWNS,
  TRAINEE_OUTCOMES,
} from "./story-plan-text";

/*
 * The plan's places and people (issue 24, second part): characteristic towns with their plans and
 * the county's projects linked, training bases of the story's spaces with courses held and to
 * come, local talent confirmed from the trainees of held trainings (and some still waiting for
 * their county), and a project's schedule change waiting for its county. Runs after the rest of
 * the story, so the rows before it are the same as without it.
 */

const dayOf = (date: Date) => new Date(`${luoyangToday(date)}T00:00:00Z`);
const later = (a: Date, b: Date) => (a.getTime() > b.getTime() ? a : b);

export async function seedStoryPlan(ctx: StoryContext, people: StoryPeople, spaceIds: string[]) {
  await seedStoryTowns(ctx, people);
  await seedStoryBases(ctx, people, spaceIds);
  await seedStoryTalent(ctx, people);
  await seedStoryScheduleChange(ctx, people);
}

function officerOf(people: StoryPeople, countyCode: string): string | null {
  return people.countyOfficers.find((officer) => officer.countyCode === countyCode)?.id ?? null;
}

/**
 * 特色小镇 in four counties, created by the city bureau, kept by the county officer where there is
 * one, each linked to the county's story demonstration sites, brand projects and approved
 * programme projects — a link only after both the town and the project exist.
 */
async function seedStoryTowns(ctx: StoryContext, people: StoryPeople) {
  const { tx, rand, time } = ctx;
  const orgIds = people.orgs.map((org) => org.id);
  const counties = TOWNS.map((town) => town.countyCode as string);
  const [sites, brands, applications] = await Promise.all([
    tx.demoSite.findMany({
      where: { countyCode: { in: counties }, organisationId: { in: orgIds } },
      select: { id: true, countyCode: true, createdAt: true },
      orderBy: { name: "asc" },
    }),
    tx.brandProject.findMany({
      where: { countyCode: { in: counties }, ownerOrganisationId: { in: orgIds } },
      select: { id: true, countyCode: true, createdAt: true },
      orderBy: { name: "asc" },
    }),
    tx.programmeApplication.findMany({
      where: {
        countyCode: { in: counties },
        organisationId: { in: orgIds },
        status: { in: ["APPROVED", "DISBURSED", "EVALUATED"] },
      },
      select: { id: true, countyCode: true, decidedAt: true },
      orderBy: { title: "asc" },
    }),
  ]);
  const towns: Prisma.CharacteristicTownCreateManyInput[] = [];
  const links: Prisma.TownProjectCreateManyInput[] = [];
  for (const town of TOWNS) {
    const id = rand.id();
    const createdAt = time.ago(rand.int(200, 280), rand.int(0, 8));
    const keeper = officerOf(people, town.countyCode) ?? ctx.bureauUserId;
    towns.push({
      id,
      name: town.name,
      countyCode: town.countyCode,
      ecologyPlan: town.ecologyPlan,
      functionPlan: town.functionPlan,
      industryPlan: town.industryPlan,
      environmentPlan: town.environmentPlan,
      status: town.status,
      createdById: ctx.bureauUserId,
      updatedById: keeper,
      createdAt,
    });
    const targets = [
      ...sites
        .filter((site) => site.countyCode === town.countyCode)
        .map((site) => ({
          kind: "DEMO_SITE" as const,
          column: "demoSiteId",
          id: site.id,
          at: site.createdAt,
        })),
      ...brands
        .filter((brand) => brand.countyCode === town.countyCode)
        .map((brand) => ({
          kind: "BRAND_PROJECT" as const,
          column: "brandProjectId",
          id: brand.id,
          at: brand.createdAt,
        })),
      ...applications
        .filter((application) => application.countyCode === town.countyCode)
        .map((application) => ({
          kind: "PROGRAMME_APPLICATION" as const,
          column: "programmeApplicationId",
          id: application.id,
          at: application.decidedAt!,
        })),
    ];
    for (const target of targets) {
      const linkedAt = new Date(
        Math.min(later(createdAt, target.at).getTime() + rand.int(3, 20) * DAY, time.now.getTime() - DAY),
      );
      links.push({
        id: rand.id(),
        townId: id,
        kind: target.kind,
        [target.column]: target.id,
        linkedById: keeper,
        createdAt: linkedAt,
      });
    }
    ctx.seeded.push({ subjectType: "CharacteristicTown", subjectId: id });
  }
  await tx.characteristicTown.createMany({ data: towns });
  await tx.townProject.createMany({ data: links });
}

const GROUPS: AudienceGroup[] = ["PROFESSIONAL_FARMER", "RETURNING_MIGRANT", "GRADUATE", "MAKER"];

/**
 * A 创业实训基地 for each story space, with three courses: held ones whose trainees finished
 * (and what came of it; one withdrew), and for two of the bases one still to come with places
 * free, which any farmer may enrol on.
 */
async function seedStoryBases(ctx: StoryContext, people: StoryPeople, spaceIds: string[]) {
  const { tx, rand, time } = ctx;
  const spaces = await tx.organisation.findMany({
    where: { id: { in: spaceIds } },
    select: {
      id: true,
      countyCode: true,
      memberships: { where: { role: "SPACE" }, select: { userId: true } },
    },
  });
  const bases: Prisma.TrainingBaseCreateManyInput[] = [];
  const courses: Prisma.BaseCourseCreateManyInput[] = [];
  const trainees: Prisma.BaseTraineeCreateManyInput[] = [];
  let withdrew = false;
  for (const [index, spaceId] of spaceIds.entries()) {
    const space = spaces.find((row) => row.id === spaceId)!;
    const operatorId = space.memberships[0]!.userId;
    const template = BASES[index % BASES.length]!;
    const baseId = rand.id();
    const capacity = rand.int(40, 60);
    bases.push({
      id: baseId,
      organisationId: spaceId,
      name: template.name,
      place: template.place,
      countyCode: space.countyCode!,
      capacity,
      facilities: template.facilities,
      createdById: operatorId,
      createdAt: time.ago(rand.int(230, 260)),
    });
    ctx.seeded.push({ subjectType: "TrainingBase", subjectId: baseId });
    const local = people.farmers.filter((farmer) => farmer.countyCode === space.countyCode);
    const others = people.farmers.filter((farmer) => farmer.countyCode !== space.countyCode);
    for (const [position, course] of COURSES[index % COURSES.length]!.entries()) {
      // The third course of the second and third bases is still to come; the rest were held.
      const upcoming = position === 2 && index > 0;
      const startsAt = upcoming
        ? new Date(time.now.getTime() + rand.int(8, 25) * DAY)
        : time.ago(
            position === 0 ? rand.int(150, 175) : position === 1 ? rand.int(45, 75) : rand.int(12, 20),
          );
      const startsOn = dayOf(startsAt);
      const endsOn = new Date(startsOn.getTime() + rand.int(2, 4) * DAY);
      const createdAt = new Date(startsOn.getTime() - rand.int(15, 30) * DAY);
      const seats = rand.int(20, Math.min(30, capacity));
      const courseId = rand.id();
      courses.push({
        id: courseId,
        baseId,
        title: course.title,
        description: course.description,
        startsOn,
        endsOn,
        seats,
        createdById: operatorId,
        createdAt,
      });
      const enrolled = upcoming
        ? rand.some(local.length > 0 ? local : others, rand.int(2, 4))
        : [...rand.some(local, rand.int(3, 5)), ...rand.some(others, rand.int(2, 4))];
      for (const [n, farmer] of enrolled.entries()) {
        const enrolledAt = new Date(
          Math.min(
            createdAt.getTime() + rand.int(1, 12) * DAY + rand.int(0, 10) * HOUR,
            time.now.getTime() - HOUR,
          ),
        );
        const row: Prisma.BaseTraineeCreateManyInput = {
          courseId,
          userId: farmer.id,
          group: GROUPS[(n + position) % GROUPS.length]!,
          enrolledAt,
        };
        if (!upcoming && !withdrew && n === 1) {
          withdrew = true;
          row.withdrawnAt = new Date(enrolledAt.getTime() + rand.int(1, 3) * DAY);
        } else if (!upcoming) {
          const [outcome, note] = TRAINEE_OUTCOMES[(n + index) % TRAINEE_OUTCOMES.length]!;
          row.completedAt = new Date(endsOn.getTime() + rand.int(8, 18) * HOUR);
          if (rand.chance(0.8)) {
            row.outcome = outcome;
            row.outcomeNote = note;
          }
        }
        trainees.push(row);
      }
    }
  }
  await tx.trainingBase.createMany({ data: bases });
  await tx.baseCourse.createMany({ data: courses });
  await tx.baseTrainee.createMany({ data: trainees });
}

const ROLES = Object.keys(TALENT_WORK) as LocalTalentRole[];

/**
 * 本土人才: commissioners' trainings held in 洛宁 and 孟津 too (the story's others there are still
 * to come); then, of every story farmer who attended a held training, those of trainings a few
 * weeks past are confirmed by their county officer (the city bureau where the county has none),
 * some of them serving the village since; the latest in each county still wait for confirmation.
 * Commissioners recorded a few people without an account by hand.
 */
async function seedStoryTalent(ctx: StoryContext, people: StoryPeople) {
  const { tx, rand, time } = ctx;
  const year = luoyangYear(time.now);
  const trainings: Prisma.TrainingCreateManyInput[] = [];
  const signups: Prisma.TrainingSignupCreateManyInput[] = [];
  for (const training of COUNTY_TRAININGS) {
    const host = people.assignments.find(
      (assignment) => assignment.year === year && assignment.countyCode === training.countyCode,
    );
    if (!host) continue;
    const id = rand.id();
    const startsAt = time.ago(training.daysAgo, rand.int(0, 6));
    const createdAt = new Date(startsAt.getTime() - rand.int(7, 14) * DAY);
    trainings.push({
      id,
      hostId: host.userId,
      title: training.title,
      description: "在示范园现场讲解、动手操作，结束后留下联系方式，有问题随时问。",
      countyCode: training.countyCode,
      place: `${host.villages[0] ?? "乡镇"}村委会会议室`,
      startsAt,
      capacity: rand.int(30, 50),
      status: "HELD",
      createdAt,
    });
    const nearby = people.farmers.filter((farmer) => farmer.countyCode === training.countyCode);
    for (const farmer of rand.some(nearby, rand.int(3, 5)))
      signups.push({
        trainingId: id,
        userId: farmer.id,
        attended: rand.chance(0.85),
        createdAt: new Date(createdAt.getTime() + rand.int(1, 5) * DAY),
      });
  }
  await tx.training.createMany({ data: trainings });
  await tx.trainingSignup.createMany({ data: signups });

  // Every story farmer's attendance at a held training, oldest first in each county.
  const attended = await tx.$queryRaw<
    {
      trainingId: string;
      userId: string;
      countyCode: string;
      startsAt: Date;
      title: string;
      villageId: string | null;
    }[]
  >`
    SELECT s."trainingId", s."userId", u."countyCode", t."startsAt", t.title,
      (SELECT o."villageId" FROM "Membership" m JOIN "Organisation" o ON o.id = m."organisationId"
       WHERE m."userId" = u.id AND m.role = 'FARMER' ORDER BY o.id LIMIT 1) AS "villageId"
    FROM "TrainingSignup" s JOIN "Training" t ON t.id = s."trainingId" JOIN "User" u ON u.id = s."userId"
    WHERE s.attended AND t.status = 'HELD' AND u."primaryRole" = 'FARMER' AND u.phone LIKE '+86157%'
      AND u."countyCode" IS NOT NULL
    ORDER BY u."countyCode", t."startsAt", s."userId"`;
  const talents = new Map<string, Prisma.LocalTalentCreateManyInput>();
  const histories: Prisma.LocalTalentTrainingCreateManyInput[] = [];
  const waitAfter = time.ago(20).getTime();
  attended.forEach((row, index) => {
    // The county's latest attendee always waits, as does anyone of a training under three weeks old.
    const lastOfCounty = attended[index + 1]?.countyCode !== row.countyCode;
    if (lastOfCounty || row.startsAt.getTime() > waitAfter || !rand.chance(0.7)) return;
    const confirmerId = officerOf(people, row.countyCode) ?? ctx.bureauUserId;
    const confirmedAt = new Date(row.startsAt.getTime() + rand.int(3, 12) * DAY + rand.int(1, 8) * HOUR);
    let talent = talents.get(row.userId);
    if (!talent) {
      const serving = rand.chance(0.45);
      const role = serving ? rand.pick(ROLES) : null;
      const servingSince = role
        ? new Date(Math.min(confirmedAt.getTime() + rand.int(10, 40) * DAY, time.now.getTime() - DAY))
        : null;
      talent = {
        id: rand.id(),
        countyCode: row.countyCode,
        villageId: row.villageId,
        userId: row.userId,
        skills: row.title.replace(/(现场培训|技术讲座|培训|讲座|入门)$/, ""),
        status: role ? "SERVING" : "TRAINED",
        role,
        work: role ? rand.pick(TALENT_WORK[role]) : "",
        servingSince,
        recordedById: confirmerId,
        createdAt: confirmedAt,
      };
      talents.set(row.userId, talent);
    }
    histories.push({
      talentId: talent.id!,
      trainingId: row.trainingId,
      confirmedById: confirmerId,
      confirmedAt,
    });
  });
  const byHand: Prisma.LocalTalentCreateManyInput[] = [];
  for (const [index, person] of HAND_RECORDED_TALENT.entries()) {
    const recorder = people.assignments.find(
      (assignment) => assignment.year === year && assignment.countyCode === person.countyCode,
    );
    const createdAt = time.ago(rand.int(20, 90), rand.int(0, 8));
    byHand.push({
      id: rand.id(),
      countyCode: person.countyCode,
      name: person.name,
      phone: `+86157999999${String(70 + index)}`,
      skills: person.skills,
      status: person.role ? "SERVING" : "TRAINED",
      role: person.role,
      work: person.work,
      servingSince: person.role ? createdAt : null,
      recordedById: recorder?.userId ?? ctx.bureauUserId,
      createdAt,
    });
  }
  const rows = [...talents.values(), ...byHand];
  await tx.localTalent.createMany({ data: rows });
  await tx.localTalentTraining.createMany({ data: histories });
  for (const row of rows) ctx.seeded.push({ subjectType: "LocalTalent", subjectId: row.id! });
}

/**
 * A 洛宁 project the city funded asks to finish three months later (a late frost killed the new
 * saplings): its budget as asked and as approved are on record, and the change waits for the
 * county's opinion, as requestChange leaves it where the county has an officer.
 */
async function seedStoryScheduleChange(ctx: StoryContext, people: StoryPeople) {
  const { tx, rand, time } = ctx;
  const countyCode = "410328";
  if (!officerOf(people, countyCode)) return;
  const project = await tx.programmeApplication.findFirst({
    where: {
      countyCode,
      status: "DISBURSED",
      organisationId: { in: people.orgs.map((org) => org.id) },
    },
    orderBy: { title: "asc" },
    select: {
      id: true,
      summary: true,
      requestedFen: true,
      approvedFen: true,
      createdAt: true,
      decidedAt: true,
      applicantId: true,
    },
  });
  if (!project?.approvedFen || !project.decidedAt) return;
  const equipment = Math.round((project.requestedFen * 0.5) / 100) * 100;
  const materials = Math.round((project.requestedFen * 0.3) / 100) * 100;
  await recordRequestedPlan(tx, project.id, {
    budgetLines: [
      { category: "EQUIPMENT", amountFen: equipment },
      { category: "MATERIALS", amountFen: materials },
      { category: "MEETINGS", amountFen: project.requestedFen - equipment - materials },
    ],
    team: [people.orgs.find((org) => org.headId === project.applicantId)?.headName ?? "项目负责人"],
    suppliers: ["洛宁县果树苗木繁育场（演示）"],
    scope: project.summary,
    requestedFen: project.requestedFen,
  });
  await approveRequestedPlan(tx, project.id, project.approvedFen);
  for (const [version, at] of [
    [0, project.createdAt],
    [1, project.decidedAt],
  ] as const)
    await tx.projectPlanVersion.updateMany({
      where: { applicationId: project.id, version },
      data: { createdAt: at },
    });
  const approved = await approvedPlanOf(project.id, tx);
  if (!approved) return;
  const endsOn = new Date(Date.UTC(luoyangYear(time.now) + 1, 2, 31));
  const proposed: PlanContent = {
    budgetLines: approved.budgetLines,
    scope: approved.scope,
    endsOn: endsOn.toISOString().slice(0, 10),
    milestones: approved.milestones,
    team: approved.team,
    suppliers: approved.suppliers,
  };
  const id = rand.id();
  await tx.projectChangeRequest.create({
    data: {
      id,
      applicationId: project.id,
      baseVersion: approved.version,
      kinds: ["SCHEDULE"],
      proposed: proposed as unknown as Prisma.InputJsonValue,
      reason: SCHEDULE_CHANGE_REASON,
      status: "AWAITING_COUNTY",
      requestedById: project.applicantId,
      createdAt: time.ago(rand.int(4, 9), rand.int(0, 8)),
    },
    select: { id: true },
  });
  ctx.seeded.push({ subjectType: "ProjectChangeRequest", subjectId: id });
}
