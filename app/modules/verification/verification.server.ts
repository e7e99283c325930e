import { markOwnerForIndexing } from "./owner-documents.server";
import { revealContact, type RevealOptions } from "~/modules/privacy/contact-reveal.server";
import { maskPhone } from "~/modules/privacy/masking";
import { assertConsent } from "~/modules/privacy/consents.server";
import { createHash } from "node:crypto";
import { db, type Tx } from "~/db.server";
import type { Prisma, VerificationStatus, VerificationSubject } from "~/generated/prisma/client";
import type { Role } from "~/generated/prisma/enums";
import { recordAudit } from "~/modules/audit/audit.server";
import { createNotifications, deliverNotifications } from "~/modules/notifications/notifications.server";
import { can, type Actor } from "~/modules/users/permissions";
import { DomainError } from "~/utils/errors";
import type { RequestMeta } from "~/utils/request.server";
import { assertTransition } from "~/utils/state-machine";
import { VERIFICATION_TRANSITIONS } from "./verification.states";
import {
  OrganisationDetailsSchema,
  PersonDetailsSchema,
  type OrganisationDetails,
  type OrganisationVerificationInput,
  type PersonDetails,
  type PersonVerificationInput,
  type QueueFilters,
} from "./verification.schema";

/** People verified as themselves: experts, and farmers or village people who post on their own. */
export const PERSON_VERIFICATION_ROLES: readonly Role[] = ["EXPERT", "FARMER", "VILLAGE"];

export function canVerifyAsPerson(actor: Pick<Actor, "primaryRole">): boolean {
  return PERSON_VERIFICATION_ROLES.includes(actor.primaryRole);
}

/** Only a fingerprint of the ID number is kept: the bureau can match a number shown to it, nobody can read one. */
export function hashIdNumber(idNumber: string): string {
  return createHash("sha256").update(idNumber.toUpperCase()).digest("hex");
}

// Locks the subject's row for the transaction, so two submissions at once cannot both pass the
// "one pending request" check.
async function lockOrganisation(tx: Tx, id: string) {
  await tx.$queryRaw`SELECT id FROM "Organisation" WHERE id = ${id} FOR UPDATE`;
  return tx.organisation.findUnique({ where: { id }, select: { id: true, verifiedAt: true } });
}

async function lockUser(tx: Tx, id: string) {
  await tx.$queryRaw`SELECT id FROM "User" WHERE id = ${id} FOR UPDATE`;
  return tx.user.findUnique({ where: { id }, select: { id: true, verifiedAt: true } });
}

async function assertNonePending(tx: Tx, where: Prisma.VerificationRequestWhereInput) {
  const pending = await tx.verificationRequest.findFirst({
    where: { ...where, status: "PENDING" },
    select: { id: true },
  });
  if (pending) throw new DomainError("verification.already_pending");
}

/** A member of an organisation (any role) asks the bureau to verify it. */
export async function submitOrganisationVerification(input: {
  actor: Actor;
  details: OrganisationVerificationInput;
  meta: RequestMeta;
}): Promise<{ id: string }> {
  const { organisationId, ...fields } = input.details;
  if (!input.actor.memberships.some((m) => m.organisationId === organisationId))
    throw new DomainError("verification.forbidden");
  const details: OrganisationDetails = fields;
  return db.$transaction(async (tx) => {
    const organisation = await lockOrganisation(tx, organisationId);
    if (!organisation) throw new DomainError("verification.not_found");
    if (organisation.verifiedAt) throw new DomainError("verification.already_verified");
    await assertNonePending(tx, { organisationId });
    const request = await tx.verificationRequest.create({
      data: { subject: "ORGANISATION", organisationId, submittedById: input.actor.id, details },
      select: { id: true },
    });
    await recordAudit(tx, {
      actorId: input.actor.id,
      action: "verification.submitted",
      subjectType: "VerificationRequest",
      subjectId: request.id,
      after: { subject: "ORGANISATION", organisationId, status: "PENDING" },
      ip: input.meta.ip,
    });
    return request;
  });
}

