import type { Prisma } from "~/generated/prisma/client";
import type { ArrangementType } from "~/generated/prisma/enums";
import { COUNTIES, INDUSTRIES, type IndustryCode } from "~/modules/reference/reference";
import { DAY, HOUR } from "../demo-timeline";
import type { StoryContext, StoryExpert, StoryOrg, StoryPeople } from "./story-context";
import {
  APPLICATION_APPROACHES,
  APPLICATION_TIMELINES,
  CONVERSATION_LINES,
  NEED_TEMPLATES,
  OFFER_TEMPLATES,
} from "./story-text";

/**
 * What became of a need, by the round it belongs to. Each round holds one need in every county,
 * so every county has needs matched long ago, lately and not yet.
 */
export type NeedFate = "COMPLETED" | "ACTIVE" | "MIXED" | "APPLIED" | "WAITING" | "ENDED";
const ROUNDS: { fate: NeedFate; daysAgo: [number, number] }[] = [
  { fate: "COMPLETED", daysAgo: [240, 315] },
  { fate: "ACTIVE", daysAgo: [130, 230] },
  { fate: "MIXED", daysAgo: [70, 160] },
  { fate: "APPLIED", daysAgo: [25, 60] },
  { fate: "WAITING", daysAgo: [25, 90] },
  { fate: "ENDED", daysAgo: [180, 310] },
];
/** The arrangement a matched need's agreement takes, in turn, so every type is signed somewhere. */
const ARRANGEMENT_CYCLE: ArrangementType[] = [
  "TECH_CONTRACT",
  "PAID_SERVICE",
  "REVENUE_SHARE",
  "TECH_EQUITY",
  "TECH_CONTRACT",
  "GRANT_FUNDED",
  "PAID_SERVICE",
];

export interface MatchedNeed {
  needId: string;
  fate: NeedFate;
  index: number;
  org: StoryOrg;
  expert: StoryExpert;
  applicationId: string;
  arrangement: ArrangementType;
  priceFen: number;
  title: string;
  industry: IndustryCode;
  acceptedAt: Date;
}

const fill = (text: string, org: StoryOrg) =>
  text.replaceAll("{p}", org.product).replaceAll("{v}", org.village);
const yuan = (amount: number) => amount * 100;

/** Experts who serve the county or work in the industry come first; anyone else makes up numbers. */
function candidates(people: StoryPeople, countyCode: string, industry: string) {
  const near = people.experts.filter(
    (e) => e.countiesServed.includes(countyCode) || e.fields.includes(industry),
  );
  return near.length >= 4 ? near : people.experts;
}

/**
 * Needs in every county and industry, applications at every stage with a conversation on each
 * accepted one, invitations on some waiting needs, and the offers. Returns the matched needs for
 * the agreements to follow.
 */
