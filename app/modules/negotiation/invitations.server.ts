import { db, type Tx } from "~/db.server";
import { recordAudit } from "~/modules/audit/audit.server";
import { canManageNeed } from "~/modules/needs/needs.server";
import {
  createNotifications,
  deliverNotifications,
  type NewNotification,
} from "~/modules/notifications/notifications.server";
import { recommendForNeed } from "~/modules/matching/matching.server";
import type { Actor } from "~/modules/users/permissions";
import { assertTransition } from "~/utils/state-machine";
import { INVITATION_TRANSITIONS } from "./negotiation.states";
import { DomainError } from "~/utils/errors";
import type { RequestMeta } from "~/utils/request.server";
import { holdsInvitation } from "./apply-rules.server";
import { MAX_INVITES } from "./negotiation.schema";

const INVITABLE = ["DRAFT", "OPEN"];

async function loadManagedNeed(tx: Tx, actor: Actor, needId: string) {
  const need = await tx.need.findUnique({
    where: { id: needId },
    select: {
      id: true,
      title: true,
      status: true,
      hiddenAt: true,
      organisationId: true,
      postedById: true,
      invitationOnly: true,
      organisation: { select: { name: true } },
      postedBy: { select: { displayName: true } },
    },
  });
  if (!need) throw new DomainError("negotiation.not_found");
  if (!canManageNeed(actor, need)) throw new DomainError("negotiation.forbidden");
  return need;
}

/** Those on the posting side: the need's organisation's members, or the personal poster. */
async function postingSideIds(
  tx: Tx,
  need: { organisationId: string | null; postedById: string },
): Promise<Set<string>> {
  if (!need.organisationId) return new Set([need.postedById]);
  const members = await tx.membership.findMany({
    where: { organisationId: need.organisationId },
    select: { userId: true },
  });
  return new Set([need.postedById, ...members.map((m) => m.userId)]);
}

/**
 * The need's manager invites verified experts to apply. A request naming yourself, a member of
 * the posting organisation, or someone who is not a verified expert is refused whole (it is a
 * mistake to correct); experts invited before are skipped and reported in `alreadyInvited`, so
 * ticking a recommended expert twice never loses the new invitations around it.
 */
export async function inviteExperts(
  actor: Actor,
  needId: string,
  expertIds: string[],
  message = "",
  meta: RequestMeta = {},
) {
  const ids = [...new Set(expertIds)];
  if (ids.length === 0) throw new DomainError("negotiation.no_experts");
  if (ids.length > MAX_INVITES) throw new DomainError("negotiation.too_many_experts", { max: MAX_INVITES });
  const { invited, alreadyInvited, rows } = await db.$transaction(async (tx) => {
    const need = await loadManagedNeed(tx, actor, needId);
    if (!INVITABLE.includes(need.status) || need.hiddenAt)
      throw new DomainError("negotiation.need_not_invitable");
    const ownSide = await postingSideIds(tx, need);
    if (ids.some((id) => id === actor.id || ownSide.has(id)))
      throw new DomainError("negotiation.self_invitation");
    const experts = await tx.user.findMany({
      where: { id: { in: ids }, primaryRole: "EXPERT", verifiedAt: { not: null } },
      select: { id: true },
    });
    if (experts.length !== ids.length) throw new DomainError("negotiation.expert_not_eligible");

    const existing = await tx.needInvitation.findMany({
      where: { needId, expertId: { in: ids } },
      select: { expertId: true },
    });
    const alreadyInvited = existing.map((row) => row.expertId);
    const invited = ids.filter((id) => !alreadyInvited.includes(id));
    // skipDuplicates: a concurrent invite of the same expert is absorbed by the unique key.
    await tx.needInvitation.createMany({
      data: invited.map((expertId) => ({ needId, expertId, invitedById: actor.id, message })),
      skipDuplicates: true,
    });
    if (invited.length > 0) {
      await recordAudit(tx, {
        actorId: actor.id,
        action: "need.experts_invited",
        subjectType: "Need",
        subjectId: needId,
        after: { expertIds: invited, skipped: alreadyInvited },
        ip: meta.ip,
      });
    }
    // A draft is not visible to the expert yet, so the notice opens their list of invitations.
    const href = need.status === "OPEN" ? `/needs/${needId}` : "/account/invitations";
    const by = need.organisation?.name ?? need.postedBy.displayName;
    const notes: NewNotification[] = invited.map((userId) => ({
      userId,
      type: "invitation.received",
      params: { by, need: need.title },
      href,
    }));
    return { invited, alreadyInvited, rows: await createNotifications(tx, notes) };
  });
  await deliverNotifications(rows);
  return { invited, alreadyInvited };
}