/** A person asks to be verified. The ID number is reduced to its last four characters and a hash here. */
export async function submitPersonVerification(input: {
  actor: Actor;
  details: PersonVerificationInput;
  meta: RequestMeta;
}): Promise<{ id: string }> {
  if (!canVerifyAsPerson(input.actor)) throw new DomainError("verification.not_eligible");
  // An ID number is sensitive personal information: never taken without its own consent.
  await assertConsent(input.actor.id, "ID_NUMBER");
  const { idNumber, ...rest } = input.details;
  const details: PersonDetails = {
    realName: rest.realName,
    idLast4: idNumber.slice(-4),
    idSha256: hashIdNumber(idNumber),
    ...(rest.title ? { title: rest.title } : {}),
    ...(rest.employer ? { employer: rest.employer } : {}),
    statement: rest.statement,
  };
  return db.$transaction(async (tx) => {
    const person = await lockUser(tx, input.actor.id);
    if (!person) throw new DomainError("verification.not_found");
    if (person.verifiedAt) throw new DomainError("verification.already_verified");
    await assertNonePending(tx, { personId: person.id });
    const request = await tx.verificationRequest.create({
      data: { subject: "PERSON", personId: person.id, submittedById: input.actor.id, details },
      select: { id: true },
    });
    await recordAudit(tx, {
      actorId: input.actor.id,
      action: "verification.submitted",
      subjectType: "VerificationRequest",
      subjectId: request.id,
      after: { subject: "PERSON", personId: person.id, status: "PENDING", idLast4: details.idLast4 },
      ip: input.meta.ip,
    });
    return request;
  });
}

export type Decision = { intent: "approve" } | { intent: "reject"; reason: string };

/**
 * The bureau approves (the subject becomes verified) or rejects with a reason. The status moves
 * only from PENDING, in one conditional update, so a second decision — even a simultaneous one —
 * is refused rather than applied twice.
 */
export async function decideVerification(input: {
  actor: Actor;
  requestId: string;
  decision: Decision;
  meta: RequestMeta;
}): Promise<{ status: VerificationStatus }> {
  if (!can(input.actor, "verification.review")) throw new DomainError("verification.forbidden");
  const { decision } = input;
  const status: VerificationStatus = decision.intent === "approve" ? "APPROVED" : "REJECTED";
  const reason = decision.intent === "reject" ? decision.reason : null;
  const rows = await db.$transaction(async (tx) => {
    const request = await tx.verificationRequest.findUnique({
      where: { id: input.requestId },
      select: {
        status: true,
        submittedById: true,
        organisationId: true,
        personId: true,
        details: true,
        organisation: { select: { name: true } },
        person: { select: { displayName: true } },
      },
    });
    if (!request) throw new DomainError("verification.not_found");
    assertTransition(VERIFICATION_TRANSITIONS, request.status, status, "verification.already_decided");
    const now = new Date();
    // The read above takes no lock: the status in the WHERE keeps two reviewers deciding at once
    // from both succeeding.
    const { count } = await tx.verificationRequest.updateMany({
      where: { id: input.requestId, status: "PENDING" },
      data: { status, reason, reviewerId: input.actor.id, decidedAt: now },
    });
    if (count === 0) throw new DomainError("verification.already_decided");
    await recordAudit(tx, {
      actorId: input.actor.id,
      action: `verification.${decision.intent === "approve" ? "approved" : "rejected"}`,
      subjectType: "VerificationRequest",
      subjectId: input.requestId,
      before: { status: "PENDING" },
      after: { status, reason },
      ip: input.meta.ip,
    });
    if (status === "APPROVED") await markVerified(tx, request, now, input);
    const subject = request.organisation?.name ?? request.person?.displayName ?? "";
    return createNotifications(tx, [
      {
        userId: request.submittedById,
        type: status === "APPROVED" ? "verification.approved" : "verification.rejected",
        params: reason ? { subject, reason } : { subject },
        href: "/account/verification",
      },
    ]);
  });
  await deliverNotifications(rows);
  return { status };
}

