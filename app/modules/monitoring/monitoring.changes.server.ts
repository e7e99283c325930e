import { db, type Tx } from "~/db.server";
import type { ChangeRequestStatus } from "~/generated/prisma/enums";
import { recordAudit } from "~/modules/audit/audit.server";
import {
  createNotifications,
  deliverNotifications,
  type NewNotification,
} from "~/modules/notifications/notifications.server";
import {
  countyHasOfficer,
  notifyOfficers,
  type OfficerGroup,
} from "~/modules/oversight/officer-notices.server";
import { can, rolesOf } from "~/modules/users/permissions";
import { DomainError } from "~/utils/errors";
import { assertTransition } from "~/utils/state-machine";
import { findProject, isCountyOfficerOf, isProjectMember, type Viewer } from "./monitoring.access.server";
import { changeKinds, diffPlans, type PlanContent, sumLines, touchesMoney } from "./monitoring.budget";
import { approvedPlanOf, planData, toPlanContent } from "./monitoring.plans.server";
import type { ChangeDecision, ChangeRequestFields } from "./monitoring.schema";
import { CHANGE_REQUEST_TRANSITIONS, OPEN_CHANGE_STATUSES } from "./monitoring.states";

/** Projects that may still change their plan: approved and not yet evaluated. */
const CHANGEABLE = ["APPROVED", "DISBURSED"];

async function lockApplication(tx: Tx, applicationId: string) {
  await tx.$queryRaw`SELECT id FROM "ProgrammeApplication" WHERE id = ${applicationId} FOR UPDATE`;
}

/**
 * 变更申请 by a member of the project's organisation: the whole plan as wanted, against the
 * approved version. One request is open at a time (the application row is locked while checking),
 * so each approval builds on the version the request was made against.
 */
export async function requestChange(
  actor: Viewer,
  applicationId: string,
  fields: ChangeRequestFields,
  now: Date = new Date(),
): Promise<{ id: string }> {
  const { request, rows } = await db.$transaction(async (tx) => {
    await lockApplication(tx, applicationId);
    const project = await findProject(tx, applicationId);
    if (!isProjectMember(actor, project)) throw new DomainError("monitoring.not_found");
    if (!CHANGEABLE.includes(project.status) || project.approvedFen === null)
      throw new DomainError("monitoring.not_funded");
    const open = await tx.projectChangeRequest.findFirst({
      where: { applicationId, status: { in: OPEN_CHANGE_STATUSES } },
      select: { id: true },
    });
    if (open) throw new DomainError("monitoring.change_open");
    const base = await approvedPlanOf(applicationId, tx);
    const proposed: PlanContent = {
      budgetLines: fields.budget,
      scope: fields.scope,
      endsOn: fields.endsOn ?? null,
      milestones: fields.milestones,
      team: fields.team,
      suppliers: fields.suppliers,
    };
    // A change moves money between lines; the total is what was approved.
    if (proposed.budgetLines.length === 0 || sumLines(proposed.budgetLines) !== project.approvedFen)
      throw new DomainError("monitoring.budget_total");
    const kinds = changeKinds(diffPlans(base, proposed));
    if (kinds.length === 0) throw new DomainError("monitoring.change_empty");
    const countySkipped = !(await countyHasOfficer(tx, project.countyCode));
    const status: ChangeRequestStatus = countySkipped ? "AWAITING_BUREAU" : "AWAITING_COUNTY";
    const request = await tx.projectChangeRequest.create({
      data: {
        applicationId,
        baseVersion: base?.version ?? 0,
        kinds,
        proposed: proposed as never,
        reason: fields.reason,
        status,
        countySkipped,
        requestedById: actor.id,
        createdAt: now,
      },
      select: { id: true },
    });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "monitoring.change_requested",
      subjectType: "ProjectChangeRequest",
      subjectId: request.id,
      after: { applicationId, kinds, status, countySkipped, baseVersion: base?.version ?? 0 },
    });
    const rows = await notifyOfficers(
      tx,
      countySkipped ? { kind: "bureau" } : { kind: "county", countyCode: project.countyCode },
      { type: "officer.change_waiting", params: { title: project.title }, href: changeHref(applicationId) },
      actor.id,
    );
    return { request, rows };
  });
  await deliverNotifications(rows);
  return request;
}

function changeHref(applicationId: string): string {
  return `/programmes/applications/${applicationId}/change`;
}

/** Who hears of a signed step: the officers of the next step, or the person who asked. */
function noticeOfStep(
  status: ChangeRequestStatus,
  request: { applicationId: string; requestedById: string },
  title: string,
  refusal: string,
): { group: OfficerGroup | null; item: Omit<NewNotification, "userId"> } {
  const href = changeHref(request.applicationId);
  if (status === "AWAITING_BUREAU")
    return { group: { kind: "bureau" }, item: { type: "officer.change_waiting", params: { title }, href } };
  if (status === "AWAITING_FINANCE")
    return { group: { kind: "finance" }, item: { type: "officer.change_waiting", params: { title }, href } };
  if (status === "APPROVED")
    return { group: null, item: { type: "change.approved", params: { title }, href } };
  return { group: null, item: { type: "change.refused", params: { title, reason: refusal }, href } };
}

const REQUEST_SELECT = {
  id: true,
  applicationId: true,
  requestedById: true,
  baseVersion: true,
  proposed: true,
  status: true,
} as const;

