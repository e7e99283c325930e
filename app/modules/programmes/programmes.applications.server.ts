import { db, withUnit, type Tx, type Unit } from "~/db.server";
import type { ApplicantKind } from "~/generated/prisma/enums";
import { recordAudit } from "~/modules/audit/audit.server";
import { deliverNotifications } from "~/modules/notifications/notifications.server";
import { notifyOfficers } from "~/modules/oversight/officer-notices.server";
import { assertNotBanned } from "~/modules/sanctions/bans.server";
import { type Actor } from "~/modules/users/permissions";
import { recordRequestedPlan } from "~/modules/monitoring/monitoring.server";
import { DomainError } from "~/utils/errors";
import { assertTransition } from "~/utils/state-machine";
import { ACTIVE_APPLICATION_STATUSES, ineligibleReasons } from "./programmes.rules";
import { PROGRAMME_APPLICATION_TRANSITIONS } from "./programmes.states";
import { type ApplyFields } from "./programmes.schema";
import { moneyText, findApplication, isApplicantSide } from "./programmes.core.server";

/**
 * The programme an application is filed to, with what eligibility needs: published, open, before
 * its deadline, and taking applications from this kind of applicant.
 */
export async function programmeTakingApplications(
  tx: Tx,
  programmeId: string,
  kind: ApplicantKind,
  now: Date,
) {
  const programme = await tx.programme.findUnique({
    where: { id: programmeId },
    select: {
      status: true,
      deadline: true,
      maxAwardFen: true,
      eligibleCounties: true,
      eligibleIndustries: true,
      eligibleOrgTypes: true,
      applicantKinds: true,
    },
  });
  if (!programme || programme.status === "DRAFT") throw new DomainError("programme.not_found");
  if (programme.status !== "OPEN") throw new DomainError("programme.not_open");
  if (programme.deadline <= now) throw new DomainError("programme.past_deadline");
  if (!programme.applicantKinds.includes(kind)) throw new DomainError("applicant.kind_not_allowed");
  return programme;
}

/** A verified organisation member applies for their organisation (SUBMITTED). */
export async function applyToProgramme(
  actor: Actor,
  programmeId: string,
  fields: ApplyFields,
  now: Date = new Date(),
  unit?: Unit,
): Promise<{ id: string }> {
  if (!actor.memberships.some((membership) => membership.organisationId === fields.organisationId))
    throw new DomainError("programme.not_member");
  const [kind, linkId] = fields.link
    ? (fields.link.split(":") as ["agreement" | "need", string])
    : [null, null];
  return withUnit(unit, async ({ tx, afterCommit }) => {
    const programme = await programmeTakingApplications(tx, programmeId, "ORGANISATION", now);
    const organisation = await tx.organisation.findUniqueOrThrow({
      where: { id: fields.organisationId },
      select: { type: true, verifiedAt: true, hiddenAt: true },
    });
    if (!organisation.verifiedAt || organisation.hiddenAt) throw new DomainError("programme.org_unverified");
    const [reason] = ineligibleReasons(programme, {
      countyCode: fields.countyCode,
      industry: fields.industry,
      orgType: organisation.type,
    });
    if (reason === "orgType") throw new DomainError("programme.ineligible_org_type");
    if (reason === "county") throw new DomainError("programme.ineligible_county");
    if (reason === "industry") throw new DomainError("programme.ineligible_industry");
    await assertNotBanned({ userId: actor.id, organisationIds: [fields.organisationId] }, now, tx);
    if (programme.maxAwardFen !== null && fields.requestedFen > programme.maxAwardFen)
      throw new DomainError("programme.over_max_award", { max: moneyText(programme.maxAwardFen) });

    const link = {
      agreementId: kind === "agreement" ? linkId : null,
      needId: kind === "need" ? linkId : null,
    };
    if (link.agreementId) {
      const agreement = await tx.agreement.findFirst({
        where: {
          id: link.agreementId,
          OR: [
            { payerOrganisationId: fields.organisationId },
            { payeeOrganisationId: fields.organisationId },
          ],
        },
        select: { id: true },
      });
      if (!agreement) throw new DomainError("programme.link_invalid");
    }
    if (
      link.needId &&
      !(await tx.need.findFirst({
        where: { id: link.needId, organisationId: fields.organisationId },
        select: { id: true },
      }))
    ) {
      throw new DomainError("programme.link_invalid");
    }
    if (link.agreementId || link.needId) {
      const duplicate = await tx.programmeApplication.findFirst({
        where: {
          programmeId,
          organisationId: fields.organisationId,
          status: { in: ACTIVE_APPLICATION_STATUSES },
          ...(link.agreementId ? { agreementId: link.agreementId } : { needId: link.needId }),
        },
        select: { id: true },
      });
      if (duplicate) throw new DomainError("programme.duplicate");
    }

    const application = await tx.programmeApplication.create({
      data: {
        programmeId,
        organisationId: fields.organisationId,
        applicantId: actor.id,
        ...link,
        title: fields.title,
        summary: fields.summary,
        countyCode: fields.countyCode,
        industry: fields.industry,
        requestedFen: fields.requestedFen,
      },
      select: { id: true },
    });
    await recordApplied({ tx, afterCommit }, actor, programmeId, application.id, fields, link);
    return application;
  });
}

/**
 * What every new application records besides its row, whoever applies: the budget by line as
 * version 0 of the project's plan, the audit entry, and a notice to the county's officers, whose
 * pre-screening opinion the city now waits for.
 */
export async function recordApplied(
  { tx, afterCommit }: Unit,
  actor: Actor,
  programmeId: string,
  applicationId: string,
  fields: ApplyFields,
  details: Record<string, unknown>,
): Promise<void> {
  if (fields.plan)
    await recordRequestedPlan(tx, applicationId, {
      ...fields.plan,
      scope: fields.summary,
      requestedFen: fields.requestedFen,
    });
  await recordAudit(tx, {
    actorId: actor.id,
    action: "programme.applied",
    subjectType: "ProgrammeApplication",
    subjectId: applicationId,
    after: { programmeId, ...fields, ...details },
  });
  const notices = await notifyOfficers(
    tx,
    { kind: "county", countyCode: fields.countyCode },
    {
      type: "officer.prescreen_waiting",
      params: { title: fields.title },
      href: `/bureau/prescreen/${applicationId}`,
    },
    actor.id,
  );
  afterCommit(() => deliverNotifications(notices));
}

/** The applicant's organisation withdraws while nobody has decided yet. */
export async function withdrawApplication(actor: Actor, applicationId: string): Promise<void> {
  await db.$transaction(async (tx) => {
    const application = await findApplication(tx, applicationId);
    if (!isApplicantSide(actor, application)) throw new DomainError("programme.forbidden");
    assertTransition(
      PROGRAMME_APPLICATION_TRANSITIONS,
      application.status,
      "WITHDRAWN",
      "programme.already_decided",
    );
    await tx.programmeApplication.update({
      where: { id: applicationId },
      data: { status: "WITHDRAWN" },
      select: { id: true },
    });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "programme.withdrawn",
      subjectType: "ProgrammeApplication",
      subjectId: applicationId,
      before: { status: application.status },
      after: { status: "WITHDRAWN" },
    });
  });
}