async function markVerified(
  tx: Tx,
  request: { organisationId: string | null; personId: string | null; details: unknown },
  now: Date,
  input: { actor: Actor; meta: RequestMeta },
) {
  // The verified credit code and legal representative are what the organisation's contracts state.
  const verified = OrganisationDetailsSchema.safeParse(request.details);
  const contractParty = verified.success
    ? { creditCode: verified.data.creditCode, legalRepresentative: verified.data.legalRepresentative }
    : {};
  const audit = {
    actorId: input.actor.id,
    before: { verifiedAt: null },
    after: { verifiedAt: now.toISOString() },
    ip: input.meta.ip,
  };
  if (request.organisationId) {
    await tx.organisation.update({
      where: { id: request.organisationId },
      data: { verifiedAt: now, ...contractParty },
      select: { id: true },
    });
    await recordAudit(tx, {
      ...audit,
      action: "organisation.verified",
      subjectType: "Organisation",
      subjectId: request.organisationId,
    });
    await markOwnerForIndexing(tx, { organisationId: request.organisationId });
  } else if (request.personId) {
    await tx.user.update({
      where: { id: request.personId },
      data: { verifiedAt: now },
      select: { id: true },
    });
    await recordAudit(tx, {
      ...audit,
      action: "user.verified",
      subjectType: "User",
      subjectId: request.personId,
    });
    await markOwnerForIndexing(tx, { userId: request.personId });
  }
}

export const approveVerification = (input: { actor: Actor; requestId: string; meta: RequestMeta }) =>
  decideVerification({ ...input, decision: { intent: "approve" } });

export const rejectVerification = (input: {
  actor: Actor;
  requestId: string;
  reason: string;
  meta: RequestMeta;
}) => decideVerification({ ...input, decision: { intent: "reject", reason: input.reason } });

const reviewSelect = {
  id: true,
  subject: true,
  status: true,
  details: true,
  reason: true,
  createdAt: true,
  decidedAt: true,
  organisation: { select: { id: true, name: true, type: true, countyCode: true, verifiedAt: true } },
  person: { select: { id: true, displayName: true, primaryRole: true, verifiedAt: true } },
  submittedBy: { select: { id: true, displayName: true } },
  reviewer: { select: { displayName: true } },
} as const satisfies Prisma.VerificationRequestSelect;

type ReviewRow = Prisma.VerificationRequestGetPayload<{ select: typeof reviewSelect }>;

export type DetailsView =
  | { subject: "ORGANISATION"; organisation: OrganisationDetails | null }
  | { subject: "PERSON"; person: PersonDetails | null };

/** The stored details, re-checked: a row written by an older version shows as "unreadable", not as a crash. */
function readDetails(subject: VerificationSubject, details: Prisma.JsonValue): DetailsView {
  if (subject === "ORGANISATION") {
    const parsed = OrganisationDetailsSchema.safeParse(details);
    return { subject, organisation: parsed.success ? parsed.data : null };
  }
  const parsed = PersonDetailsSchema.safeParse(details);
  return { subject, person: parsed.success ? parsed.data : null };
}

/** Masks the contact phone in what the bureau reads; the full number only comes through revealContact. */
function masked(details: DetailsView): DetailsView {
  if (details.subject !== "ORGANISATION" || !details.organisation) return details;
  return {
    ...details,
    organisation: { ...details.organisation, contactPhone: maskPhone(details.organisation.contactPhone) },
  };
}

function toReviewView({ details, ...row }: ReviewRow) {
  return {
    ...row,
    subjectName: row.organisation?.name ?? row.person?.displayName ?? "",
    details: masked(readDetails(row.subject, details)),
    contactRevealed: false,
  };
}

export type VerificationReview = ReturnType<typeof toReviewView>;

export const QUEUE_LIMIT = 100;

