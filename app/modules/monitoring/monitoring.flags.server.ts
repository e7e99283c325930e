import { db, type Tx } from "~/db.server";
import type { FlagStatus, MonitoringRule, Prisma } from "~/generated/prisma/client";
import { recordAudit } from "~/modules/audit/audit.server";
import { deliverNotifications } from "~/modules/notifications/notifications.server";
import { notifyOfficers } from "~/modules/oversight/officer-notices.server";
import { countyScopeOf, countyWhere } from "~/modules/oversight/county-scope";
import { can, rolesOf } from "~/modules/users/permissions";
import { DomainError } from "~/utils/errors";
import { assertTransition } from "~/utils/state-machine";
import type { Viewer } from "./monitoring.access.server";
import { approvedPlanOf } from "./monitoring.plans.server";
import { daysBetween, OVERDUE_FLAG_DAYS, reportDueDates } from "./monitoring.rules";
import { FLAG_TRANSITIONS } from "./monitoring.states";

export interface NewFlag {
  applicationId: string;
  countyCode: string;
  rule: MonitoringRule;
  evidence: Record<string, unknown>;
  /** One flag per cause: raising the same one again (a retried write, a second sweep) adds nothing. */
  dedupeKey: string;
  reportId?: string;
  siteVisitId?: string;
}

/**
 * Records the flags not raised before (a rule that fires again finds its dedupe key taken) and
 * tells the county's officers of each newly flagged project, or the city's staff where the county
 * has none. Returns the notifications for the caller to deliver once its transaction commits.
 */
export async function raiseFlags(tx: Tx, flags: NewFlag[]) {
  if (flags.length === 0) return [];
  const raised = await tx.monitoringFlag.createManyAndReturn({
    data: flags.map((flag) => ({ ...flag, evidence: flag.evidence as Prisma.InputJsonValue })),
    skipDuplicates: true,
    select: { applicationId: true },
  });
  const projects = await tx.programmeApplication.findMany({
    where: { id: { in: [...new Set(raised.map((flag) => flag.applicationId))] } },
    select: { title: true, countyCode: true },
    orderBy: { id: "asc" },
  });
  const rows = [];
  for (const project of projects) {
    const item = {
      type: "officer.flag_raised" as const,
      params: { title: project.title },
      href: "/bureau/monitoring",
    };
    const county = await notifyOfficers(tx, { kind: "county", countyCode: project.countyCode }, item);
    rows.push(...(county.length > 0 ? county : await notifyOfficers(tx, { kind: "bureau" }, item)));
  }
  return rows;
}

/**
 * REPORT_OVERDUE: a funded project whose report is more than OVERDUE_FLAG_DAYS late (截留 often
 * shows first as silence). Only the earliest missing report of a project is flagged, so a project
 * approved long ago (before reports existed) raises one question, not one per quarter; once that
 * report is filed, the next missing one is flagged. Idempotent: run by the queue and by tests.
 */
export async function flagOverdueReports(now: Date = new Date(), client: typeof db = db): Promise<number> {
  const projects = await client.programmeApplication.findMany({
    where: { status: { in: ["APPROVED", "DISBURSED"] }, completedAt: null, decidedAt: { not: null } },
    select: {
      id: true,
      countyCode: true,
      decidedAt: true,
      programme: { select: { reportIntervalMonths: true } },
      progressReports: { select: { period: true } },
    },
  });
  const flags: NewFlag[] = [];
  for (const project of projects) {
    const plan = await approvedPlanOf(project.id, client);
    const endsOn = plan?.endsOn ? new Date(`${plan.endsOn}T00:00:00Z`) : null;
    const filed = new Set(project.progressReports.map((report) => report.period));
    const dueDates = reportDueDates(project.decidedAt!, endsOn, project.programme.reportIntervalMonths);
    const period = dueDates.findIndex((_, index) => !filed.has(index + 1)) + 1;
    if (period === 0) continue;
    const dueOn = dueDates[period - 1]!;
    const daysLate = daysBetween(dueOn, now);
    if (daysLate <= OVERDUE_FLAG_DAYS) continue;
    flags.push({
      applicationId: project.id,
      countyCode: project.countyCode,
      rule: "REPORT_OVERDUE",
      evidence: { period, dueOn: dueOn.toISOString().slice(0, 10), daysLate },
      dedupeKey: `REPORT_OVERDUE:${project.id}:${period}`,
    });
  }
  await deliverNotifications(await client.$transaction((tx) => raiseFlags(tx, flags)));
  return flags.length;
}

/** The review queue: the city sees every county, a county officer their own; 404 for anyone else. */
export async function listFlags(viewer: Viewer, status: FlagStatus | "ALL" = "OPEN") {
  const scope = countyScopeOf(viewer);
  if (!scope || !can(viewer, "monitoring.read")) throw new DomainError("monitoring.not_found");
  return db.monitoringFlag.findMany({
    where: { ...countyWhere(scope), ...(status === "ALL" ? {} : { status }) },
    orderBy: [{ createdAt: "desc" }],
    take: 200,
    select: {
      id: true,
      rule: true,
      evidence: true,
      status: true,
      countyCode: true,
      resolution: true,
      resolvedAt: true,
      createdAt: true,
      reportId: true,
      siteVisitId: true,
      application: { select: { id: true, title: true, organisationId: true } },
    },
  });
}

/**
 * The city science bureau reviews a flag once: dismissed with its reason, or confirmed. A
 * confirmed flag goes on to the sanctions (停拨, 追缴, ban) of app/modules/sanctions; the page
 * opens the sanction form for the project rather than repeating it here.
 */
export async function reviewFlag(
  actor: Viewer,
  review: { intent: "dismiss" | "confirm"; flagId: string; reason: string },
  now: Date = new Date(),
): Promise<{ applicationId: string; status: FlagStatus }> {
  if (!can(actor, "monitoring.review") || !rolesOf(actor).has("BUREAU"))
    throw new DomainError("monitoring.forbidden");
  const status: FlagStatus = review.intent === "dismiss" ? "DISMISSED" : "CONFIRMED";
  return db.$transaction(async (tx) => {
    const rows = await tx.$queryRaw<{ status: FlagStatus; applicationId: string }[]>`
      SELECT status, "applicationId" FROM "MonitoringFlag" WHERE id = ${review.flagId} FOR UPDATE`;
    const flag = rows[0];
    if (!flag) throw new DomainError("monitoring.not_found");
    assertTransition(FLAG_TRANSITIONS, flag.status, status, "monitoring.flag_reviewed");
    await tx.monitoringFlag.update({
      where: { id: review.flagId },
      data: { status, resolution: review.reason, resolvedById: actor.id, resolvedAt: now },
      select: { id: true },
    });
    await recordAudit(tx, {
      actorId: actor.id,
      action: `monitoring.flag_${review.intent}ed`,
      subjectType: "MonitoringFlag",
      subjectId: review.flagId,
      before: { status: flag.status },
      after: { status, resolution: review.reason },
    });
    return { applicationId: flag.applicationId, status };
  });
}

/**
 * The rule of a confirmed flag of this application, so the sanction it leads to starts from the
 * reason it was confirmed for. Null for any other flag id (a hand-edited link).
 */
export async function confirmedFlagRule(flagId: string, applicationId: string) {
  const flag = await db.monitoringFlag.findFirst({
    where: { id: flagId, applicationId, status: "CONFIRMED" },
    select: { rule: true },
  });
  return flag?.rule ?? null;
}
