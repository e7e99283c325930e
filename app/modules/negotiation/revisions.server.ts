import { db, type Tx } from "~/db.server";
import type { Prisma } from "~/generated/prisma/client";
import type { RevisionSide } from "~/generated/prisma/enums";
import { recordAudit } from "~/modules/audit/audit.server";
import { canManageNeed } from "~/modules/needs/needs.server";
import {
  createNotifications,
  deliverNotifications,
  type NewNotification,
} from "~/modules/notifications/notifications.server";
import type { Actor } from "~/modules/users/permissions";
import { DomainError } from "~/utils/errors";
import type { RequestMeta } from "~/utils/request.server";
import { assertTransition, statesThatMayBecome } from "~/utils/state-machine";
import { REVISION_TRANSITIONS, revisionOutcomes, type RevisionOutcome } from "./negotiation.states";
import type { RevisionInput } from "./negotiation.schema";

/*
 * Counter-offers. Revision 0 is created lazily: when the first counter-offer is made, the
 * application's own terms are written as number 0 (side APPLICANT, ACCEPTED, dated when the
 * application was sent). An application nobody negotiated has no rows, and applyToNeed stays
 * untouched; once negotiation starts the whole history, original included, is in one table.
 */

const NEGOTIABLE = ["SUBMITTED", "SHORTLISTED"];

export const revisionSelect = {
  id: true,
  applicationId: true,
  number: true,
  side: true,
  approach: true,
  timeline: true,
  arrangement: true,
  priceFen: true,
  note: true,
  status: true,
  createdAt: true,
  respondedAt: true,
} as const;

/** The application's current terms and its need, as the counter-offer page and each decision read them. */
const negotiatedApplicationSelect = {
  id: true,
  status: true,
  expertId: true,
  approach: true,
  timeline: true,
  arrangement: true,
  priceFen: true,
  expert: { select: { displayName: true } },
  need: {
    select: {
      id: true,
      title: true,
      status: true,
      hiddenAt: true,
      arrangements: true,
      organisationId: true,
      postedById: true,
    },
  },
} as const satisfies Prisma.ApplicationSelect;

/**
 * Locks the need row exactly as the application service does (SELECT … FOR UPDATE), so a
 * counter-offer accepted here and the application accepted there never interleave.
 */
async function lockApplication(tx: Tx, applicationId: string) {
  const found = await tx.application.findUnique({ where: { id: applicationId }, select: { needId: true } });
  if (!found) throw new DomainError("negotiation.not_found");
  await tx.$queryRaw`SELECT id FROM "Need" WHERE id = ${found.needId} FOR UPDATE`;
  return tx.application.findUniqueOrThrow({
    where: { id: applicationId },
    select: {
      ...negotiatedApplicationSelect,
      createdAt: true,
      need: {
        select: {
          ...negotiatedApplicationSelect.need.select,
          organisation: { select: { name: true } },
          postedBy: { select: { displayName: true } },
        },
      },
    },
  });
}

type Locked = Awaited<ReturnType<typeof lockApplication>>;

/** Which side of the application the actor is on, or null for a stranger. */
export function sideOf(
  actor: Actor,
  application: { expertId: string; need: { organisationId: string | null; postedById: string } },
): RevisionSide | null {
  if (actor.id === application.expertId) return "APPLICANT";
  return canManageNeed(actor, application.need) ? "POSTER" : null;
}

/** Terms may still change while the application is being decided on a need that is open and shown. */
function isNegotiable(application: { status: string; need: { status: string; hiddenAt: Date | null } }) {
  return (
    NEGOTIABLE.includes(application.status) &&
    application.need.status === "OPEN" &&
    !application.need.hiddenAt
  );
}

function assertNegotiable(application: Locked) {
  if (!isNegotiable(application)) throw new DomainError("negotiation.closed");
}

