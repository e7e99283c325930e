import type { Prisma } from "~/generated/prisma/client";
import type { BrandStage, ServiceRequestStatus } from "~/generated/prisma/enums";
import { luoyangYear } from "~/utils/dates";
import { DAY, HOUR } from "../demo-timeline";
import type { StoryContext, StoryPeople } from "./story-context";
import { storyCreditCode } from "./story-random";
import { BRAND_NAMES, SERVICE_LOG_NOTES, SPACES, SPACE_SERVICES, TRAINING_TOPICS } from "./story-text";

const LOG_KINDS = ["VISIT", "TRAINING", "CONSULTATION", "DEMONSTRATION"] as const;

/** Commissioners at work: service logs over each assignment, and trainings with sign-ups and attendance. */
export async function seedStoryFieldwork(ctx: StoryContext, people: StoryPeople) {
  const { tx, rand, time } = ctx;
  const year = luoyangYear(time.now);
  const logs: Prisma.ServiceLogCreateManyInput[] = [];
  for (const assignment of people.assignments) {
    const from =
      assignment.year === year
        ? Math.max(time.ago(80).getTime(), Date.UTC(year, 0, 2))
        : time.ago(330).getTime();
    const to =
      assignment.year === year
        ? time.now.getTime() - DAY
        : Math.min(Date.UTC(year, 0, 1), time.ago(5).getTime());
    const count = assignment.year === year ? rand.int(4, 8) : rand.int(2, 4);
    for (let i = 0; i < count; i++) {
      const date = new Date(from + ((to - from) * (i + rand.next())) / count);
      const place = assignment.villages[i % Math.max(1, assignment.villages.length)] ?? "乡镇农技站";
      logs.push({
        id: rand.id(),
        assignmentId: assignment.id,
        date,
        countyCode: assignment.countyCode,
        place,
        kind: LOG_KINDS[i % LOG_KINDS.length]!,
        farmersReached: rand.int(4, 60),
        note: rand.pick(SERVICE_LOG_NOTES),
        // Written up the same day or the next, and never after the seed.
        createdAt: new Date(Math.min(date.getTime() + rand.int(2, 30) * HOUR, time.now.getTime() - HOUR)),
      });
    }
  }
  await tx.serviceLog.createMany({ data: logs });

  const trainings: Prisma.TrainingCreateManyInput[] = [];
  const signups: Prisma.TrainingSignupCreateManyInput[] = [];
  const hosts = people.assignments.filter((assignment) => assignment.year === year);
  for (let i = 0; i < 14; i++) {
    const host = hosts[i % hosts.length]!;
    const upcoming = i % 4 === 3;
    const startsAt = upcoming
      ? new Date(time.now.getTime() + rand.int(5, 30) * DAY)
      : time.ago(rand.int(5, 75), rand.int(0, 6));
    const id = rand.id();
    const createdAt = new Date(Math.min(startsAt.getTime(), time.now.getTime()) - rand.int(7, 14) * DAY);
    trainings.push({
      id,
      hostId: host.userId,
      title: TRAINING_TOPICS[i % TRAINING_TOPICS.length]!,
      description: "现场讲解加动手操作，欢迎周边村的农户参加，带上自家遇到的问题。",
      countyCode: host.countyCode,
      place: `${host.villages[0] ?? "乡镇"}村委会会议室`,
      startsAt,
      capacity: rand.int(30, 60),
      status: upcoming ? "OPEN" : "HELD",
      createdAt,
    });
    const nearby = people.farmers.filter((farmer) => farmer.countyCode === host.countyCode);
    for (const farmer of rand.some(nearby, rand.int(3, 6)))
      signups.push({
        trainingId: id,
        userId: farmer.id,
        attended: !upcoming && rand.chance(0.8),
        createdAt: new Date(createdAt.getTime() + rand.int(1, 5) * DAY),
      });
  }
  await tx.training.createMany({ data: trainings });
  await tx.trainingSignup.createMany({ data: signups });
  return { serviceLogs: logs.length, trainings: trainings.length };
}

/**
 * Three more Star Innovation Spaces (none in 嵩县, where the demo's own stands), recognised by the
 * bureau, with their services, requests from villages at every status and this year's figures.
 */
