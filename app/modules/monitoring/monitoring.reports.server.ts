import { db } from "~/db.server";
import { recordAudit } from "~/modules/audit/audit.server";
import { deliverNotifications } from "~/modules/notifications/notifications.server";
import { withStoredImages } from "~/modules/uploads/uploads.server";
import { DomainError } from "~/utils/errors";
import {
  findProject,
  isProjectMember,
  mayVisit,
  type Project,
  type Viewer,
} from "./monitoring.access.server";
import type { BudgetCategory } from "./monitoring.budget";
import { raiseFlags, type NewFlag } from "./monitoring.flags.server";
import { approvedPlanOf, type PlanVersion } from "./monitoring.plans.server";
import { addMonths, daysBetween, reportDueDates, spendingFindings } from "./monitoring.rules";
import type { ProgressReportFields, SiteVisitFields } from "./monitoring.schema";

const REPORTING = ["APPROVED", "DISBURSED"];

export interface ScheduledReport {
  period: number;
  /** The period opens one interval before it is due (at approval for the first). */
  opensOn: Date;
  dueOn: Date;
  filed: boolean;
  /** Days past due without a report; 0 when filed or not yet due. */
  daysLate: number;
  /** Days after the due date the report came in; 0 when on time or not filed. */
  filedLateDays: number;
}

/** The project's report schedule against today. */
export function reportSchedule(
  project: Pick<Project, "decidedAt" | "programme">,
  plan: Pick<PlanVersion, "endsOn"> | null,
  filedReports: readonly { period: number; submittedAt: Date }[],
  now: Date,
): ScheduledReport[] {
  if (!project.decidedAt) return [];
  const endsOn = plan?.endsOn ? new Date(`${plan.endsOn}T00:00:00Z`) : null;
  const interval = project.programme.reportIntervalMonths;
  return reportDueDates(project.decidedAt, endsOn, interval).map((dueOn, index) => {
    const filed = filedReports.find((report) => report.period === index + 1);
    return {
      period: index + 1,
      opensOn: addMonths(dueOn, -interval),
      dueOn,
      filed: filed !== undefined,
      daysLate: filed ? 0 : Math.max(0, daysBetween(dueOn, now)),
      filedLateDays: filed ? Math.max(0, daysBetween(dueOn, filed.submittedAt)) : 0,
    };
  });
}

/**
 * 进度报告 for one scheduled period, by a member of the project's organisation. The spending is
 * checked against the approved plan in force (monitoring.rules.ts) and what trips a rule goes to
 * the review queue in the same transaction as the report, so a report never lands unchecked.
 */
