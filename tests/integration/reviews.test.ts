import { describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { agreementReviewState, listOpenReports, reviewsFor } from "~/modules/reviews/reviews.queries.server";
import {
  moderateReport,
  publishDueReviews,
  replyToReview,
  reportReview,
  submitReview,
} from "~/modules/reviews/reviews.server";
import { useTestDatabase } from "../support/database";
import { createActiveAgreement } from "../support/escrow-factories";
import { addMember, createBureau, createExpert } from "../support/needs-factories";
import { createCompletedAgreement, payeeReview, payerReview } from "../support/reviews-factories";

useTestDatabase();

const DAY_MS = 24 * 60 * 60 * 1000;

function notificationsOf(userId: string, type: string) {
  return db.notification.findMany({ where: { userId, type }, select: { payload: true } });
}

describe("who may review, and when", () => {
  it("refuses a review before the agreement is completed", async () => {
    const { agreement, payer } = await createActiveAgreement();
    await expect(submitReview(payer.head, agreement.id, payerReview())).rejects.toMatchObject({
      code: "reviews.not_completed",
    });
    expect(await db.review.count({ where: { agreementId: agreement.id } })).toBe(0);
  });

  it("refuses someone who is not a side of the agreement", async () => {
    const { agreement } = await createCompletedAgreement();
    const stranger = await createExpert();
    await expect(submitReview(stranger, agreement.id, payerReview())).rejects.toMatchObject({
      code: "reviews.not_party",
    });
  });

  it("refuses a review once the 14-day window has closed", async () => {
    const { agreement, payee } = await createCompletedAgreement({ daysAgo: 15 });
    await expect(submitReview(payee, agreement.id, payeeReview())).rejects.toMatchObject({
      code: "reviews.window_closed",
    });
  });

  it("takes one review per side and names the other side as its subject", async () => {
    const { agreement, payer, payee } = await createCompletedAgreement();
    await submitReview(payer.head, agreement.id, payerReview());
    // Another village-role member of the same cooperative writes for the same side.
    const colleague = await addMember(payer.organisationId!, "VILLAGE");
    await expect(submitReview(colleague, agreement.id, payerReview())).rejects.toMatchObject({
      code: "reviews.duplicate",
    });
    await submitReview(payee, agreement.id, payeeReview());
    const reviews = await db.review.findMany({
      where: { agreementId: agreement.id },
      select: { authorSide: true, subjectUserId: true, subjectOrganisationId: true },
      orderBy: { authorSide: "asc" },
    });
    expect(reviews).toEqual([
      { authorSide: "PAYER", subjectUserId: payee.id, subjectOrganisationId: null },
      { authorSide: "PAYEE", subjectUserId: null, subjectOrganisationId: payer.organisationId },
    ]);
  });

  it("keeps only the criteria of the author's side", async () => {
    const { agreement, payer } = await createCompletedAgreement();
    await submitReview(
      payer.head,
      agreement.id,
      payerReview({
        scores: { expertise: 5, communication: 4, timeliness: 3, results: 5, payment: 1 } as never,
      }),
    );
    const review = await db.review.findFirstOrThrow({
      where: { agreementId: agreement.id },
      select: { scores: true },
    });
    expect(review.scores).toEqual({ expertise: 5, communication: 4, timeliness: 3, results: 5 });
  });
});

describe("double-blind publication", () => {
  it("shows a review to nobody but its author until the other side's is in, then publishes both", async () => {
    const { agreement, payer, payee } = await createCompletedAgreement();
    const first = await submitReview(payer.head, agreement.id, payerReview());
    expect(first.published).toBe(false);

    const payeeView = await agreementReviewState(payee, agreement.id);
    expect(payeeView).toMatchObject({ side: "PAYEE", otherSubmitted: true, theirs: null, canWrite: true });
    expect((await agreementReviewState(payer.head, agreement.id)).mine).toMatchObject({
      rating: 5,
      publishedAt: null,
    });
    expect((await reviewsFor({ userId: payee.id })).total).toBe(0);
    // The other side hears that a review waits, without its content.
    const waiting = await notificationsOf(payee.id, "review.received");
    expect(waiting).toHaveLength(1);
    expect(JSON.stringify(waiting[0].payload)).not.toContain("菌棒污染率");

    const second = await submitReview(payee, agreement.id, payeeReview());
    expect(second.published).toBe(true);
    const stamped = await db.review.findMany({
      where: { agreementId: agreement.id },
      select: { publishedAt: true },
    });
    expect(stamped.every((r) => r.publishedAt !== null)).toBe(true);
    expect(new Set(stamped.map((r) => r.publishedAt!.getTime())).size).toBe(1);

    expect((await reviewsFor({ userId: payee.id })).items).toMatchObject([
      { rating: 5, authorSide: "PAYER" },
    ]);
    expect((await reviewsFor({ organisationId: payer.organisationId! })).items).toMatchObject([
      { rating: 4, authorSide: "PAYEE" },
    ]);
    expect((await agreementReviewState(payer.head, agreement.id)).theirs).toMatchObject({ rating: 4 });
    expect(await notificationsOf(payer.head.id, "review.published")).toHaveLength(1);
    expect(await notificationsOf(payee.id, "review.published")).toHaveLength(1);
  });

  it("publishes both when the two sides submit at the same moment", async () => {
    const { agreement, payer, payee } = await createCompletedAgreement();
    await Promise.all([
      submitReview(payer.head, agreement.id, payerReview()),
      submitReview(payee, agreement.id, payeeReview()),
    ]);
    const rows = await db.review.findMany({
      where: { agreementId: agreement.id },
      select: { publishedAt: true },
    });
    expect(rows).toHaveLength(2);
    expect(rows.every((r) => r.publishedAt !== null)).toBe(true);
  });

  it("treats a lone review as published once the window closes, before and after the job stamps it", async () => {
    const now = new Date();
    const { agreement, payer, payee, completedAt } = await createCompletedAgreement({ daysAgo: 3, now });
    await submitReview(payer.head, agreement.id, payerReview(), now);
    expect((await reviewsFor({ userId: payee.id }, { now })).total).toBe(0);

    const afterWindow = new Date(completedAt.getTime() + 14 * DAY_MS + 1000);
    const visible = await reviewsFor({ userId: payee.id }, { now: afterWindow });
    expect(visible.items).toMatchObject([{ publishedAt: new Date(completedAt.getTime() + 14 * DAY_MS) }]);
    expect((await agreementReviewState(payee, agreement.id, afterWindow)).theirs).toMatchObject({
      rating: 5,
    });

    expect((await publishDueReviews(now)).published).toBe(0);
    expect((await publishDueReviews(afterWindow)).published).toBe(1);
    const row = await db.review.findFirstOrThrow({
      where: { agreementId: agreement.id },
      select: { publishedAt: true },
    });
    expect(row.publishedAt).toEqual(new Date(completedAt.getTime() + 14 * DAY_MS));
    expect((await publishDueReviews(afterWindow)).published).toBe(0);
    expect(await notificationsOf(payee.id, "review.published")).toHaveLength(1);
  });
});

describe("replies", () => {
  it("lets the reviewed side reply once, only after publication", async () => {
    const { agreement, payer, payee } = await createCompletedAgreement();
    const { id: aboutExpert } = await submitReview(payer.head, agreement.id, payerReview());
    await expect(replyToReview(payee, aboutExpert, "谢谢合作社的信任。")).rejects.toMatchObject({
      code: "reviews.not_published",
    });
    const { id: aboutOrg } = await submitReview(payee, agreement.id, payeeReview());

    await expect(replyToReview(payer.head, aboutExpert, "我们来回复专家的评价")).rejects.toMatchObject({
      code: "reviews.reply_not_allowed",
    });
    await replyToReview(payee, aboutExpert, "谢谢合作社的信任，明年继续合作。");
    await expect(replyToReview(payee, aboutExpert, "再回复一次")).rejects.toMatchObject({
      code: "reviews.already_replied",
    });
    // Any member of the reviewed organisation answers for it.
    const member = await addMember(payer.organisationId!, "FARMER");
    await replyToReview(member, aboutOrg, "下次会把需求写得更具体。");

    const rows = await db.review.findMany({
      where: { agreementId: agreement.id },
      select: { id: true, reply: true, repliedById: true },
    });
    expect(rows.find((r) => r.id === aboutExpert)).toMatchObject({
      reply: "谢谢合作社的信任，明年继续合作。",
      repliedById: payee.id,
    });
    expect(rows.find((r) => r.id === aboutOrg)).toMatchObject({ repliedById: member.id });
    expect((await reviewsFor({ userId: payee.id }, { viewer: payee })).items[0]).toMatchObject({
      reply: "谢谢合作社的信任，明年继续合作。",
      canReply: false,
    });
  });
});

describe("reports and moderation", () => {
  it("takes one report per person, lets staff hide the review with a reason, and audits it", async () => {
    const { agreement, payer, payee } = await createCompletedAgreement();
    const { id: reviewId } = await submitReview(payer.head, agreement.id, payerReview());
    await expect(reportReview(payee, reviewId, "内容与事实不符")).rejects.toMatchObject({
      code: "reviews.not_found",
    });
    await submitReview(payee, agreement.id, payeeReview());

    await expect(reportReview(payer.head, reviewId, "我自己的评价")).rejects.toMatchObject({
      code: "reviews.report_own",
    });
    const report = await reportReview(payee, reviewId, "内容与事实不符，含有人身攻击");
    await expect(reportReview(payee, reviewId, "再举报一次")).rejects.toMatchObject({
      code: "reviews.already_reported",
    });
    const bystander = await createExpert();
    await reportReview(bystander, reviewId, "含有联系方式");

    await expect(
      moderateReport(payee, report.id, { decision: "UPHELD", note: "无权处理" }),
    ).rejects.toMatchObject({ code: "reviews.forbidden" });
    const staff = await createBureau();
    expect((await listOpenReports(staff)).filter((r) => r.review.id === reviewId)).toHaveLength(2);
    await moderateReport(staff, report.id, { decision: "UPHELD", note: "含有人身攻击，予以隐藏" });
    await expect(
      moderateReport(staff, report.id, { decision: "DISMISSED", note: "改为保留" }),
    ).rejects.toMatchObject({ code: "reviews.already_decided" });

    const review = await db.review.findUniqueOrThrow({
      where: { id: reviewId },
      select: { hiddenAt: true, hiddenReason: true, hiddenById: true },
    });
    expect(review).toMatchObject({ hiddenReason: "含有人身攻击，予以隐藏", hiddenById: staff.id });
    expect(review.hiddenAt).not.toBeNull();
    expect(await db.reviewReport.count({ where: { reviewId, status: "OPEN" } })).toBe(0);
    expect((await reviewsFor({ userId: payee.id })).total).toBe(0);
    expect((await agreementReviewState(payer.head, agreement.id)).mine).toMatchObject({
      hiddenReason: "含有人身攻击，予以隐藏",
    });
    const actions = (
      await db.auditLog.findMany({
        where: { OR: [{ subjectId: reviewId }, { subjectId: report.id }] },
        select: { action: true },
      })
    ).map((a) => a.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        "review.submitted",
        "review.reported",
        "review_report.upheld",
        "review.hidden",
      ]),
    );
  });

  it("keeps a review when staff dismiss the report", async () => {
    const { agreement, payer, payee } = await createCompletedAgreement();
    const { id: reviewId } = await submitReview(payee, agreement.id, payeeReview());
    await submitReview(payer.head, agreement.id, payerReview());
    const report = await reportReview(await createExpert(), reviewId, "我觉得不公平");
    await moderateReport(await createBureau(), report.id, {
      decision: "DISMISSED",
      note: "评价属实，予以保留",
    });
    expect(
      await db.reviewReport.findUniqueOrThrow({
        where: { id: report.id },
        select: { status: true, decisionNote: true },
      }),
    ).toEqual({ status: "DISMISSED", decisionNote: "评价属实，予以保留" });
    expect((await reviewsFor({ organisationId: payer.organisationId! })).total).toBe(1);
  });
});