export async function seedStorySpaces(ctx: StoryContext, people: StoryPeople) {
  const { tx, rand, time } = ctx;
  const year = luoyangYear(time.now);
  const services: Prisma.SpaceServiceCreateManyInput[] = [];
  const requests: Prisma.ServiceRequestCreateManyInput[] = [];
  const spaceIds: string[] = [];
  for (const [index, space] of SPACES.entries()) {
    const registeredAt = time.ago(rand.int(340, 360));
    const operatorId = rand.id();
    await tx.user.create({
      data: {
        id: operatorId,
        phone: `+861579999980${index}`,
        displayName: `${space.name.replace(/星创天地$/, "")}星创天地运营部`,
        passwordHash: ctx.passwordHash,
        primaryRole: "SPACE",
        countyCode: space.countyCode,
        createdAt: registeredAt,
        passwordChangedAt: registeredAt,
      },
    });
    const organisation = await tx.organisation.create({
      data: {
        type: "STAR_SPACE",
        name: space.name,
        countyCode: space.countyCode,
        description: `依托${space.host}，为返乡创业人员、合作社和职业农民提供一站式服务（演示机构）。`,
        creditCode: storyCreditCode("91", space.countyCode, 950 + index),
        legalRepresentative: "（演示）",
        address: `${space.host}（演示地址）`,
        verifiedAt: new Date(registeredAt.getTime() + DAY),
        createdAt: registeredAt,
        memberships: {
          create: {
            userId: operatorId,
            role: "SPACE",
            administrator: true,
            financeGrantedAt: registeredAt,
            signingGrantedAt: registeredAt,
            createdAt: registeredAt,
          },
        },
      },
      select: { id: true },
    });
    spaceIds.push(organisation.id);
    await tx.spaceProfile.create({
      data: {
        organisationId: organisation.id,
        level: (["CITY", "PROVINCIAL", "CITY"] as const)[index],
        recognisedAt: time.ago(rand.int(150, 300)),
        recognisedById: ctx.bureauUserId,
        host: space.host,
        areaSqm: rand.int(1500, 6000),
        latitude: space.lat,
        longitude: space.lng,
        openingHours: "周一至周五 8:30–17:30",
      },
    });
    await tx.spaceKpiReport.create({
      data: {
        organisationId: organisation.id,
        year,
        incubated: rand.int(4, 15),
        mentors: rand.int(5, 20),
        trainingsHeld: rand.int(6, 24),
        peopleTrained: rand.int(150, 900),
        jobsCreated: rand.int(10, 80),
        financingFen: rand.int(50, 400) * 1_000_000,
        reportedById: operatorId,
      },
    });
    ctx.seeded.push({ subjectType: "Organisation", subjectId: organisation.id });
    const localOrgs = people.orgs.filter((org) => org.countyCode === space.countyCode);
    for (const [position, service] of SPACE_SERVICES.entries()) {
      if ((position + index) % 3 === 2) continue;
      const publishedAt = time.ago(rand.int(60, 280));
      const serviceId = rand.id();
      const free = service.category === "CONSULTING" || service.category === "TRAINING_MENTORING";
      services.push({
        id: serviceId,
        organisationId: organisation.id,
        category: service.category,
        title: `${space.name.slice(0, 3)}${service.title}`,
        description: service.description,
        countiesServed: [
          space.countyCode,
          ...rand.some(
            people.orgs.map((org) => org.countyCode),
            2,
          ),
        ].filter((c, i, all) => all.indexOf(c) === i),
        free,
        priceMinFen: free ? null : rand.int(5, 20) * 10_000,
        priceMaxFen: free ? null : rand.int(25, 60) * 10_000,
        turnaroundDays: rand.int(3, 20),
        status: "PUBLISHED",
        postedById: operatorId,
        publishedAt,
        createdAt: publishedAt,
      });
      const statuses: ServiceRequestStatus[] = ["COMPLETED", "ACCEPTED", "SUBMITTED", "DECLINED"];
      const requester = localOrgs[position % Math.max(1, localOrgs.length)] ?? people.orgs[position]!;
      const status = statuses[(position + index) % statuses.length]!;
      const createdAt = new Date(publishedAt.getTime() + rand.int(5, 40) * DAY);
      const respondedAt =
        status === "SUBMITTED" ? null : new Date(createdAt.getTime() + rand.int(1, 3) * DAY);
      requests.push({
        id: rand.id(),
        serviceId,
        organisationId: organisation.id,
        requesterId: requester.headId,
        requesterOrganisationId: requester.id,
        description: `${requester.name}想了解这项服务，社里有十几户准备一起参加。`,
        countyCode: requester.countyCode,
        village: `${requester.township}${requester.village}`,
        audienceGroup: "PROFESSIONAL_FARMER",
        status,
        response:
          status === "DECLINED"
            ? "本月名额已满，下月再约。"
            : respondedAt
              ? "已安排老师对接，请保持电话畅通。"
              : null,
        respondedById: respondedAt ? operatorId : null,
        respondedAt,
        completedAt: status === "COMPLETED" ? new Date(respondedAt!.getTime() + rand.int(5, 15) * DAY) : null,
        rating: status === "COMPLETED" ? rand.int(4, 5) : null,
        feedback: status === "COMPLETED" ? "服务很到位，解决了实际问题。" : null,
        createdAt,
      });
    }
  }
  await tx.spaceService.createMany({ data: services });
  await tx.serviceRequest.createMany({ data: requests });
  return spaceIds;
}

