import { db } from "~/db.server";
import type { Prisma } from "~/generated/prisma/client";
import type { AgreementParty } from "~/generated/prisma/enums";
import { otherParty, partyOf } from "~/modules/escrow/parties";
import { agreementSidesSelect } from "~/modules/escrow/sides-select";
import { can, type Actor } from "~/modules/users/permissions";
import { DomainError, isDomainError } from "~/utils/errors";
import { CRITERIA, type Criterion } from "./reviews.schema";
import {
  REVIEWS_PER_PAGE,
  isSubjectOf,
  reviewSideOf,
  reviewWindowClosesAt,
  visibleReviewWhere,
} from "./reviews.server";

/** Read models of reviews: what a page shows, never more than the viewer may see. */

const reviewSelect = {
  id: true,
  agreementId: true,
  authorSide: true,
  authorId: true,
  subjectUserId: true,
  subjectOrganisationId: true,
  rating: true,
  scores: true,
  text: true,
  createdAt: true,
  publishedAt: true,
  reply: true,
  repliedAt: true,
  hiddenAt: true,
  hiddenReason: true,
  agreement: {
    select: {
      completedAt: true,
      payerOrganisation: { select: { name: true } },
      payerUser: { select: { displayName: true } },
      payeeUser: { select: { displayName: true } },
    },
  },
} as const satisfies Prisma.ReviewSelect;

type ReviewRow = Prisma.ReviewGetPayload<{ select: typeof reviewSelect }>;

export interface ReviewView {
  id: string;
  authorSide: AgreementParty;
  authorName: string;
  subjectUserId: string | null;
  subjectOrganisationId: string | null;
  rating: number;
  scores: { criterion: Criterion; score: number }[];
  text: string;
  createdAt: Date;
  /** When it became public: stamped, or the moment the window closed; null while still blind. */
  publishedAt: Date | null;
  reply: string | null;
  repliedAt: Date | null;
  hiddenReason: string | null;
}

function toView(row: ReviewRow, now: Date): ReviewView {
  const { agreement } = row;
  const closes = agreement.completedAt ? reviewWindowClosesAt(agreement.completedAt) : null;
  const stored = row.scores as Record<string, unknown>;
  return {
    id: row.id,
    authorSide: row.authorSide,
    authorName:
      row.authorSide === "PAYER"
        ? (agreement.payerOrganisation?.name ?? agreement.payerUser.displayName)
        : agreement.payeeUser.displayName,
    subjectUserId: row.subjectUserId,
    subjectOrganisationId: row.subjectOrganisationId,
    rating: row.rating,
    scores: CRITERIA[row.authorSide].map((criterion) => ({
      criterion,
      score: typeof stored[criterion] === "number" ? stored[criterion] : 0,
    })),
    text: row.text,
    createdAt: row.createdAt,
    publishedAt: row.publishedAt ?? (closes && closes <= now ? closes : null),
    reply: row.reply,
    repliedAt: row.repliedAt,
    hiddenReason: row.hiddenAt ? (row.hiddenReason ?? "") : null,
  };
}

/**
 * Published, not hidden reviews about an expert or an organisation, newest first. With a viewer,
 * each says whether that viewer may reply to it (they are its subject and it has no reply yet).
 */
export async function reviewsFor(
  subject: { userId: string } | { organisationId: string },
  options: { page?: number; viewer?: Actor | null; now?: Date } = {},
) {
  const { page = 1, viewer = null, now = new Date() } = options;
  const where: Prisma.ReviewWhereInput = {
    ...("userId" in subject
      ? { subjectUserId: subject.userId }
      : { subjectOrganisationId: subject.organisationId }),
    ...visibleReviewWhere(now),
  };
  const current = Math.max(1, Math.floor(page));
  const [rows, total] = await Promise.all([
    db.review.findMany({
      where,
      select: reviewSelect,
      orderBy: [{ createdAt: "desc" }, { id: "asc" }],
      skip: (current - 1) * REVIEWS_PER_PAGE,
      take: REVIEWS_PER_PAGE,
    }),
    db.review.count({ where }),
  ]);
  const items = rows.map((row) => {
    const review = toView(row, now);
    return { ...review, canReply: Boolean(viewer && review.reply === null && isSubjectOf(viewer, review)) };
  });
  return { items, total, page: current, pageCount: Math.max(1, Math.ceil(total / REVIEWS_PER_PAGE)) };
}

export type ReviewList = Awaited<ReturnType<typeof reviewsFor>>;

/**
 * An agreement's reviews as the viewer may see them. A party sees its own review at once and the
 * other's only once published; bureau staff see what the public sees. `canWrite` says whether the
 * form is offered; `canReply` whether the viewer may answer the review about them.
 */
