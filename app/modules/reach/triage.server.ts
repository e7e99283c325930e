import { db } from "~/db.server";
import { Prisma, type TriageStatus, type Urgency } from "~/generated/prisma/client";
import { recordAudit } from "~/modules/audit/audit.server";
import { firstResponses, roundHours } from "~/modules/dashboard/first-response.server";
import { povertyVillageSql } from "~/modules/households/poverty-village";
import { recommendForNeed } from "~/modules/matching/matching.server";
import { createNotifications, deliverNotifications } from "~/modules/notifications/notifications.server";
import { canInCounty, type CountyActor } from "~/modules/oversight/county-access";
import { can, type Actor } from "~/modules/users/permissions";
import { luoyangYear } from "~/utils/dates";
import { DomainError } from "~/utils/errors";
import { assertTransition } from "~/utils/state-machine";
import { TRIAGE_TRANSITIONS } from "./reach.states";
import type { RequestMeta } from "~/utils/request.server";

export const DEFAULT_AFTER_HOURS = 48;
export const DEFAULT_TARGET_HOURS = 72;
const HOUR_MS = 60 * 60 * 1000;
const QUEUE_LIMIT = 100;

function assertTriageStaff(actor: Actor) {
  if (!can(actor, "triage.manage")) throw new DomainError("reach.forbidden");
}

/** A county officer triages its own county only: another county's need or setting is not there. */
function assertTriagesCounty(actor: CountyActor, countyCode: string) {
  if (!canInCounty(actor, "triage.manage", countyCode)) throw new DomainError("reach.not_found");
}

export interface QueuedNeed {
  id: string;
  title: string;
  countyCode: string;
  urgency: Urgency;
  publishedAt: Date;
  organisationName: string | null;
  /** 建档立卡贫困村: ranked first, and the page says why. */
  poverty: boolean;
  waitingHours: number;
}

/**
 * 分诊 queue: open, visible needs with no application and nobody currently assigned, published
 * longer ago than their county's threshold (48 h without a setting). Poverty villages first, then
 * the most urgent (the enum is declared LOW → URGENT), then the longest waiting.
 */
export async function triageQueue(
  filters: { countyCode?: string } = {},
  now = new Date(),
): Promise<QueuedNeed[]> {
  const rows = await db.$queryRaw<Omit<QueuedNeed, "waitingHours">[]>`
    SELECT n.id, n.title, n."countyCode", n.urgency, n."publishedAt", o.name AS "organisationName",
      ${povertyVillageSql("o", luoyangYear(now))} AS poverty
    FROM "Need" n
    LEFT JOIN "Organisation" o ON o.id = n."organisationId"
    LEFT JOIN "TriageSetting" s ON s."countyCode" = n."countyCode"
    WHERE n.status = 'OPEN' AND n."hiddenAt" IS NULL AND n."publishedAt" IS NOT NULL
      AND n."publishedAt" <= (${now.toISOString()}::timestamptz AT TIME ZONE 'UTC') - make_interval(hours => coalesce(s."afterHours", ${DEFAULT_AFTER_HOURS}))
      AND NOT EXISTS (SELECT 1 FROM "Application" a WHERE a."needId" = n.id)
      AND NOT EXISTS (SELECT 1 FROM "TriageAssignment" t WHERE t."needId" = n.id AND t.status = 'ASSIGNED')
      ${filters.countyCode ? Prisma.sql`AND n."countyCode" = ${filters.countyCode}` : Prisma.empty}
    ORDER BY poverty DESC, n.urgency DESC, n."publishedAt" ASC
    LIMIT ${QUEUE_LIMIT}`;
  return rows.map((row) => ({
    ...row,
    waitingHours: Math.floor((now.getTime() - row.publishedAt.getTime()) / HOUR_MS),
  }));
}