/** Notices for the side that did not act: the expert, or everyone who manages the need. */
async function noticesFor(
  tx: Tx,
  side: RevisionSide,
  application: Locked,
  notice: Omit<NewNotification, "userId" | "href">,
): Promise<NewNotification[]> {
  if (side === "APPLICANT")
    return [{ ...notice, userId: application.expertId, href: `/needs/${application.need.id}#revisions` }];
  const { need } = application;
  const href = `/needs/${need.id}/applications#application-${application.id}`;
  if (!need.organisationId) return [{ ...notice, userId: need.postedById, href }];
  const members = await tx.membership.findMany({
    where: { organisationId: need.organisationId, role: { in: ["VILLAGE", "FARMER"] } },
    select: { userId: true },
  });
  return members.map((m) => ({ ...notice, userId: m.userId, href }));
}

function displayNameFor(side: RevisionSide, application: Locked) {
  return side === "APPLICANT"
    ? application.expert.displayName
    : (application.need.organisation?.name ?? application.need.postedBy.displayName);
}

/**
 * Either side proposes new terms while the application is still being decided. An unanswered
 * earlier proposal (from either side) is superseded: only the latest offer can be accepted.
 */
export async function proposeRevision(
  actor: Actor,
  applicationId: string,
  input: RevisionInput,
  meta: RequestMeta = {},
) {
  const { revision, rows } = await db.$transaction(async (tx) => {
    const application = await lockApplication(tx, applicationId);
    const side = sideOf(actor, application);
    if (!side) throw new DomainError("negotiation.forbidden");
    assertNegotiable(application);
    if (!application.need.arrangements.includes(input.arrangement))
      throw new DomainError("negotiation.arrangement_not_accepted");

    const last = await tx.applicationRevision.findFirst({
      where: { applicationId },
      orderBy: { number: "desc" },
      select: { number: true },
    });
    if (!last) {
      await tx.applicationRevision.create({
        data: {
          applicationId,
          number: 0,
          side: "APPLICANT",
          authorId: application.expertId,
          status: "ACCEPTED",
          createdAt: application.createdAt,
          approach: application.approach,
          timeline: application.timeline,
          arrangement: application.arrangement,
          priceFen: application.priceFen,
        },
        select: { id: true },
      });
    }
    await tx.applicationRevision.updateMany({
      where: { applicationId, status: { in: statesThatMayBecome(REVISION_TRANSITIONS, "SUPERSEDED") } },
      data: { status: "SUPERSEDED" },
    });
    const revision = await tx.applicationRevision.create({
      data: {
        applicationId,
        number: (last?.number ?? 0) + 1,
        side,
        authorId: actor.id,
        approach: input.approach || application.approach,
        timeline: input.timeline,
        arrangement: input.arrangement,
        priceFen: input.price,
        note: input.note ?? "",
      },
      select: { id: true, number: true, side: true, status: true },
    });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "application.revision_proposed",
      subjectType: "Application",
      subjectId: applicationId,
      before: {
        priceFen: application.priceFen,
        arrangement: application.arrangement,
        timeline: application.timeline,
      },
      after: {
        revision: revision.number,
        side,
        priceFen: input.price,
        arrangement: input.arrangement,
        timeline: input.timeline,
      },
      ip: meta.ip,
    });
    const other: RevisionSide = side === "APPLICANT" ? "POSTER" : "APPLICANT";
    const notices = await noticesFor(tx, other, application, {
      type: "revision.proposed",
      params: { by: displayNameFor(side, application), need: application.need.title },
    });
    return { revision, rows: await createNotifications(tx, notices) };
  });
  await deliverNotifications(rows);
  return revision;
}

/**
 * The other side answers the latest proposal. Accepting copies its terms onto the application in
 * the same transaction: the application row is what the agreement draft starts from.
 */