export async function agreementReviewState(viewer: Actor, agreementId: string, now: Date = new Date()) {
  const agreement = await db.agreement.findUnique({
    where: { id: agreementId },
    select: {
      id: true,
      title: true,
      status: true,
      completedAt: true,
      ...agreementSidesSelect,
      payerOrganisation: { select: { name: true } },
      payerUser: { select: { displayName: true } },
      payeeUser: { select: { displayName: true } },
      reviews: { select: reviewSelect },
    },
  });
  if (!agreement) throw new DomainError("reviews.not_found");
  const side = reviewSideOf(viewer, agreement);
  if (!side && !partyOf(viewer, agreement) && !can(viewer, "content.moderate"))
    throw new DomainError("reviews.not_party");
  const completed = agreement.status === "COMPLETED" && agreement.completedAt !== null;
  const closesAt = agreement.completedAt ? reviewWindowClosesAt(agreement.completedAt) : null;
  const windowOpen = completed && closesAt !== null && now < closesAt;
  const views = agreement.reviews.map((row) => toView(row, now));
  const bySide = (party: AgreementParty) => views.find((review) => review.authorSide === party) ?? null;
  const visible = (review: ReviewView | null) => (review && review.publishedAt ? review : null);
  const mine = side ? bySide(side) : null;
  const theirsRaw = side ? bySide(otherParty(side)) : null;
  const theirs = visible(theirsRaw);
  return {
    agreement: {
      id: agreement.id,
      title: agreement.title,
      status: agreement.status,
      completedAt: agreement.completedAt,
    },
    side,
    subjectName:
      side === "PAYER"
        ? agreement.payeeUser.displayName
        : (agreement.payerOrganisation?.name ?? agreement.payerUser.displayName),
    completed,
    closesAt,
    windowOpen,
    mine,
    // Only the fact that the other side has written, never its content, before publication.
    otherSubmitted: theirsRaw !== null,
    theirs:
      theirs && theirs.hiddenReason === null
        ? theirs
        : theirs
          ? { ...theirs, text: "", scores: [], reply: null }
          : null,
    canWrite: Boolean(side) && windowOpen && mine === null,
    canReply: Boolean(
      theirs && theirs.hiddenReason === null && theirs.reply === null && isSubjectOf(viewer, theirs),
    ),
    // Staff and others who are not a reviewing side see both published reviews.
    published: side
      ? []
      : [visible(bySide("PAYER")), visible(bySide("PAYEE"))].filter(
          (r): r is ReviewView => r !== null && r.hiddenReason === null,
        ),
  };
}

export type AgreementReviewState = Awaited<ReturnType<typeof agreementReviewState>>;

/** One published review, for its own page (reply and report forms). */
export async function getReviewPage(viewer: Actor | null, reviewId: string, now: Date = new Date()) {
  const row = await db.review.findFirst({
    where: { id: reviewId, ...visibleReviewWhere(now) },
    select: reviewSelect,
  });
  if (!row) throw new DomainError("reviews.not_found");
  const review = toView(row, now);
  const profileHref = review.subjectUserId
    ? `/experts/${review.subjectUserId}`
    : `/orgs/${review.subjectOrganisationId}`;
  return {
    review,
    profileHref,
    canReply: Boolean(viewer && review.reply === null && isSubjectOf(viewer, review)),
    canReport: Boolean(viewer && viewer.id !== row.authorId),
  };
}

/** The bureau's queue: open reports, oldest first, each with the review it is about. */
export async function listOpenReports(actor: Actor, now: Date = new Date()) {
  if (!can(actor, "content.moderate")) throw new DomainError("reviews.forbidden");
  const reports = await db.reviewReport.findMany({
    where: { status: "OPEN" },
    orderBy: { createdAt: "asc" },
    take: 100,
    select: { id: true, reason: true, createdAt: true, reporterId: true, review: { select: reviewSelect } },
  });
  const reporters = await db.user.findMany({
    where: { id: { in: reports.map((r) => r.reporterId) } },
    select: { id: true, displayName: true },
  });
  const names = new Map(reporters.map((u) => [u.id, u.displayName]));
  return reports.map((report) => ({
    id: report.id,
    reason: report.reason,
    createdAt: report.createdAt,
    reporterName: names.get(report.reporterId) ?? "",
    review: toView(report.review, now),
  }));
}

export function countOpenReports() {
  return db.reviewReport.count({ where: { status: "OPEN" } });
}

/** What the agreement page says about reviews: null unless the agreement is completed. */
export async function reviewPanelFor(
  viewer: Actor,
  agreement: { id: string; status: string },
  now: Date = new Date(),
) {
  if (agreement.status !== "COMPLETED") return null;
  // Someone who may read the agreement but is neither a side nor staff simply sees no panel.
  const state = await agreementReviewState(viewer, agreement.id, now).catch((error: unknown) => {
    if (isDomainError(error)) return null;
    throw error;
  });
  if (!state) return null;
  return {
    canWrite: state.canWrite,
    mineWaiting: Boolean(state.mine && !state.mine.publishedAt),
    published: Boolean(state.theirs) || state.published.length > 0 || Boolean(state.mine?.publishedAt),
    closesAt: state.windowOpen ? state.closesAt : null,
  };
}