const STAGES: BrandStage[] = ["RESEARCH", "DESIGN", "TRADEMARK_FILING", "LAUNCH", "UPGRADING", "TRADING"];

/** Brand projects at each stage, incubated by the story's spaces; two more demonstration sites. */
export async function seedStoryCreative(ctx: StoryContext, people: StoryPeople, spaceIds: string[]) {
  const { tx, rand, time } = ctx;
  const events: Prisma.BrandStageEventCreateManyInput[] = [];
  const owners = people.orgs.filter((_, index) => index % 5 === 1);
  for (const [index, stage] of STAGES.entries()) {
    const owner = owners[index % owners.length]!;
    const lead = people.experts.find((expert) => expert.fields.includes("BRANDING")) ?? people.experts[0]!;
    const createdAt = time.ago(rand.int(200, 300));
    const reached = STAGES.slice(0, index + 1);
    const step = (time.now.getTime() - createdAt.getTime() - 2 * DAY) / reached.length;
    const launchedAt = index >= 3 ? new Date(createdAt.getTime() + step * 3 + DAY) : null;
    const project = await tx.brandProject.create({
      data: {
        name: `${BRAND_NAMES[index % BRAND_NAMES.length]}·${owner.product}`,
        productName: owner.product,
        countyCode: owner.countyCode,
        story: `${owner.village}的${owner.product}长在海拔六百米以上的山坡，昼夜温差大，村里人种了几代。`,
        ownerOrganisationId: owner.id,
        ownerUserId: owner.headId,
        incubatorOrganisationId: spaceIds[index % spaceIds.length],
        leadUserId: lead.id,
        stage,
        trademarkApplicationNo: index >= 2 ? `DEMO-${String(60_000_000 + index * 1117)}` : null,
        launchedAt,
        createdAt,
      },
      select: { id: true },
    });
    ctx.seeded.push({ subjectType: "BrandProject", subjectId: project.id });
    reached.forEach((reachedStage, position) =>
      events.push({
        id: rand.id(),
        projectId: project.id,
        stage: reachedStage,
        note: [
          "完成市场调研和消费者访谈",
          "确定品牌名称和视觉方案",
          "提交注册申请",
          "新品发布，上架网店",
          "包装升级，进入商超",
          "品牌授权给周边合作社使用",
        ][position]!,
        actorId: position === 0 ? owner.headId : lead.id,
        createdAt: new Date(createdAt.getTime() + step * position + HOUR),
      }),
    );
  }
  await tx.brandStageEvent.createMany({ data: events });

  const sites = [
    {
      county: "410328",
      name: "洛宁县上戈苹果文化创意农业示范园",
      type: "CULTURAL_CREATIVE",
      status: "DESIGNATED",
    },
    { county: "410308", name: "孟津区黄河湾休闲采摘示范园", type: "PICKING_GARDEN", status: "BUILDING" },
    { county: "410323", name: "新安县樱桃沟乡村旅游示范点", type: "AGRITOURISM", status: "PLANNED" },
  ] as const;
  for (const site of sites) {
    const owner = people.orgs.find((org) => org.countyCode === site.county)!;
    const createdAt = time.ago(rand.int(150, 250));
    const demo = await tx.demoSite.create({
      data: {
        name: site.name,
        type: site.type,
        countyCode: site.county,
        village: `${owner.township}${owner.village}`,
        organisationId: owner.id,
        description: `把${owner.product}种植、采摘体验和农耕文化展示结合起来，带动周边农户增收。`,
        areaMu: rand.int(80, 400),
        status: site.status,
        designatedAt: site.status === "DESIGNATED" ? new Date(createdAt.getTime() + 60 * DAY) : null,
        createdById: ctx.bureauUserId,
        createdAt,
      },
      select: { id: true },
    });
    ctx.seeded.push({ subjectType: "DemoSite", subjectId: demo.id });
  }
}
