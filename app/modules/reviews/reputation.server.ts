import { db } from "~/db.server";
import { visibleReviewWhere } from "./reviews.server";

/**
 * Reputation figures, computed from records every time they are asked for — never stored, never
 * typed in. Each definition is stated once here; the reputation integration test recomputes each
 * one straight from the rows. Days are Luoyang days (UTC+8 all year, so "+ 8 hours" is exact).
 *
 * A figure with nothing behind it is null (or a zero count), so pages can say "no record yet"
 * instead of showing 0 % as if it were data.
 */

/** A share: `onTime` of `total` (the rate is shown only when total > 0). */
export interface Rate {
  onTime: number;
  total: number;
}

export interface RatingFigure {
  /** Mean overall rating of published, not hidden reviews; null without any. */
  average: number | null;
  count: number;
}

export interface ExpertReputation {
  /** Agreements with the expert as payee that reached COMPLETED. */
  completedAgreements: number;
  /**
   * Milestones of the expert's agreements that have a due date and ended paid (RELEASED, or
   * RESOLVED by a ruling), and of those the ones whose FIRST submission was on or before the due
   * day (Luoyang calendar day). A paid milestone never submitted counts as not on time.
   */
  onTimeMilestones: Rate;
  rating: RatingFigure;
  /**
   * Median minutes to answer a message, last 12 months. In each conversation the expert belongs
   * to, a "prompt" is a message from someone else that opens a run (the first message, or the
   * first after one of the expert's own); the answer is the expert's next message. Unanswered
   * prompts are left out. Null without any answered prompt.
   */
  messageResponseMinutes: number | null;
  /** Median minutes from a need invitation or a triage assignment to the expert's answer (both pooled). */
  invitationResponseMinutes: number | null;
  /** Commissioner service logged: service logs of the expert's commissioner assignments, and farmers reached. */
  service: { logs: number; farmersReached: number };
}

export interface OrganisationReputation {
  /** Agreements with the organisation as paying side that reached COMPLETED. */
  completedAgreements: number;
  /**
   * Milestones of its agreements that have a due date and were funded, and of those the ones
   * funded on or before the due day (Luoyang calendar day): money in escrow before the work is due.
   */
  onTimeFunding: Rate;
  rating: RatingFigure;
  /**
   * Median minutes from an application to one of its needs to the organisation's first answer:
   * the decision (accepted or declined, decidedAt) or the first message one of its members sent in
   * the application's conversation, whichever came first. Unanswered applications are left out.
   */
  applicationResponseMinutes: number | null;
}

const MESSAGE_LOOKBACK_MS = 365 * 24 * 60 * 60 * 1000;

const EMPTY_EXPERT: ExpertReputation = {
  completedAgreements: 0,
  onTimeMilestones: { onTime: 0, total: 0 },
  rating: { average: null, count: 0 },
  messageResponseMinutes: null,
  invitationResponseMinutes: null,
  service: { logs: 0, farmersReached: 0 },
};