/** Who may take a triaged need: a verified, visible expert, or a commissioner serving today. */
async function isEligibleAssignee(userId: string, now: Date): Promise<boolean> {
  const [expert, commissioner] = await Promise.all([
    db.expertProfile.findFirst({
      where: { userId, hiddenAt: null, user: { verifiedAt: { not: null } } },
      select: { userId: true },
    }),
    db.commissionerAssignment.findFirst({
      where: { userId, startDate: { lte: now }, endDate: { gte: now } },
      select: { id: true },
    }),
  ]);
  return expert !== null || commissioner !== null;
}

export interface Candidate {
  id: string;
  name: string;
  kind: "commissioner" | "expert";
}

/**
 * People to assign a need to: the county's commissioners serving now first, then the experts the
 * matcher recommends, then other verified experts serving the county.
 */
export async function suggestAssignees(needId: string, now = new Date()): Promise<Candidate[]> {
  const need = await db.need.findUnique({ where: { id: needId }, select: { countyCode: true } });
  if (!need) throw new DomainError("reach.not_found");
  const [commissioners, recommended, local] = await Promise.all([
    db.commissionerAssignment.findMany({
      where: { countyCode: need.countyCode, startDate: { lte: now }, endDate: { gte: now } },
      select: { userId: true },
    }),
    recommendForNeed(needId).then((result) => result.experts),
    db.expertProfile.findMany({
      where: {
        countiesServed: { has: need.countyCode },
        hiddenAt: null,
        user: { verifiedAt: { not: null } },
      },
      select: { userId: true, user: { select: { displayName: true } } },
      take: 20,
    }),
  ]);
  const commissionerUsers = await db.user.findMany({
    where: { id: { in: commissioners.map((c) => c.userId) } },
    select: { id: true, displayName: true },
  });
  const seen = new Set<string>();
  const out: Candidate[] = [];
  const add = (candidate: Candidate) => {
    if (seen.has(candidate.id)) return;
    seen.add(candidate.id);
    out.push(candidate);
  };
  for (const user of commissionerUsers) add({ id: user.id, name: user.displayName, kind: "commissioner" });
  const verified = new Set(
    (
      await db.expertProfile.findMany({
        where: { userId: { in: recommended.map((e) => e.id) }, user: { verifiedAt: { not: null } } },
        select: { userId: true },
      })
    ).map((p) => p.userId),
  );
  for (const expert of recommended)
    if (verified.has(expert.id)) add({ id: expert.id, name: expert.name, kind: "expert" });
  for (const profile of local) add({ id: profile.userId, name: profile.user.displayName, kind: "expert" });
  return out.slice(0, 30);
}

/**
 * Routes a need to an expert or commissioner and tells them. A need already assigned is
 * reassigned: the earlier assignment is marked WITHDRAWN in the same transaction.
 */