export async function fileProgressReport(
  actor: Viewer,
  applicationId: string,
  fields: ProgressReportFields,
  photos: File[],
  now: Date = new Date(),
): Promise<{ id: string; flags: number }> {
  const project = await findProject(db, applicationId);
  if (!isProjectMember(actor, project)) throw new DomainError("monitoring.not_found");
  if (!REPORTING.includes(project.status)) throw new DomainError("monitoring.not_funded");
  const plan = await approvedPlanOf(applicationId);
  if (!plan) throw new DomainError("monitoring.budget_first");
  const slot = reportSchedule(project, plan, [], now).find((entry) => entry.period === fields.period);
  if (!slot) throw new DomainError("monitoring.no_such_period");
  if (slot.opensOn > now) throw new DomainError("monitoring.not_due_yet");

  const outcome = await withStoredImages(actor.id, photos, (photoIds) =>
    db.$transaction(async (tx) => {
      await tx.$queryRaw`SELECT id FROM "ProgrammeApplication" WHERE id = ${applicationId} FOR UPDATE`;
      const filed = await tx.progressReport.findUnique({
        where: { applicationId_period: { applicationId, period: fields.period } },
        select: { id: true },
      });
      if (filed) throw new DomainError("monitoring.report_filed");
      // Re-read under the lock: a change approved meanwhile is the plan this report answers to.
      const inForce = (await approvedPlanOf(applicationId, tx)) ?? plan;
      const earlier = await tx.progressSpending.groupBy({
        by: ["category"],
        where: { report: { applicationId } },
        _sum: { amountFen: true },
      });
      const approvedVersions = await tx.projectPlanVersion.findMany({
        where: { applicationId, version: { gte: 1 } },
        select: { team: true, suppliers: true },
      });
      // The project's own name as a payee: its organisation, or the commissioner who applied.
      const ownName = project.organisationId
        ? (
            await tx.organisation.findUniqueOrThrow({
              where: { id: project.organisationId },
              select: { name: true },
            })
          ).name
        : (
            await tx.user.findUniqueOrThrow({
              where: { id: project.applicantId },
              select: { displayName: true },
            })
          ).displayName;
      const report = await tx.progressReport.create({
        data: {
          applicationId,
          period: fields.period,
          dueOn: slot.dueOn,
          progress: fields.progress,
          planVersion: inForce.version,
          photoIds,
          submittedById: actor.id,
          submittedAt: now,
          spending: { createMany: { data: fields.spending } },
        },
        select: { id: true },
      });
      const findings = spendingFindings({
        lines: inForce.budgetLines,
        earlierSpentFen: Object.fromEntries(
          earlier.map((row) => [row.category as BudgetCategory, row._sum.amountFen ?? 0]),
        ),
        payments: fields.spending,
        organisationName: ownName,
        knownTeam: approvedVersions.flatMap((version) => version.team),
        knownSuppliers: approvedVersions.flatMap((version) => version.suppliers),
      });
      const flags: NewFlag[] = findings.map((finding) => ({
        applicationId,
        countyCode: project.countyCode,
        rule: finding.rule,
        evidence: { ...finding, period: fields.period, planVersion: inForce.version },
        dedupeKey: `${finding.rule}:${report.id}:${"category" in finding ? finding.category : finding.payeeName}`,
        reportId: report.id,
      }));
      const notices = await raiseFlags(tx, flags);
      await recordAudit(tx, {
        actorId: actor.id,
        action: "monitoring.report_filed",
        subjectType: "ProgressReport",
        subjectId: report.id,
        after: { applicationId, ...fields, photoIds, flags: findings.map((finding) => finding.rule) },
      });
      return { id: report.id, flags: flags.length, notices };
    }),
  );
  await deliverNotifications(outcome.notices);
  return { id: outcome.id, flags: outcome.flags };
}

/**
 * 实地核查 by a commissioner working in the project's county or by its county officer. A visit
 * that does not match the report is flagged (VISIT_MISMATCH) with the visitor's findings.
 */
export async function recordSiteVisit(
  actor: Viewer,
  applicationId: string,
  fields: SiteVisitFields,
  photos: File[],
  now: Date = new Date(),
): Promise<{ id: string }> {
  const project = await findProject(db, applicationId);
  if (!(await mayVisit(actor, project, now))) throw new DomainError("monitoring.forbidden");
  if (!["APPROVED", "DISBURSED", "EVALUATED"].includes(project.status))
    throw new DomainError("monitoring.not_funded");
  const visitedOn = new Date(`${fields.visitedOn}T00:00:00Z`);
  if (Number.isNaN(visitedOn.getTime()) || daysBetween(now, visitedOn) > 0)
    throw new DomainError("monitoring.visit_future");
  const recorded = await withStoredImages(actor.id, photos, (photoIds) =>
    db.$transaction(async (tx) => {
      const visit = await tx.siteVisit.create({
        data: {
          applicationId,
          visitorId: actor.id,
          visitedOn,
          findings: fields.findings,
          matchesReport: fields.matchesReport,
          photoIds,
          createdAt: now,
        },
        select: { id: true },
      });
      const notices = fields.matchesReport
        ? []
        : await raiseFlags(tx, [
            {
              applicationId,
              countyCode: project.countyCode,
              rule: "VISIT_MISMATCH",
              evidence: { visitedOn: fields.visitedOn, findings: fields.findings },
              dedupeKey: `VISIT_MISMATCH:${visit.id}`,
              siteVisitId: visit.id,
            },
          ]);
      await recordAudit(tx, {
        actorId: actor.id,
        action: "monitoring.site_visit",
        subjectType: "SiteVisit",
        subjectId: visit.id,
        after: { applicationId, ...fields, photoIds },
      });
      return { visit, notices };
    }),
  );
  await deliverNotifications(recorded.notices);
  return recorded.visit;
}