/** The base and proposed plans of a request, for its diff and for the finance rule. */
async function requestPlans(
  tx: Tx,
  request: { applicationId: string; baseVersion: number; proposed: unknown },
) {
  const baseRow =
    request.baseVersion >= 1
      ? await tx.projectPlanVersion.findUnique({
          where: {
            applicationId_version: { applicationId: request.applicationId, version: request.baseVersion },
          },
          select: {
            budgetLines: true,
            scope: true,
            endsOn: true,
            milestones: true,
            team: true,
            suppliers: true,
          },
        })
      : null;
  return { base: baseRow ? toPlanContent(baseRow) : null, proposed: proposedPlan(request.proposed) };
}

/** A request's proposal, read back through the same checks as a stored version. */
export function proposedPlan(proposed: unknown): PlanContent {
  const value = (proposed ?? {}) as Record<string, unknown>;
  return toPlanContent({
    budgetLines: value.budgetLines ?? [],
    scope: typeof value.scope === "string" ? value.scope : "",
    endsOn: typeof value.endsOn === "string" ? new Date(`${value.endsOn}T00:00:00Z`) : null,
    milestones: value.milestones ?? [],
    team: Array.isArray(value.team) ? value.team.filter((name) => typeof name === "string") : [],
    suppliers: Array.isArray(value.suppliers)
      ? value.suppliers.filter((name) => typeof name === "string")
      : [],
  } as never);
}

/** Approved: the proposal becomes the next version, linked to the request. */
async function adoptProposal(
  tx: Tx,
  request: { id: string; applicationId: string; baseVersion: number },
  plan: PlanContent,
) {
  const current = await approvedPlanOf(request.applicationId, tx);
  // One open request at a time keeps this true; if it ever is not, the signatures were for another base.
  if ((current?.version ?? 0) !== request.baseVersion) throw new DomainError("monitoring.already_decided");
  await tx.projectPlanVersion.create({
    data: {
      applicationId: request.applicationId,
      version: request.baseVersion + 1,
      changeRequestId: request.id,
      ...planData(plan),
    },
    select: { id: true },
  });
}

/**
 * One signature on a change request, by whoever's step it is: the county officer of the project's
 * county gives an opinion, the city science bureau decides, the finance bureau approves a change
 * touching money. A signature out of turn is refused; a second one on a decided step is a 409.
 */
export async function signChangeRequest(
  actor: Viewer,
  decision: ChangeDecision,
  now: Date = new Date(),
): Promise<{ status: ChangeRequestStatus; applicationId: string }> {
  const { outcome, rows } = await db.$transaction(async (tx) => {
    const found = await tx.projectChangeRequest.findUnique({
      where: { id: decision.requestId },
      select: { applicationId: true },
    });
    if (!found) throw new DomainError("monitoring.not_found");
    await lockApplication(tx, found.applicationId);
    const request = await tx.projectChangeRequest.findUniqueOrThrow({
      where: { id: decision.requestId },
      select: REQUEST_SELECT,
    });
    const project = await findProject(tx, request.applicationId);
    const step: Record<ChangeDecision["intent"], ChangeRequestStatus> = {
      countyOpinion: "AWAITING_COUNTY",
      bureauDecision: "AWAITING_BUREAU",
      financeDecision: "AWAITING_FINANCE",
    };
    const allowed =
      decision.intent === "countyOpinion"
        ? isCountyOfficerOf(actor, project)
        : decision.intent === "bureauDecision"
          ? can(actor, "monitoring.review") && rolesOf(actor).has("BUREAU")
          : can(actor, "monitoring.financeSign") && rolesOf(actor).has("FINANCE");
    if (!allowed) throw new DomainError("monitoring.forbidden");
    if (request.status !== step[decision.intent])
      throw new DomainError(
        OPEN_CHANGE_STATUSES.includes(request.status)
          ? "monitoring.not_your_step"
          : "monitoring.already_decided",
      );

    let status: ChangeRequestStatus;
    let data: Record<string, unknown>;
    if (decision.intent === "countyOpinion") {
      status = "AWAITING_BUREAU";
      data = {
        countySupports: decision.supports,
        countyOpinion: decision.opinion,
        countyById: actor.id,
        countyAt: now,
      };
    } else {
      const note = decision.note ?? "";
      if (!decision.approve && note.length < 2) throw new DomainError("monitoring.refusal_reason");
      const signer =
        decision.intent === "bureauDecision"
          ? { bureauById: actor.id, bureauAt: now, bureauNote: note }
          : { financeById: actor.id, financeAt: now, financeNote: note };
      const { base, proposed } = await requestPlans(tx, request);
      if (!decision.approve) status = "REFUSED";
      else if (decision.intent === "bureauDecision" && touchesMoney(diffPlans(base, proposed)))
        status = "AWAITING_FINANCE";
      else status = "APPROVED";
      data = { ...signer, ...(status === "REFUSED" ? { refusalReason: note } : {}) };
      if (status === "APPROVED") await adoptProposal(tx, request, proposed);
    }
    assertTransition(CHANGE_REQUEST_TRANSITIONS, request.status, status, "monitoring.already_decided");
    await tx.projectChangeRequest.update({
      where: { id: request.id },
      data: { ...data, status },
      select: { id: true },
    });
    await recordAudit(tx, {
      actorId: actor.id,
      action: `monitoring.change_${decision.intent}`,
      subjectType: "ProjectChangeRequest",
      subjectId: request.id,
      before: { status: request.status },
      after: { status, ...data },
    });
    const notice = noticeOfStep(
      status,
      request,
      project.title,
      decision.intent === "countyOpinion" ? "" : (decision.note ?? ""),
    );
    const rows = notice.group
      ? await notifyOfficers(tx, notice.group, notice.item, actor.id)
      : await createNotifications(tx, [{ ...notice.item, userId: request.requestedById }]);
    return { outcome: { status, applicationId: request.applicationId }, rows };
  });
  await deliverNotifications(rows);
  return outcome;
}