export async function assignNeed(
  actor: CountyActor,
  input: { needId: string; assigneeId: string; note?: string; meta: RequestMeta },
  now = new Date(),
) {
  assertTriageStaff(actor);
  if (!(await isEligibleAssignee(input.assigneeId, now))) throw new DomainError("reach.assignee_invalid");
  const { assignment, rows } = await db.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT id FROM "Need" WHERE id = ${input.needId} FOR UPDATE`;
    const need = await tx.need.findUnique({
      where: { id: input.needId },
      select: { id: true, title: true, status: true, hiddenAt: true, countyCode: true },
    });
    if (!need) throw new DomainError("reach.not_found");
    assertTriagesCounty(actor, need.countyCode);
    if (need.status !== "OPEN" || need.hiddenAt) throw new DomainError("reach.need_not_open");
    const previous = await tx.triageAssignment.findMany({
      where: { needId: need.id, status: "ASSIGNED" },
      select: { id: true, assigneeId: true, status: true },
    });
    for (const earlier of previous)
      assertTransition(TRIAGE_TRANSITIONS, earlier.status, "WITHDRAWN", "reach.assignment_closed");
    if (previous.length) {
      await tx.triageAssignment.updateMany({
        where: { id: { in: previous.map((p) => p.id) } },
        data: { status: "WITHDRAWN", respondedAt: now },
      });
    }
    const assignment = await tx.triageAssignment.create({
      data: { needId: need.id, assigneeId: input.assigneeId, assignedById: actor.id, note: input.note ?? "" },
      select: { id: true },
    });
    await recordAudit(tx, {
      actorId: actor.id,
      action: previous.length ? "triage.reassigned" : "triage.assigned",
      subjectType: "Need",
      subjectId: need.id,
      before: previous.length ? { assigneeIds: previous.map((p) => p.assigneeId) } : undefined,
      after: { assignmentId: assignment.id, assigneeId: input.assigneeId, note: input.note ?? "" },
      ip: input.meta.ip,
    });
    const rows = await createNotifications(tx, [
      {
        userId: input.assigneeId,
        type: "triage.assigned",
        params: { need: need.title },
        href: `/needs/${need.id}`,
      },
    ]);
    return { assignment, rows };
  });
  await deliverNotifications(rows);
  return assignment;
}

/** The assignee declines; the need goes back to the queue (it has no ASSIGNED row any more). */
export async function declineAssignment(
  actor: Actor,
  input: { assignmentId: string; reason: string; meta: RequestMeta },
  now = new Date(),
) {
  await db.$transaction(async (tx) => {
    const assignment = await tx.triageAssignment.findUnique({
      where: { id: input.assignmentId },
      select: { id: true, needId: true, assigneeId: true, status: true },
    });
    if (!assignment || assignment.assigneeId !== actor.id) throw new DomainError("reach.not_found");
    assertTransition(TRIAGE_TRANSITIONS, assignment.status, "DECLINED", "reach.assignment_closed");
    // The conditional update settles a double submit that read ASSIGNED before either committed.
    const { count } = await tx.triageAssignment.updateMany({
      where: { id: assignment.id, status: "ASSIGNED" },
      data: { status: "DECLINED", respondedAt: now },
    });
    if (count === 0) throw new DomainError("reach.assignment_closed");
    await recordAudit(tx, {
      actorId: actor.id,
      action: "triage.declined",
      subjectType: "Need",
      subjectId: assignment.needId,
      before: { status: assignment.status },
      after: { status: "DECLINED", reason: input.reason },
      ip: input.meta.ip,
    });
  });
}

/** Tracking: recent assignments with their state and how long ago they were made. */
export async function listAssignments(
  filters: { countyCode?: string; status?: TriageStatus; needId?: string } = {},
  now = new Date(),
) {
  const rows = await db.triageAssignment.findMany({
    where: {
      status: filters.status,
      needId: filters.needId,
      need: filters.countyCode ? { countyCode: filters.countyCode } : undefined,
    },
    select: {
      id: true,
      status: true,
      note: true,
      createdAt: true,
      respondedAt: true,
      assigneeId: true,
      need: { select: { id: true, title: true, countyCode: true } },
    },
    orderBy: { createdAt: "desc" },
    take: 100,
  });
  const names = await db.user.findMany({
    where: { id: { in: [...new Set(rows.map((r) => r.assigneeId))] } },
    select: { id: true, displayName: true },
  });
  const nameById = new Map(names.map((u) => [u.id, u.displayName]));
  return rows.map((row) => ({
    ...row,
    assigneeName: nameById.get(row.assigneeId) ?? "",
    hoursSince: Math.floor((now.getTime() - row.createdAt.getTime()) / HOUR_MS),
  }));
}

/** The assignee's waiting assignments, for their workspace. */
export async function listMyTriageAssignments(userId: string, now = new Date()) {
  const rows = await db.triageAssignment.findMany({
    where: { assigneeId: userId, status: "ASSIGNED" },
    select: { id: true, note: true, createdAt: true, need: { select: { id: true, title: true } } },
    orderBy: { createdAt: "asc" },
    take: 50,
  });
  return rows.map((row) => ({
    ...row,
    hoursSince: Math.floor((now.getTime() - row.createdAt.getTime()) / HOUR_MS),
  }));
}

export async function getTriageSettings() {
  const rows = await db.triageSetting.findMany({
    select: { countyCode: true, afterHours: true, targetHours: true },
  });
  return new Map(rows.map((row) => [row.countyCode, row]));
}

export async function saveTriageSetting(
  actor: CountyActor,
  input: { countyCode: string; afterHours: number; targetHours: number; meta: RequestMeta },
) {
  assertTriageStaff(actor);
  assertTriagesCounty(actor, input.countyCode);
  await db.$transaction(async (tx) => {
    const before = await tx.triageSetting.findUnique({
      where: { countyCode: input.countyCode },
      select: { afterHours: true, targetHours: true },
    });
    const data = { afterHours: input.afterHours, targetHours: input.targetHours, updatedById: actor.id };
    await tx.triageSetting.upsert({
      where: { countyCode: input.countyCode },
      create: { countyCode: input.countyCode, ...data },
      update: data,
      select: { countyCode: true },
    });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "triage.settings_changed",
      subjectType: "County",
      subjectId: input.countyCode,
      before: before ?? { afterHours: DEFAULT_AFTER_HOURS, targetHours: DEFAULT_TARGET_HOURS },
      after: { afterHours: input.afterHours, targetHours: input.targetHours },
      ip: input.meta.ip,
    });
  });
}

export interface CountyResponseTimes {
  countyCode: string;
  targetHours: number;
  published: number;
  /** Median first response (`firstResponses`) over the needs that got one; null without any. */
  medianHours: number | null;
  p90Hours: number | null;
  /** Needs answered within the target, of those answered or already past the target unanswered. */
  withinTarget: number;
  eligible: number;
  /** Open needs with no application yet. */
  unanswered: number;
  /** Fewer than half of the eligible needs answered within the target (the median, counting unanswered ones as late, is over it). */
  overTarget: boolean;
}

type ResponseRow = Omit<CountyResponseTimes, "overTarget">;

/**
 * Time to first response per county, by the dashboard's one definition of a first response
 * (`firstResponses`): needs published in the filtered year (Luoyang time), or all years.
 */
export async function responseTimesByCounty(
  filters: { year?: number; countyCode?: string } = {},
  now = new Date(),
): Promise<CountyResponseTimes[]> {
  const rows = await db.$queryRaw<ResponseRow[]>`
    WITH f AS (
      SELECT r.county AS "countyCode", r.status, r."publishedAt", r."firstAt" AS first, r.hours,
        coalesce(s."targetHours", ${DEFAULT_TARGET_HOURS}) AS target
      FROM ${firstResponses(filters)} r LEFT JOIN "TriageSetting" s ON s."countyCode" = r.county
    )
    SELECT "countyCode", max(target)::int AS "targetHours", count(*)::int AS published,
      (percentile_cont(0.5) WITHIN GROUP (ORDER BY hours) FILTER (WHERE hours IS NOT NULL))::float8 AS "medianHours",
      (percentile_cont(0.9) WITHIN GROUP (ORDER BY hours) FILTER (WHERE hours IS NOT NULL))::float8 AS "p90Hours",
      count(*) FILTER (WHERE first IS NOT NULL AND first <= "publishedAt" + make_interval(hours => target))::int AS "withinTarget",
      count(*) FILTER (WHERE first IS NOT NULL OR "publishedAt" + make_interval(hours => target) <= (${now.toISOString()}::timestamptz AT TIME ZONE 'UTC'))::int AS eligible,
      count(*) FILTER (WHERE first IS NULL AND status = 'OPEN')::int AS unanswered
    FROM f GROUP BY "countyCode" ORDER BY "countyCode"`;
  // Rounded as the dashboard's other tables round, so the same county reads the same everywhere.
  return rows.map((row) => ({
    ...row,
    medianHours: roundHours(row.medianHours),
    p90Hours: roundHours(row.p90Hours),
    overTarget: row.eligible > 0 && row.withinTarget * 2 < row.eligible,
  }));
}

export const responseYear = (now = new Date()) => luoyangYear(now);