export async function respondToRevision(
  actor: Actor,
  revisionId: string,
  decision: "ACCEPTED" | "DECLINED",
  meta: RequestMeta = {},
) {
  const rows = await db.$transaction(async (tx) => {
    const found = await tx.applicationRevision.findUnique({
      where: { id: revisionId },
      select: { applicationId: true },
    });
    if (!found) throw new DomainError("negotiation.not_found");
    const application = await lockApplication(tx, found.applicationId);
    const side = sideOf(actor, application);
    if (!side) throw new DomainError("negotiation.forbidden");
    // Re-read under the lock: a newer proposal may have superseded this one meanwhile.
    const revision = await tx.applicationRevision.findUniqueOrThrow({
      where: { id: revisionId },
      select: { ...revisionSelect, authorId: true },
    });
    if (revision.side === side) throw new DomainError("negotiation.not_other_side");
    assertTransition(REVISION_TRANSITIONS, revision.status, decision, "negotiation.revision_not_pending");
    assertNegotiable(application);
    if (decision === "ACCEPTED" && !application.need.arrangements.includes(revision.arrangement))
      throw new DomainError("negotiation.arrangement_not_accepted");

    await tx.applicationRevision.update({
      where: { id: revision.id },
      data: { status: decision, respondedById: actor.id, respondedAt: new Date() },
      select: { id: true },
    });
    if (decision === "ACCEPTED") {
      await tx.application.update({
        where: { id: application.id },
        data: {
          approach: revision.approach,
          timeline: revision.timeline,
          arrangement: revision.arrangement,
          priceFen: revision.priceFen,
        },
        select: { id: true },
      });
    }
    await recordAudit(tx, {
      actorId: actor.id,
      action: `application.revision_${decision.toLowerCase()}`,
      subjectType: "Application",
      subjectId: application.id,
      before: {
        revision: revision.number,
        priceFen: application.priceFen,
        arrangement: application.arrangement,
      },
      after:
        decision === "ACCEPTED"
          ? { revision: revision.number, priceFen: revision.priceFen, arrangement: revision.arrangement }
          : { revision: revision.number, status: decision },
      ip: meta.ip,
    });
    const type = decision === "ACCEPTED" ? "revision.accepted" : "revision.declined";
    return createNotifications(
      tx,
      await noticesFor(tx, revision.side, application, {
        type,
        params: { by: displayNameFor(side, application), need: application.need.title },
      }),
    );
  });
  await deliverNotifications(rows);
}

/** Every application's revisions, oldest first, with each author's name and what became of it. */
export async function listRevisions(applicationIds: string[]) {
  if (applicationIds.length === 0) return {};
  const rows = await db.applicationRevision.findMany({
    where: { applicationId: { in: applicationIds } },
    select: { ...revisionSelect, authorId: true },
    orderBy: { number: "asc" },
  });
  const authors = await db.user.findMany({
    where: { id: { in: [...new Set(rows.map((r) => r.authorId))] } },
    select: { id: true, displayName: true },
  });
  const nameOf = new Map(authors.map((a) => [a.id, a.displayName]));
  type Row = Omit<(typeof rows)[number], "authorId"> & { authorName: string; outcome: RevisionOutcome };
  const byApplication: Record<string, Row[]> = {};
  for (const { authorId, ...row } of rows)
    (byApplication[row.applicationId] ??= []).push({
      ...row,
      authorName: nameOf.get(authorId) ?? "",
      outcome: row.status,
    });
  for (const thread of Object.values(byApplication)) {
    const outcomes = revisionOutcomes(thread);
    thread.forEach((revision, index) => (revision.outcome = outcomes[index]!));
  }
  return byApplication;
}

/** The thread as one side sees it on the counter-offer page; strangers get "not found". */
export async function getRevisionThread(actor: Actor, applicationId: string) {
  const application = await db.application.findUnique({
    where: { id: applicationId },
    select: negotiatedApplicationSelect,
  });
  if (!application) throw new DomainError("negotiation.not_found");
  const side = sideOf(actor, application);
  if (!side) throw new DomainError("negotiation.not_found");
  const revisions = (await listRevisions([applicationId]))[applicationId] ?? [];
  return { application, side, open: isNegotiable(application), revisions };
}