export async function seedStoryNeeds(ctx: StoryContext, people: StoryPeople): Promise<MatchedNeed[]> {
  const { tx, rand, time } = ctx;
  const needs: Prisma.NeedCreateManyInput[] = [];
  const applications: Prisma.ApplicationCreateManyInput[] = [];
  const invitations: Prisma.NeedInvitationCreateManyInput[] = [];
  const revisions: Prisma.ApplicationRevisionCreateManyInput[] = [];
  const matched: MatchedNeed[] = [];
  const accepted: { applicationId: string; posterId: string; expertId: string; at: Date }[] = [];
  const usedTitles = new Set<string>();

  ROUNDS.forEach(({ fate, daysAgo }, round) => {
    COUNTIES.forEach((county, countyIndex) => {
      const index = round * COUNTIES.length + countyIndex;
      const industry = INDUSTRIES[(countyIndex + round * 3) % INDUSTRIES.length]!.code;
      const countyOrgs = people.orgs.filter((org) => org.countyCode === county.code);
      const org = countyOrgs[round % countyOrgs.length]!;
      const templates = NEED_TEMPLATES[industry];
      let template = templates[(round + countyIndex) % templates.length]!;
      for (let k = 1; usedTitles.has(fill(template.title, org)) && k < templates.length; k++)
        template = templates[(round + countyIndex + k) % templates.length]!;
      const title = fill(template.title, org);
      usedTitles.add(title);
      const publishedAt = time.ago(rand.int(daysAgo[0], daysAgo[1]), rand.int(0, 12));
      const arrangement = ARRANGEMENT_CYCLE[index % ARRANGEMENT_CYCLE.length]!;
      const forceMilestones = fate === "MIXED" && countyIndex % 7 >= 3;
      const chosen: ArrangementType = forceMilestones ? "TECH_CONTRACT" : arrangement;
      const arrangements = [
        ...new Set<ArrangementType>([chosen, rand.pick(["PAID_SERVICE", "TECH_CONTRACT"] as const)]),
      ];
      const matchedFate = fate === "COMPLETED" || fate === "ACTIVE" || fate === "MIXED";
      const ended = fate === "ENDED";
      const status = matchedFate
        ? fate === "COMPLETED"
          ? "COMPLETED"
          : "IN_PROGRESS"
        : ended
          ? countyIndex % 3 === 0
            ? "DRAFT"
            : countyIndex % 3 === 1
              ? "CLOSED"
              : "EXPIRED"
          : "OPEN";
      const needId = rand.id();
      const [budgetMin, budgetMax] = template.budget;
      needs.push({
        id: needId,
        kind: industry === "BRANDING" ? "BRANDING" : "TECHNICAL",
        organisationId: org.id,
        postedById: org.headId,
        title,
        description: fill(template.description, org),
        industry,
        countyCode: county.code,
        village: `${org.township}${org.village}`,
        budgetMinFen: yuan(budgetMin),
        budgetMaxFen: yuan(budgetMax),
        urgency: rand.pick(["LOW", "NORMAL", "NORMAL", "HIGH", "URGENT"] as const),
        arrangements,
        status,
        // Open needs are still within their deadline when the demo starts (the expiry job leaves them).
        deadline:
          status === "OPEN"
            ? new Date(time.now.getTime() + rand.int(20, 90) * DAY)
            : new Date(publishedAt.getTime() + rand.int(60, 120) * DAY),
        ...(industry === "BRANDING"
          ? {
              productName: org.product,
              origin: `${county.nameZh}${org.township}`,
              brandServices: ["BRAND_DESIGN", "PACKAGING"] as const,
            }
          : {}),
        publishedAt: status === "DRAFT" ? null : publishedAt,
        closedAt:
          status === "CLOSED" || status === "EXPIRED" ? new Date(publishedAt.getTime() + 90 * DAY) : null,
        createdAt: new Date(publishedAt.getTime() - rand.int(1, 30) * HOUR),
      });
      if (status === "DRAFT") return;

      const pool = candidates(people, county.code, industry);
      const applicantCount =
        fate === "WAITING"
          ? countyIndex % 2
          : fate === "ENDED"
            ? countyIndex % 3 === 1
              ? 1
              : 0
            : rand.int(2, 4);
      const applicants = rand.some(pool, applicantCount);
      applicants.forEach((expert, position) => {
        const createdAt = new Date(publishedAt.getTime() + rand.int(4, 30) * HOUR + position * 20 * HOUR);
        const priceFen = yuan(
          rand.int(budgetMin, budgetMax) - (rand.int(budgetMin, budgetMax) % 500) || budgetMin,
        );
        const applicationId = rand.id();
        const isWinner = matchedFate && position === 0;
        const decidedAt = new Date(createdAt.getTime() + (rand.int(3, 6) * 24 + 20) * HOUR + 60 * HOUR);
        const applicationStatus = isWinner
          ? "ACCEPTED"
          : matchedFate
            ? "DECLINED"
            : fate === "ENDED"
              ? "WITHDRAWN"
              : fate === "WAITING"
                ? "SUBMITTED"
                : rand.pick(["SUBMITTED", "SHORTLISTED", "SHORTLISTED", "DECLINED", "WITHDRAWN"] as const);
        const proposal = {
          approach: rand.pick(APPLICATION_APPROACHES),
          timeline: rand.pick(APPLICATION_TIMELINES),
          arrangement: isWinner ? chosen : rand.pick(arrangements),
          priceFen,
        };
        applications.push({
          id: applicationId,
          needId,
          expertId: expert.id,
          ...proposal,
          status: applicationStatus,
          decisionMessage:
            applicationStatus === "DECLINED"
              ? "谢谢您的申请，这次我们选了离得更近的专家，以后有机会再合作。"
              : null,
          decidedAt: applicationStatus === "ACCEPTED" || applicationStatus === "DECLINED" ? decidedAt : null,
          createdAt,
        });
        // A shortlisted proposal the village answered with a counter-offer the expert has yet to answer.
        if (applicationStatus === "SHORTLISTED") {
          revisions.push(
            {
              id: rand.id(),
              applicationId,
              number: 0,
              side: "APPLICANT",
              authorId: expert.id,
              ...proposal,
              status: "ACCEPTED",
              createdAt,
            },
            {
              id: rand.id(),
              applicationId,
              number: 1,
              side: "POSTER",
              authorId: org.headId,
              ...proposal,
              priceFen: Math.round((priceFen * 0.85) / 10_000) * 10_000 || priceFen,
              note: "村里预算有限，价格能不能再商量一下？培训次数可以减一次。",
              status: "PROPOSED",
              createdAt: new Date(createdAt.getTime() + rand.int(20, 60) * HOUR),
            },
          );
        }
        if (isWinner) {
          accepted.push({ applicationId, posterId: org.headId, expertId: expert.id, at: createdAt });
          matched.push({
            needId,
            fate,
            index: countyIndex,
            org,
            expert,
            applicationId,
            arrangement: chosen,
            priceFen,
            title,
            industry,
            acceptedAt: decidedAt,
          });
        }
      });
      if (fate === "WAITING" && countyIndex % 3 === 0) {
        const invited = rand.pick(pool.filter((e) => !applicants.includes(e)));
        invitations.push({
          id: rand.id(),
          needId,
          expertId: invited.id,
          invitedById: org.headId,
          message: `${invited.name}老师您好，我们村的情况您熟悉，想请您看看这条需求。`,
          createdAt: new Date(publishedAt.getTime() + 2 * DAY),
        });
      }
    });
  });

  await tx.need.createMany({ data: needs });
  await tx.application.createMany({ data: applications });
  await tx.needInvitation.createMany({ data: invitations });
  await tx.applicationRevision.createMany({ data: revisions });
  await seedConversations(ctx, accepted);
  await seedStoryOffers(ctx, people);
  for (const need of needs) ctx.seeded.push({ subjectType: "Need", subjectId: need.id! });
  return matched;
}

