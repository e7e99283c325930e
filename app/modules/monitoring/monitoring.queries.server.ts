import { db } from "~/db.server";
import type { ChangeRequestStatus } from "~/generated/prisma/enums";
import { countyScopeOf, countyWhere } from "~/modules/oversight/county-scope";
import { can, rolesOf } from "~/modules/users/permissions";
import { isDomainError } from "~/utils/errors";
import {
  isCountyOfficerOf,
  isProjectMember,
  mayVisit,
  requireViewableProject,
  type Viewer,
} from "./monitoring.access.server";
import { diffPlans } from "./monitoring.budget";
import { proposedPlan } from "./monitoring.changes.server";
import { approvedPlanOf, planVersions } from "./monitoring.plans.server";
import { reportSchedule } from "./monitoring.reports.server";
import { OPEN_CHANGE_STATUSES } from "./monitoring.states";

/** The project's plan page: every version with its diff, the change requests and who may sign. */
export async function planPage(viewer: Viewer, applicationId: string) {
  const project = await requireViewableProject(viewer, applicationId);
  const [versions, requests] = await Promise.all([
    planVersions(applicationId),
    db.projectChangeRequest.findMany({
      where: { applicationId },
      orderBy: { createdAt: "desc" },
      select: {
        id: true,
        baseVersion: true,
        kinds: true,
        proposed: true,
        reason: true,
        status: true,
        countySkipped: true,
        countySupports: true,
        countyOpinion: true,
        bureauNote: true,
        financeNote: true,
        refusalReason: true,
        createdAt: true,
      },
    }),
  ]);
  const approved = versions.filter((version) => version.version >= 1);
  const byVersion = new Map(versions.map((version) => [version.version, version]));
  const member = isProjectMember(viewer, project);
  return {
    project,
    member,
    current: approved.at(-1) ?? null,
    versions: approved
      .map((version) => ({
        ...version,
        diff: diffPlans(byVersion.get(version.version - 1) ?? null, version),
      }))
      .reverse(),
    requested: byVersion.get(0) ?? null,
    requests: requests.map(({ proposed, ...request }) => {
      const plan = proposedPlan(proposed);
      return {
        ...request,
        plan,
        diff: diffPlans(request.baseVersion >= 1 ? (byVersion.get(request.baseVersion) ?? null) : null, plan),
      };
    }),
    mayRequest:
      member &&
      ["APPROVED", "DISBURSED"].includes(project.status) &&
      !requests.some((request) => OPEN_CHANGE_STATUSES.includes(request.status)),
    signs: {
      county: isCountyOfficerOf(viewer, project),
      bureau: can(viewer, "monitoring.review") && rolesOf(viewer).has("BUREAU"),
      finance: can(viewer, "monitoring.financeSign") && rolesOf(viewer).has("FINANCE"),
    },
  };
}

/** The reports page: schedule (overdue visible), filed reports with spending, visits and flags. */
export async function reportsPage(viewer: Viewer, applicationId: string, now: Date = new Date()) {
  const project = await requireViewableProject(viewer, applicationId);
  const [plan, reports, visits, flags] = await Promise.all([
    approvedPlanOf(applicationId),
    db.progressReport.findMany({
      where: { applicationId },
      orderBy: { period: "asc" },
      select: {
        id: true,
        period: true,
        dueOn: true,
        progress: true,
        planVersion: true,
        photoIds: true,
        submittedAt: true,
        spending: { select: { id: true, category: true, payeeName: true, payeeKind: true, amountFen: true } },
      },
    }),
    db.siteVisit.findMany({
      where: { applicationId },
      orderBy: { visitedOn: "desc" },
      select: { id: true, visitedOn: true, findings: true, matchesReport: true, photoIds: true },
    }),
    db.monitoringFlag.findMany({
      where: { applicationId },
      orderBy: { createdAt: "desc" },
      select: { id: true, rule: true, status: true, evidence: true, resolution: true },
    }),
  ]);
  const member = isProjectMember(viewer, project);
  const schedule = reportSchedule(project, plan, reports, now);
  return {
    project,
    plan,
    schedule,
    reports,
    visits,
    flags,
    member,
    // The next report the project may file: the earliest open period without one.
    nextPeriod:
      member && plan ? (schedule.find((slot) => !slot.filed && slot.opensOn <= now)?.period ?? null) : null,
    mayVisit: await mayVisit(viewer, project, now),
  };
}

/** A report's or a visit's photo, for whoever may see the project; false otherwise. */
export async function mayReadMonitoringPhoto(viewer: Viewer, applicationId: string, uploadId: string) {
  try {
    await requireViewableProject(viewer, applicationId);
  } catch (error) {
    if (isDomainError(error)) return false;
    throw error;
  }
  const [report, visit] = await Promise.all([
    db.progressReport.findFirst({
      where: { applicationId, photoIds: { has: uploadId } },
      select: { id: true },
    }),
    db.siteVisit.findFirst({ where: { applicationId, photoIds: { has: uploadId } }, select: { id: true } }),
  ]);
  return report !== null || visit !== null;
}

/**
 * Change requests waiting for this person's signature, for the top of the review queue: the
 * county officer's opinion (their county), the city's decision, the finance bureau's approval.
 */
export async function changeRequestsAwaiting(viewer: Viewer) {
  const scope = countyScopeOf(viewer);
  if (!scope) return [];
  const roles = rolesOf(viewer);
  const statuses: ChangeRequestStatus[] = [
    ...(roles.has("COUNTY") && scope.kind === "county" ? (["AWAITING_COUNTY"] as const) : []),
    ...(roles.has("BUREAU") && can(viewer, "monitoring.review") ? (["AWAITING_BUREAU"] as const) : []),
    ...(roles.has("FINANCE") && can(viewer, "monitoring.financeSign") ? (["AWAITING_FINANCE"] as const) : []),
  ];
  if (statuses.length === 0) return [];
  return db.projectChangeRequest.findMany({
    where: { status: { in: statuses }, application: countyWhere(scope) },
    orderBy: { createdAt: "asc" },
    take: 100,
    select: {
      id: true,
      status: true,
      kinds: true,
      createdAt: true,
      application: { select: { id: true, title: true, countyCode: true } },
    },
  });
}