/** The invited expert says no, with an optional reason the poster is told. */
export async function declineInvitation(
  actor: Actor,
  invitationId: string,
  reason = "",
  meta: RequestMeta = {},
) {
  const rows = await db.$transaction(async (tx) => {
    const invitation = await tx.needInvitation.findUnique({
      where: { id: invitationId },
      select: {
        id: true,
        expertId: true,
        status: true,
        invitedById: true,
        need: { select: { id: true, title: true } },
      },
    });
    if (!invitation || invitation.expertId !== actor.id) throw new DomainError("negotiation.not_found");
    assertTransition(
      INVITATION_TRANSITIONS,
      invitation.status,
      "DECLINED",
      "negotiation.invitation_not_pending",
    );
    // The read above is not locked: the status in the WHERE stays as the race guard, so a double
    // submit (or an apply racing it) answers only once.
    const { count } = await tx.needInvitation.updateMany({
      where: { id: invitation.id, status: "PENDING" },
      data: { status: "DECLINED", respondedAt: new Date() },
    });
    if (count === 0) throw new DomainError("negotiation.invitation_not_pending");
    await recordAudit(tx, {
      actorId: actor.id,
      action: "invitation.declined",
      subjectType: "NeedInvitation",
      subjectId: invitation.id,
      before: { status: invitation.status },
      after: { status: "DECLINED", reason },
      ip: meta.ip,
    });
    const expert = await tx.user.findUniqueOrThrow({
      where: { id: actor.id },
      select: { displayName: true },
    });
    return createNotifications(tx, [
      {
        userId: invitation.invitedById,
        type: "invitation.declined",
        params: { expert: expert.displayName, need: invitation.need.title, reason },
        href: `/needs/${invitation.need.id}/invite`,
      },
    ]);
  });
  await deliverNotifications(rows);
}

const myInvitationSelect = {
  id: true,
  status: true,
  message: true,
  createdAt: true,
  need: {
    select: {
      id: true,
      title: true,
      status: true,
      hiddenAt: true,
      organisation: { select: { name: true } },
      postedBy: { select: { displayName: true } },
    },
  },
} as const;

/** An expert's invitations, pending first, newest first; hidden needs drop out. */
export async function listMyInvitations(expertId: string, { pendingOnly = false } = {}) {
  const rows = await db.needInvitation.findMany({
    where: { expertId, need: { hiddenAt: null }, ...(pendingOnly && { status: "PENDING" }) },
    select: myInvitationSelect,
    orderBy: { createdAt: "desc" },
    take: 100,
  });
  return rows
    .map(({ need, ...row }) => ({
      ...row,
      need: { id: need.id, title: need.title, status: need.status },
      by: need.organisation?.name ?? need.postedBy.displayName,
    }))
    .sort((a, b) => Number(b.status === "PENDING") - Number(a.status === "PENDING"));
}

/** Verified experts whose name contains the query, for the invite page's search. */
export function searchExpertsByName(q: string) {
  const query = q.trim();
  if (query.length === 0) return Promise.resolve([]);
  return db.user
    .findMany({
      where: {
        primaryRole: "EXPERT",
        verifiedAt: { not: null },
        displayName: { contains: query, mode: "insensitive" },
        NOT: { expertProfile: { is: { hiddenAt: { not: null } } } },
      },
      select: { id: true, displayName: true, expertProfile: { select: { title: true } } },
      orderBy: { displayName: "asc" },
      take: 20,
    })
    .then((rows) =>
      rows.map((row) => ({ id: row.id, name: row.displayName, title: row.expertProfile?.title ?? "" })),
    );
}

/** Everything the poster's invite page shows: the need, recommended and found experts, invitations sent. */
export async function getInvitePage(actor: Actor, needId: string, q = "") {
  const need = await loadManagedNeed(db, actor, needId);
  const ownSide = await postingSideIds(db, need);
  const [recommendations, found, sent] = await Promise.all([
    recommendForNeed(needId),
    searchExpertsByName(q),
    db.needInvitation.findMany({
      where: { needId },
      select: { id: true, expertId: true, status: true, createdAt: true },
      orderBy: { createdAt: "desc" },
    }),
  ]);
  const names = await db.user.findMany({
    where: { id: { in: sent.map((s) => s.expertId) } },
    select: { id: true, displayName: true },
  });
  const nameOf = new Map(names.map((n) => [n.id, n.displayName]));
  // Recommendations may include experts not yet verified; only verified ones can be invited.
  const verified = await db.user.findMany({
    where: {
      id: { in: recommendations.experts.map((e) => e.id) },
      primaryRole: "EXPERT",
      verifiedAt: { not: null },
    },
    select: { id: true },
  });
  const invitable = new Set(verified.map((v) => v.id));
  const notSelf = <T extends { id: string }>(list: T[]) =>
    list.filter((e) => !ownSide.has(e.id) && e.id !== actor.id);
  return {
    need: { id: need.id, title: need.title, status: need.status, invitationOnly: need.invitationOnly },
    recommended: notSelf(
      recommendations.experts
        .filter((e) => invitable.has(e.id))
        .map((e) => ({ id: e.id, name: e.name, title: e.title, reasons: e.reasons })),
    ),
    found: notSelf(found),
    sent: sent.map((s) => ({ ...s, name: nameOf.get(s.expertId) ?? "" })),
  };
}

/** Whether the expert holds what an invitation-only need asks for (see apply-rules.server.ts). */
export function isInvitedToApply(needId: string, expertId: string): Promise<boolean> {
  return holdsInvitation(db, needId, expertId);
}