/** A few messages on each accepted application, between its acceptance and a day later. */
async function seedConversations(
  ctx: StoryContext,
  accepted: { applicationId: string; posterId: string; expertId: string; at: Date }[],
) {
  const { tx, rand } = ctx;
  const conversations: Prisma.ConversationCreateManyInput[] = [];
  const members: Prisma.ConversationMemberCreateManyInput[] = [];
  const messages: Prisma.MessageCreateManyInput[] = [];
  for (const { applicationId, posterId, expertId, at } of accepted) {
    const id = rand.id();
    const lines = rand.some(CONVERSATION_LINES, 2).flat();
    let moment = at.getTime() + 2 * HOUR;
    lines.forEach((body, position) => {
      moment += rand.int(5, 180) * 60_000;
      messages.push({
        id: rand.id(),
        conversationId: id,
        seq: position + 1,
        senderId: position % 2 === 0 ? posterId : expertId,
        clientId: rand.id(),
        body,
        createdAt: new Date(moment),
      });
    });
    conversations.push({
      id,
      kind: "APPLICATION",
      applicationId,
      lastSeq: lines.length,
      lastMessageAt: new Date(moment),
      createdAt: new Date(at.getTime() + HOUR),
    });
    for (const userId of [posterId, expertId])
      members.push({
        conversationId: id,
        userId,
        lastReadSeq: lines.length,
        lastDeliveredSeq: lines.length,
        joinedAt: new Date(at.getTime() + HOUR),
      });
  }
  await tx.conversation.createMany({ data: conversations });
  await tx.conversationMember.createMany({ data: members });
  await tx.message.createMany({ data: messages });
}

/** Offers in every industry from the story's experts and institutions, most published. */
async function seedStoryOffers(ctx: StoryContext, people: StoryPeople) {
  const { tx, rand, time } = ctx;
  const offers: Prisma.OfferCreateManyInput[] = [];
  const industries = INDUSTRIES.map((industry) => industry.code);
  for (let k = 0; k < 48; k++) {
    const industry = industries[k % industries.length]!;
    const templates = OFFER_TEMPLATES[industry];
    const template = templates[Math.floor(k / industries.length) % templates.length]!;
    const byInstitution = k % 4 === 3;
    const experts = people.experts.filter((e) => e.fields.includes(industry));
    const expert = rand.pick(experts.length > 0 ? experts : people.experts);
    const institutionId = people.institutionIds[1 + (k % (people.institutionIds.length - 1))]!;
    const publishedAt = time.ago(rand.int(20, 320), rand.int(0, 12));
    const status = k % 16 === 5 ? "WITHDRAWN" : k % 16 === 11 ? "DRAFT" : "PUBLISHED";
    const round = Math.floor(k / (industries.length * templates.length));
    offers.push({
      id: rand.id(),
      kind: template.kind,
      title:
        round > 0 ? `${template.title}（${["二期", "三期", "进阶"][round - 1] ?? "新版"}）` : template.title,
      description: template.description,
      industry,
      countiesServed: byInstitution
        ? rand.some(
            COUNTIES.map((c) => c.code),
            5,
          )
        : expert.countiesServed,
      arrangements:
        template.kind === "TECHNOLOGY"
          ? ["TECH_EQUITY", "TECH_CONTRACT", "REVENUE_SHARE"]
          : ["PAID_SERVICE", "TECH_CONTRACT"],
      priceMinFen: yuan(template.price[0]),
      priceMaxFen: yuan(template.price[1]),
      status,
      expertId: byInstitution ? null : expert.id,
      organisationId: byInstitution ? institutionId : null,
      postedById: byInstitution ? people.institutionStaff.get(institutionId)! : expert.id,
      publishedAt: status === "DRAFT" ? null : publishedAt,
      createdAt: new Date(publishedAt.getTime() - rand.int(1, 48) * HOUR),
    });
  }
  await tx.offer.createMany({ data: offers });
  for (const offer of offers) ctx.seeded.push({ subjectType: "Offer", subjectId: offer.id! });
}
