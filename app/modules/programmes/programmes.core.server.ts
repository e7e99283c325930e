import { db, type Tx } from "~/db.server";
import type { ProgrammeApplicationStatus } from "~/generated/prisma/enums";
import { moneyParam } from "~/i18n/format";
import { balanceOf, programmeAccountId } from "~/modules/ledger/ledger.server";
import { createNotifications, type NewNotification } from "~/modules/notifications/notifications.server";
import { can, type Actor } from "~/modules/users/permissions";
import { DomainError } from "~/utils/errors";
import { outstandingFen } from "./programmes.rules";

/*
 * What the programme flows share: the permission check, the applicant's notices, the application
 * row, and the money a programme can still promise.
 */

export type Notifications = Awaited<ReturnType<typeof createNotifications>>;

export const moneyText = moneyParam;

export function requireCan(
  actor: Actor,
  permission: "programme.manage" | "programme.review" | "programme.cosign",
) {
  if (!can(actor, permission)) throw new DomainError("programme.forbidden");
}

function applicationHref(id: string) {
  return `/programmes/applications/${id}`;
}

export async function notifyApplicant(
  tx: Tx,
  application: { id: string; applicantId: string },
  item: Omit<NewNotification, "userId" | "href">,
) {
  return createNotifications(tx, [
    { ...item, userId: application.applicantId, href: applicationHref(application.id) },
  ]);
}

/**
 * Money the programme can still promise: what its account holds minus what approved projects
 * are still owed. Read under the programme row lock, so two approvals cannot both count it.
 */
export async function uncommittedFen(programmeId: string, client: Tx = db): Promise<number> {
  const owed = await client.programmeApplication.findMany({
    where: { programmeId, approvedFen: { not: null }, status: { in: ["APPROVED", "EVALUATED"] } },
    select: { approvedFen: true, disbursedFen: true, status: true },
  });
  return (
    (await balanceOf(programmeAccountId(programmeId), client)) -
    owed.reduce((sum, row) => sum + outstandingFen(row), 0)
  );
}

export interface ApplicationRow {
  id: string;
  programmeId: string;
  organisationId: string | null;
  applicantId: string;
  agreementId: string | null;
  title: string;
  status: ProgrammeApplicationStatus;
  requestedFen: number;
  approvedFen: number | null;
  disbursedFen: number;
  suspendedAt: Date | null;
  suspensionReason: string | null;
  completedAt: Date | null;
}

const applicationSelect = {
  id: true,
  programmeId: true,
  organisationId: true,
  applicantId: true,
  agreementId: true,
  title: true,
  status: true,
  requestedFen: true,
  approvedFen: true,
  disbursedFen: true,
  suspendedAt: true,
  suspensionReason: true,
  completedAt: true,
} as const;

export async function findApplication(tx: Tx, applicationId: string): Promise<ApplicationRow> {
  const application = await tx.programmeApplication.findUnique({
    where: { id: applicationId },
    select: applicationSelect,
  });
  if (!application) throw new DomainError("programme.not_found");
  return application;
}

/**
 * The organisation's members for an organisation's application; the person who applied for a
 * commissioner's own application or a team's (the team's lead is its contracting party).
 */
export function isApplicantSide(
  actor: Pick<Actor, "id" | "memberships">,
  application: { organisationId: string | null; applicantId: string },
) {
  if (!application.organisationId) return actor.id === application.applicantId;
  return actor.memberships.some((membership) => membership.organisationId === application.organisationId);
}