/** Reputations of many experts in six queries (matching ranks forty candidates at once). */
export async function expertReputations(
  userIds: string[],
  now: Date = new Date(),
): Promise<Map<string, ExpertReputation>> {
  const ids = [...new Set(userIds)];
  const result = new Map<string, ExpertReputation>(ids.map((id) => [id, structuredClone(EMPTY_EXPERT)]));
  if (ids.length === 0) return result;
  const since = new Date(now.getTime() - MESSAGE_LOOKBACK_MS);
  const [completed, onTime, ratings, messages, invitations, service] = await Promise.all([
    db.agreement.groupBy({
      by: ["payeeUserId"],
      where: { payeeUserId: { in: ids }, status: "COMPLETED" },
      _count: { _all: true },
    }),
    db.$queryRaw<{ id: string; total: number; onTime: number }[]>`
      SELECT a."payeeUserId" AS id, count(*)::int AS total,
        count(*) FILTER (WHERE s.first_at IS NOT NULL
          AND (s.first_at + interval '8 hours')::date <= (m."dueDate" + interval '8 hours')::date)::int AS "onTime"
      FROM "Milestone" m
      JOIN "Agreement" a ON a.id = m."agreementId"
      LEFT JOIN LATERAL (SELECT min(ms."createdAt") AS first_at FROM "MilestoneSubmission" ms WHERE ms."milestoneId" = m.id) s ON true
      WHERE a."payeeUserId" = ANY(${ids}) AND m."dueDate" IS NOT NULL AND m.status IN ('RELEASED', 'RESOLVED')
      GROUP BY a."payeeUserId"`,
    db.review.groupBy({
      by: ["subjectUserId"],
      where: { subjectUserId: { in: ids }, ...visibleReviewWhere(now) },
      _avg: { rating: true },
      _count: { _all: true },
    }),
    db.$queryRaw<{ id: string; minutes: number }[]>`
      WITH mine AS (
        SELECT "conversationId", "userId" AS me FROM "ConversationMember" WHERE "userId" = ANY(${ids})
      ), msgs AS (
        SELECT mine.me, m."conversationId", m.seq, m."createdAt", m."senderId" = mine.me AS own,
          lag(m."senderId" = mine.me) OVER (PARTITION BY mine.me, m."conversationId" ORDER BY m.seq) AS prev_own
        FROM "Message" m JOIN mine ON mine."conversationId" = m."conversationId"
        WHERE m."createdAt" >= ${since}
      ), prompts AS (
        SELECT p.me, p."createdAt" AS asked,
          (SELECT min(o."createdAt") FROM msgs o WHERE o.me = p.me AND o."conversationId" = p."conversationId" AND o.own AND o.seq > p.seq) AS answered
        FROM msgs p WHERE NOT p.own AND (p.prev_own IS NULL OR p.prev_own)
      )
      SELECT me AS id, (percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM answered - asked)::float8) / 60)::float8 AS minutes
      FROM prompts WHERE answered IS NOT NULL GROUP BY me`,
    db.$queryRaw<{ id: string; minutes: number }[]>`
      SELECT id, (percentile_cont(0.5) WITHIN GROUP (ORDER BY secs) / 60)::float8 AS minutes FROM (
        SELECT "expertId" AS id, extract(epoch FROM "respondedAt" - "createdAt")::float8 AS secs
          FROM "NeedInvitation" WHERE "expertId" = ANY(${ids}) AND "respondedAt" IS NOT NULL
        UNION ALL
        SELECT "assigneeId", extract(epoch FROM "respondedAt" - "createdAt")::float8
          FROM "TriageAssignment" WHERE "assigneeId" = ANY(${ids}) AND "respondedAt" IS NOT NULL
      ) answers GROUP BY id`,
    db.$queryRaw<{ id: string; logs: number; farmers: number }[]>`
      SELECT ca."userId" AS id, count(sl.id)::int AS logs, coalesce(sum(sl."farmersReached"), 0)::int AS farmers
      FROM "CommissionerAssignment" ca JOIN "ServiceLog" sl ON sl."assignmentId" = ca.id
      WHERE ca."userId" = ANY(${ids}) GROUP BY ca."userId"`,
  ]);
  const of = (id: string | null) => (id ? result.get(id) : undefined);
  for (const row of completed) {
    const r = of(row.payeeUserId);
    if (r) r.completedAgreements = row._count._all;
  }
  for (const row of onTime) {
    const r = of(row.id);
    if (r) r.onTimeMilestones = { onTime: row.onTime, total: row.total };
  }
  for (const row of ratings) {
    const r = of(row.subjectUserId);
    if (r) r.rating = { average: row._avg.rating, count: row._count._all };
  }
  for (const row of messages) {
    const r = of(row.id);
    if (r) r.messageResponseMinutes = row.minutes;
  }
  for (const row of invitations) {
    const r = of(row.id);
    if (r) r.invitationResponseMinutes = row.minutes;
  }
  for (const row of service) {
    const r = of(row.id);
    if (r) r.service = { logs: row.logs, farmersReached: row.farmers };
  }
  return result;
}

export async function expertReputation(userId: string, now: Date = new Date()): Promise<ExpertReputation> {
  return (await expertReputations([userId], now)).get(userId) ?? structuredClone(EMPTY_EXPERT);
}

export async function organisationReputation(
  organisationId: string,
  now: Date = new Date(),
): Promise<OrganisationReputation> {
  const [completedAgreements, funding, rating, response] = await Promise.all([
    db.agreement.count({ where: { payerOrganisationId: organisationId, status: "COMPLETED" } }),
    db.$queryRaw<{ total: number; onTime: number }[]>`
      SELECT count(*)::int AS total,
        count(*) FILTER (WHERE (m."fundedAt" + interval '8 hours')::date <= (m."dueDate" + interval '8 hours')::date)::int AS "onTime"
      FROM "Milestone" m JOIN "Agreement" a ON a.id = m."agreementId"
      WHERE a."payerOrganisationId" = ${organisationId} AND m."dueDate" IS NOT NULL AND m."fundedAt" IS NOT NULL`,
    db.review.aggregate({
      where: { subjectOrganisationId: organisationId, ...visibleReviewWhere(now) },
      _avg: { rating: true },
      _count: { _all: true },
    }),
    db.$queryRaw<{ minutes: number | null }[]>`
      SELECT (percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM first_at - created)::float8) / 60)::float8 AS minutes
      FROM (
        SELECT ap."createdAt" AS created,
          LEAST(
            CASE WHEN ap.status IN ('ACCEPTED', 'DECLINED') THEN ap."decidedAt" END,
            (SELECT min(msg."createdAt") FROM "Conversation" c
               JOIN "Message" msg ON msg."conversationId" = c.id
               JOIN "Membership" mb ON mb."userId" = msg."senderId" AND mb."organisationId" = ${organisationId}
             WHERE c."applicationId" = ap.id)
          ) AS first_at
        FROM "Application" ap JOIN "Need" n ON n.id = ap."needId"
        WHERE n."organisationId" = ${organisationId}
      ) answered WHERE first_at IS NOT NULL`,
  ]);
  return {
    completedAgreements,
    onTimeFunding: { onTime: funding[0]?.onTime ?? 0, total: funding[0]?.total ?? 0 },
    rating: { average: rating._avg.rating, count: rating._count._all },
    applicationResponseMinutes: response[0]?.minutes ?? null,
  };
}
