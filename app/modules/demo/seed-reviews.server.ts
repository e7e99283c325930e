import type { Tx } from "~/db.server";
import type { AgreementTerms } from "~/modules/agreements/terms";
import { recordAudit } from "~/modules/audit/audit.server";
import { signedAgreementData } from "./seed-agreement.server";
import { luoyangToday, luoyangYear, addMonths } from "~/utils/dates";
import { DAY } from "./demo-timeline";

/**
 * Reviews in the demo: a small, finished piece of work — the expert's walnut-grafting guidance for
 * the cooperative, paid from a programme (no escrow, so the ledger is untouched) — started four
 * months ago and completed two months ago. Both sides reviewed it, so both reviews are published, and the expert replied.
 * Call inside the seed transaction once the cooperative, its head and the expert exist.
 */
export async function seedReviewsDemo(
  tx: Tx,
  ids: { coopOrganisationId: string; villageHeadId: string; expertId: string },
  now: Date,
) {
  const completedAt = new Date(now.getTime() - 60 * DAY);
  const startedAt = new Date(now.getTime() - 120 * DAY);
  const publishedAt = new Date(startedAt.getTime() - 10 * DAY);
  const need = await tx.need.create({
    data: {
      organisationId: ids.coopOrganisationId,
      postedById: ids.villageHeadId,
      title: "核桃高接换优嫁接技术指导",
      description: "合作社有 80 亩老核桃树品种差、产量低，想高接换优，需要专家现场示范嫁接并培训社员。",
      industry: "PLANTING",
      countyCode: "410324",
      arrangements: ["GRANT_FUNDED"],
      status: "COMPLETED",
      createdAt: new Date(publishedAt.getTime() - DAY),
      publishedAt,
    },
    select: { id: true },
  });
  const application = await tx.application.create({
    data: {
      needId: need.id,
      expertId: ids.expertId,
      approach: "春季现场示范插皮舌接，培训 10 名社员，跟踪成活率。",
      timeline: "两个月",
      arrangement: "GRANT_FUNDED",
      priceFen: 800_000,
      status: "ACCEPTED",
      createdAt: new Date(startedAt.getTime() - 8 * DAY),
      decidedAt: new Date(startedAt.getTime() - 6 * DAY),
    },
    select: { id: true },
  });
  const startDate = luoyangToday(startedAt);
  const terms: AgreementTerms = {
    title: "核桃高接换优技术指导",
    startDate,
    endDate: addMonths(startDate, 2),
    reviewWindowDays: 14,
    components: [
      {
        type: "GRANT_FUNDED",
        programmeName: `${luoyangYear(startedAt)} 年科技特派员服务项目`,
        amountFen: 800_000,
      },
    ],
  };
  const agreement = await tx.agreement.create({
    data: {
      ...(await signedAgreementData(tx, terms, ids, startedAt)),
      status: "COMPLETED",
      applicationId: application.id,
      needId: need.id,
      completedAt,
    },
    select: { id: true },
  });
  const reviewsPublishedAt = new Date(completedAt.getTime() + 2 * DAY);
  await tx.review.create({
    data: {
      agreementId: agreement.id,
      authorSide: "PAYER",
      authorId: ids.villageHeadId,
      subjectUserId: ids.expertId,
      rating: 5,
      scores: { expertise: 5, communication: 5, timeliness: 4, results: 5 },
      text: "老师手把手教社员嫁接，讲得明白，嫁接成活率九成以上。约定的第二次回访因下雨推迟了两天，总体非常满意。",
      createdAt: new Date(completedAt.getTime() + 1 * DAY),
      publishedAt: reviewsPublishedAt,
      reply: "感谢合作社的配合！秋季我再来看一次新梢长势，冬季修剪时一起培训。",
      repliedAt: new Date(reviewsPublishedAt.getTime() + DAY),
      repliedById: ids.expertId,
    },
  });
  await tx.review.create({
    data: {
      agreementId: agreement.id,
      authorSide: "PAYEE",
      authorId: ids.expertId,
      subjectOrganisationId: ids.coopOrganisationId,
      rating: 5,
      scores: { clarity: 4, cooperation: 5, payment: 5, communication: 5 },
      text: "合作社组织得很好，社员学习积极，砧木和接穗都提前准备好了。需求说明可以再写清楚树龄和品种。",
      createdAt: reviewsPublishedAt,
      publishedAt: reviewsPublishedAt,
    },
  });
  await recordAudit(tx, {
    actorId: null,
    action: "demo.seeded",
    subjectType: "Agreement",
    subjectId: agreement.id,
  });
  return { agreementId: agreement.id };
}
