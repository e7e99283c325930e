import { type Tx } from "~/db.server";
import { type Prisma } from "~/generated/prisma/client";
import type { AgreementParty } from "~/generated/prisma/enums";
import { createNotifications, type NewNotification } from "~/modules/notifications/notifications.server";
import { can, type Actor } from "~/modules/users/permissions";
import { DomainError } from "~/utils/errors";
import { planMilestones } from "./milestone-plan";
import { partyOf, type AgreementSides } from "~/modules/escrow/parties";
import { AgreementTerms } from "./terms";

/*
 * What the agreement flows share: the row lock, the party check, the latest version, the terms
 * as stored, the notices to either side and the guard on milestones whose money is in play.
 */

const lockedSelect = {
  id: true,
  number: true,
  title: true,
  status: true,
  payerUserId: true,
  payerOrganisationId: true,
  payeeUserId: true,
  payeeOrganisationId: true,
  activatedAt: true,
} as const satisfies Prisma.AgreementSelect;

export type LockedAgreement = Prisma.AgreementGetPayload<{ select: typeof lockedSelect }>;

/** PostgreSQL serialises changes to one agreement with this row lock; a second caller sees the first's result. */
export async function lockAgreement(tx: Tx, agreementId: string): Promise<LockedAgreement> {
  await tx.$queryRaw`SELECT id FROM "Agreement" WHERE id = ${agreementId} FOR UPDATE`;
  const agreement = await tx.agreement.findUnique({ where: { id: agreementId }, select: lockedSelect });
  if (!agreement) throw new DomainError("agreement.not_found");
  return agreement;
}

export function requireParty(actor: Actor, agreement: AgreementSides): AgreementParty {
  const party = partyOf(actor, agreement);
  if (!party || !can(actor, "agreement.sign")) throw new DomainError("agreement.forbidden");
  return party;
}

export function latestVersion(tx: Tx, agreementId: string) {
  return tx.agreementVersion.findFirstOrThrow({
    where: { agreementId },
    orderBy: { version: "desc" },
    select: { id: true, version: true, status: true, terms: true, termsHash: true },
  });
}

/** JSON as stored: no undefined members, so the stored terms hash as they were hashed. */
export function stored(terms: AgreementTerms): AgreementTerms {
  return JSON.parse(JSON.stringify(terms)) as AgreementTerms;
}

export function strictTerms(raw: unknown): AgreementTerms {
  const parsed = AgreementTerms.safeParse(raw);
  if (!parsed.success) throw new DomainError("agreement.terms_invalid");
  return stored(parsed.data);
}

/** The people to tell on one side: the person named on it and, for a village, its village-role members. */
async function sideMembers(tx: Tx, agreement: AgreementSides, party: AgreementParty): Promise<string[]> {
  if (party === "PAYEE") return [agreement.payeeUserId];
  const members = agreement.payerOrganisationId
    ? await tx.membership.findMany({
        where: { organisationId: agreement.payerOrganisationId, role: "VILLAGE" },
        select: { userId: true },
      })
    : [];
  return [...new Set([agreement.payerUserId, ...members.map((m) => m.userId)])];
}

export async function notifySides(
  tx: Tx,
  agreement: AgreementSides,
  parties: AgreementParty[],
  except: string | null,
  notification: Omit<NewNotification, "userId">,
) {
  const users = new Set<string>();
  for (const party of parties)
    for (const userId of await sideMembers(tx, agreement, party)) users.add(userId);
  if (except) users.delete(except);
  return createNotifications(
    tx,
    [...users].map((userId) => ({ ...notification, userId })),
  );
}

export async function displayName(tx: Tx, userId: string): Promise<string> {
  return (await tx.user.findUniqueOrThrow({ where: { id: userId }, select: { displayName: true } }))
    .displayName;
}

/** Refuses terms that would change or drop a milestone whose money is already in play. */
export async function assertMilestonesKept(tx: Tx, agreementId: string, terms: AgreementTerms) {
  const existing = await tx.milestone.findMany({
    where: { agreementId },
    select: {
      id: true,
      position: true,
      status: true,
      title: true,
      deliverables: true,
      acceptanceCriteria: true,
      amountFen: true,
      dueDate: true,
      funders: { where: { fundedAt: { not: null } }, select: { id: true } },
    },
  });
  // A co-funded milestone stays PLANNED until every share is in, but money is already in play
  // once one share is: it is locked like a funded one.
  const plan = planMilestones(
    existing.map(({ funders, ...m }) =>
      m.status === "PLANNED" && funders.length > 0 ? { ...m, status: "FUNDED" as const } : m,
    ),
    terms,
  );
  const conflict = plan.conflicts[0];
  if (conflict)
    throw new DomainError("agreement.milestone_locked", {
      position: conflict.position,
      title: conflict.title,
    });
  return plan.steps;
}