/** The bureau's queue: pending requests oldest first (first come, first served); decided ones latest first. */
export async function listVerificationQueue(
  actor: Actor,
  filters: QueueFilters,
): Promise<VerificationReview[]> {
  if (!can(actor, "verification.review")) throw new DomainError("verification.forbidden");
  const rows = await db.verificationRequest.findMany({
    where: { status: filters.status, ...(filters.subject && { subject: filters.subject }) },
    orderBy:
      filters.status === "PENDING"
        ? [{ createdAt: "asc" }, { id: "asc" }]
        : [{ decidedAt: "desc" }, { id: "asc" }],
    take: QUEUE_LIMIT,
    select: reviewSelect,
  });
  return rows.map(toReviewView);
}

/**
 * One request for its reviewer. Bureau staff handling verification are entitled to the contact
 * phone: masked until they ask for it, and each reveal is logged.
 */
export async function getVerificationForReview(
  actor: Actor,
  requestId: string,
  reveal: RevealOptions = {},
): Promise<VerificationReview> {
  if (!can(actor, "verification.review")) throw new DomainError("verification.forbidden");
  const row = await db.verificationRequest.findUnique({ where: { id: requestId }, select: reviewSelect });
  if (!row) throw new DomainError("verification.not_found");
  const view = toReviewView(row);
  const details = readDetails(row.subject, row.details);
  if (!reveal.reveal || details.subject !== "ORGANISATION" || !details.organisation) return view;
  const shown = await revealContact({
    viewerId: actor.id,
    subject: { type: "Organisation", id: row.organisation?.id ?? row.id },
    contact: { phone: details.organisation.contactPhone, email: null },
    entitled: true,
    reveal: true,
    place: "bureau.verification",
    ip: reveal.ip,
  });
  return { ...view, details, contactRevealed: shown.revealed };
}

export type VerificationState =
  | { state: "VERIFIED"; verifiedAt: Date }
  | { state: "PENDING"; submittedAt: Date }
  | { state: "REJECTED"; reason: string; decidedAt: Date | null }
  | { state: "NONE" };

/** Where a subject stands: verified, waiting for the bureau, last rejected (with why), or never asked. */
export async function verificationStatusFor(
  subject: { organisationId: string } | { personId: string },
  client: Tx = db,
): Promise<VerificationState> {
  const verifiedAt =
    "organisationId" in subject
      ? (
          await client.organisation.findUnique({
            where: { id: subject.organisationId },
            select: { verifiedAt: true },
          })
        )?.verifiedAt
      : (await client.user.findUnique({ where: { id: subject.personId }, select: { verifiedAt: true } }))
          ?.verifiedAt;
  if (verifiedAt) return { state: "VERIFIED", verifiedAt };
  const latest = await client.verificationRequest.findFirst({
    where:
      "organisationId" in subject
        ? { organisationId: subject.organisationId }
        : { personId: subject.personId, subject: "PERSON" },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: { status: true, reason: true, createdAt: true, decidedAt: true },
  });
  if (latest?.status === "PENDING") return { state: "PENDING", submittedAt: latest.createdAt };
  if (latest?.status === "REJECTED")
    return { state: "REJECTED", reason: latest.reason ?? "", decidedAt: latest.decidedAt };
  return { state: "NONE" };
}

/** The account page: the person's own standing (when they can be verified) and each organisation's. */
export async function getMyVerificationOverview(actor: Actor) {
  const memberships = await db.membership.findMany({
    where: { userId: actor.id },
    orderBy: { createdAt: "asc" },
    select: { organisation: { select: { id: true, name: true, type: true } } },
  });
  const [person, organisations] = await Promise.all([
    canVerifyAsPerson(actor) ? verificationStatusFor({ personId: actor.id }) : Promise.resolve(null),
    Promise.all(
      memberships.map(async ({ organisation }) => ({
        ...organisation,
        status: await verificationStatusFor({ organisationId: organisation.id }),
      })),
    ),
  ]);
  return { person, isExpert: actor.primaryRole === "EXPERT", organisations };
}
