import { db, withUnit, type Tx, type Unit } from "~/db.server";
import type { NeedStatus, Prisma } from "~/generated/prisma/client";
import { recordAudit } from "~/modules/audit/audit.server";
import { recordStatusChange } from "~/modules/audit/status-change.server";
import { assertNotBanned } from "~/modules/sanctions/bans.server";
import { createNotifications, deliverNotifications } from "~/modules/notifications/notifications.server";
import { markForIndexing } from "~/modules/indexing/outbox.server";
import { deleteUpload, withStoredImages } from "~/modules/uploads/uploads.server";
import { can, type Actor } from "~/modules/users/permissions";
import { getPublisherVerification } from "~/modules/verification/verified.server";
import { enqueueEvent } from "~/modules/webhooks/webhooks.server";
import { DomainError } from "~/utils/errors";
import type { RequestMeta } from "~/utils/request.server";
import { assertTransition, statesThatMayBecome } from "~/utils/state-machine";
import { endOfDayInLuoyang } from "~/utils/dates";
import { NEED_TRANSITIONS } from "./needs.states";
import { MAX_NEED_PHOTOS, type NeedFields } from "./needs.schema";

const EDITABLE: NeedStatus[] = ["DRAFT", "OPEN"];
const POSTER_ROLES = ["VILLAGE", "FARMER"] as const;

/** Members of the owning organisation (village roles) manage its needs; a personal need, its poster. */
export function canManageNeed(
  actor: Actor,
  need: { organisationId: string | null; postedById: string },
): boolean {
  if (need.organisationId) {
    return actor.memberships.some(
      (m) => m.organisationId === need.organisationId && (POSTER_ROLES as readonly string[]).includes(m.role),
    );
  }
  return need.postedById === actor.id;
}

/** The organisations a person may post needs for. */
export function listPostingOrganisations(userId: string) {
  return db.organisation.findMany({
    where: { memberships: { some: { userId, role: { in: [...POSTER_ROLES] } } } },
    select: { id: true, name: true, verifiedAt: true },
    orderBy: { name: "asc" },
  });
}

/** What the posting form needs to know: for whom the person may post, and whether publishing is open to them. */
export async function getPosterContext(userId: string) {
  const [organisations, me] = await Promise.all([
    listPostingOrganisations(userId),
    db.user.findUniqueOrThrow({ where: { id: userId }, select: { verifiedAt: true, countyCode: true } }),
  ]);
  return {
    organisations,
    canPublish: organisations.some((organisation) => organisation.verifiedAt) || Boolean(me.verifiedAt),
    countyCode: me.countyCode ?? undefined,
  };
}

function assertMayPostFor(actor: Actor, organisationId: string | undefined): void {
  if (!can(actor, "need.post")) throw new DomainError("need.forbidden");
  if (!organisationId) return;
  const member = actor.memberships.some(
    (m) => m.organisationId === organisationId && (POSTER_ROLES as readonly string[]).includes(m.role),
  );
  if (!member) throw new DomainError("need.not_member");
}

function fieldsData(fields: NeedFields) {
  const branding = fields.kind === "BRANDING";
  return {
    kind: fields.kind,
    title: fields.title,
    description: fields.description,
    industry: fields.industry,
    countyCode: fields.countyCode,
    village: fields.village || null,
    budgetMinFen: fields.budgetMin ?? null,
    budgetMaxFen: fields.budgetMax ?? null,
    urgency: fields.urgency,
    arrangements: fields.arrangements,
    deadline: fields.deadline ? endOfDayInLuoyang(fields.deadline) : null,
    productName: branding ? fields.productName || null : null,
    origin: branding ? fields.origin || null : null,
    story: branding ? fields.story || null : null,
    brandServices: branding ? fields.brandServices : [],
    invitationOnly: fields.invitationOnly,
  };
}

/**
 * Whether a need of this poster may be published now: refuses a banned poster or organisation
 * (`sanction.banned`), false for an unverified one. The two reads are asked together; `client` is
 * the caller's transaction, or the pool when asked before one opens.
 */
async function mayPublish(
  need: { organisationId: string | null; postedById: string },
  vouched: boolean,
  client: Tx = db,
): Promise<boolean> {
  const [, verified] = await Promise.all([
    assertNotBanned({ userId: need.postedById, organisationIds: [need.organisationId] }, new Date(), client),
    vouched ||
      getPublisherVerification({ userId: need.postedById, organisationId: need.organisationId }, client),
  ]);
  return verified;
}

/**
 * Opens a need the caller has checked (its transition and `mayPublish`): the status, its audit
 * row, the index and the webhooks. A need `createNeed` just wrote is a draft, which may open.
 */
async function markOpen(
  tx: Tx,
  need: { id: string; status: NeedStatus; organisationId: string | null; title: string },
  actorId: string,
  meta: RequestMeta,
): Promise<void> {
  await tx.need.update({
    where: { id: need.id },
    data: { status: "OPEN", publishedAt: new Date() },
    select: { id: true },
  });
  await recordStatusChange(
    tx,
    { type: "Need", id: need.id, from: need.status, to: "OPEN" },
    { actorId, action: "need.published", ip: meta.ip },
  );
  await markForIndexing(tx, "needs", need.id);
  await enqueueEvent(tx, {
    organisationIds: [need.organisationId],
    event: "need.published",
    payload: { needId: need.id, title: need.title, status: "OPEN", occurredAt: new Date().toISOString() },
  });
}

async function openNeed(tx: Tx, needId: string, actorId: string, meta: RequestMeta): Promise<boolean> {
  const need = await tx.need.findUniqueOrThrow({
    where: { id: needId },
    select: { id: true, status: true, organisationId: true, postedById: true, title: true },
  });
  assertTransition(NEED_TRANSITIONS, need.status, "OPEN", "need.invalid_transition");
  if (!(await mayPublish(need, false, tx))) return false;
  await markOpen(tx, need, actorId, meta);
  return true;
}

/**
 * Creates a need as a draft and, when asked, publishes it. Publishing needs a verified poster;
 * an unverified one keeps the draft (nothing typed is lost) and is told why.
 */
export async function createNeed(input: {
  actor: Actor;
  organisationId?: string;
  fields: NeedFields;
  photos: File[];
  publish: boolean;
  meta: RequestMeta;
  /** The caller's transaction (the API's idempotency key commits with the need). */
  unit?: Unit;
  /**
   * For a need posted on someone's behalf (reach/informants.server.ts): the bureau vouched for the
   * poster by appointing them, so publishing needs no verification, and `onCreated` writes the
   * caller's rows in the same transaction.
   */
  proxy?: { onCreated: (tx: Tx, needId: string) => Promise<void> };
}): Promise<{ id: string; published: boolean }> {
  assertMayPostFor(input.actor, input.organisationId || undefined);
  if (input.photos.length > MAX_NEED_PHOTOS)
    throw new DomainError("upload.too_many", { max: MAX_NEED_PHOTOS });
  // Whether it may be published is read before the transaction opens, so the transaction holds its
  // connection for the writes only (a ban still refuses before anything is written).
  const publishable = input.publish
    ? await mayPublish(
        { organisationId: input.organisationId || null, postedById: input.actor.id },
        Boolean(input.proxy),
      )
    : false;
  return withStoredImages(input.actor.id, input.photos, (uploadIds) =>
    withUnit(input.unit, async ({ tx }) => {
      const need = await tx.need.create({
        data: {
          ...fieldsData(input.fields),
          organisationId: input.organisationId || null,
          postedById: input.actor.id,
          ...(uploadIds.length > 0
            ? { photos: { create: uploadIds.map((uploadId, sortOrder) => ({ uploadId, sortOrder })) } }
            : {}),
        },
        select: { id: true, status: true, title: true, organisationId: true },
      });
      await recordAudit(tx, {
        actorId: input.actor.id,
        action: "need.created",
        subjectType: "Need",
        subjectId: need.id,
        after: { status: need.status, title: need.title },
        ip: input.meta.ip,
      });
      await input.proxy?.onCreated(tx, need.id);
      if (publishable) await markOpen(tx, need, input.actor.id, input.meta);
      return { id: need.id, published: publishable };
    }),
  );
}

async function loadManaged(tx: Tx, actor: Actor, needId: string) {
  const need = await tx.need.findUnique({
    where: { id: needId },
    select: {
      id: true,
      status: true,
      organisationId: true,
      postedById: true,
      title: true,
      _count: { select: { photos: true } },
    },
  });
  if (!need) throw new DomainError("need.not_found");
  if (!canManageNeed(actor, need)) throw new DomainError("need.forbidden");
  return need;
}

export async function updateNeed(input: {
  actor: Actor;
  needId: string;
  fields: NeedFields;
  photos: File[];
  removePhotoIds: string[];
  publish: boolean;
  meta: RequestMeta;
}): Promise<{ published: boolean }> {
  const current = await loadManaged(db, input.actor, input.needId);
  if (!EDITABLE.includes(current.status)) throw new DomainError("need.not_editable");
  const keptCount = current._count.photos - input.removePhotoIds.length;
  if (keptCount + input.photos.length > MAX_NEED_PHOTOS)
    throw new DomainError("upload.too_many", { max: MAX_NEED_PHOTOS });
  const removed: string[] = [];
  const result = await withStoredImages(input.actor.id, input.photos, (uploadIds) =>
    db.$transaction(async (tx) => {
      // Re-read under a row lock: a concurrent accept must not be overwritten by an edit.
      await tx.$queryRaw`SELECT id FROM "Need" WHERE id = ${input.needId} FOR UPDATE`;
      const need = await loadManaged(tx, input.actor, input.needId);
      if (!EDITABLE.includes(need.status)) throw new DomainError("need.not_editable");
      const deleted = await tx.needPhoto.findMany({
        where: { needId: need.id, uploadId: { in: input.removePhotoIds } },
        select: { uploadId: true },
      });
      await tx.needPhoto.deleteMany({
        where: { needId: need.id, uploadId: { in: deleted.map((d) => d.uploadId) } },
      });
      removed.push(...deleted.map((d) => d.uploadId));
      const last = await tx.needPhoto.aggregate({ where: { needId: need.id }, _max: { sortOrder: true } });
      const start = (last._max.sortOrder ?? -1) + 1;
      await tx.need.update({
        where: { id: need.id },
        data: {
          ...fieldsData(input.fields),
          photos: { create: uploadIds.map((uploadId, index) => ({ uploadId, sortOrder: start + index })) },
        },
        select: { id: true },
      });
      await recordAudit(tx, {
        actorId: input.actor.id,
        action: "need.updated",
        subjectType: "Need",
        subjectId: need.id,
        before: { title: need.title },
        after: { title: input.fields.title, photosAdded: uploadIds.length, photosRemoved: deleted.length },
        ip: input.meta.ip,
      });
      await markForIndexing(tx, "needs", need.id);
      const published =
        input.publish && need.status === "DRAFT"
          ? await openNeed(tx, need.id, input.actor.id, input.meta)
          : false;
      return { published };
    }),
  );
  // The rows are gone with the transaction; the files follow once it has committed.
  await Promise.all(removed.map((id) => deleteUpload(id).catch(() => undefined)));
  return result;
}

export async function publishNeed(input: { actor: Actor; needId: string; meta: RequestMeta }): Promise<void> {
  await db.$transaction(async (tx) => {
    await loadManaged(tx, input.actor, input.needId);
    if (!(await openNeed(tx, input.needId, input.actor.id, input.meta)))
      throw new DomainError("need.not_verified");
  });
}

export async function closeNeed(input: { actor: Actor; needId: string; meta: RequestMeta }): Promise<void> {
  await db.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT id FROM "Need" WHERE id = ${input.needId} FOR UPDATE`;
    const need = await loadManaged(tx, input.actor, input.needId);
    assertTransition(NEED_TRANSITIONS, need.status, "CLOSED", "need.invalid_transition");
    await tx.need.update({
      where: { id: need.id },
      data: { status: "CLOSED", closedAt: new Date() },
      select: { id: true },
    });
    await recordStatusChange(
      tx,
      { type: "Need", id: need.id, from: need.status, to: "CLOSED" },
      { actorId: input.actor.id, action: "need.closed", ip: input.meta.ip },
    );
    await markForIndexing(tx, "needs", need.id);
  });
}

/** Bureau moderation: hidden needs leave every list; the poster is told why. */
export async function setNeedHidden(input: {
  actor: Actor;
  needId: string;
  hidden: boolean;
  reason?: string;
  meta: RequestMeta;
}): Promise<void> {
  if (!can(input.actor, "content.moderate")) throw new DomainError("need.forbidden");
  const rows = await db.$transaction(async (tx) => {
    const need = await tx.need.findUnique({
      where: { id: input.needId },
      select: { id: true, title: true, postedById: true, hiddenAt: true, hiddenReason: true },
    });
    if (!need) throw new DomainError("need.not_found");
    const data = input.hidden
      ? { hiddenAt: new Date(), hiddenReason: input.reason ?? "" }
      : { hiddenAt: null, hiddenReason: null };
    await tx.need.update({ where: { id: need.id }, data, select: { id: true } });
    await recordAudit(tx, {
      actorId: input.actor.id,
      action: input.hidden ? "need.hidden" : "need.unhidden",
      subjectType: "Need",
      subjectId: need.id,
      before: { hidden: Boolean(need.hiddenAt), reason: need.hiddenReason },
      after: { hidden: input.hidden, reason: input.reason ?? null },
      ip: input.meta.ip,
    });
    await markForIndexing(tx, "needs", need.id);
    if (!input.hidden) return [];
    return createNotifications(tx, [
      {
        userId: need.postedById,
        type: "need.hidden",
        params: { need: need.title, reason: input.reason ?? "" },
        href: `/needs/${need.id}`,
      },
    ]);
  });
  await deliverNotifications(rows);
}

/** Open needs whose deadline has passed become EXPIRED (run on a timer by the server). */
export async function expireNeeds(now = new Date()): Promise<number> {
  return db.$transaction(async (tx) => {
    // A job, so one bulk update; the table still decides which needs may expire.
    const expirable = statesThatMayBecome(NEED_TRANSITIONS, "EXPIRED");
    const due = await tx.need.findMany({
      where: { status: { in: expirable }, deadline: { lt: now } },
      select: { id: true, status: true },
    });
    if (due.length === 0) return 0;
    await tx.need.updateMany({
      where: { id: { in: due.map((n) => n.id) }, status: { in: expirable } },
      data: { status: "EXPIRED", closedAt: now },
    });
    for (const need of due) {
      await recordStatusChange(
        tx,
        { type: "Need", id: need.id, from: need.status, to: "EXPIRED" },
        { actorId: null, action: "need.expired" },
      );
    }
    await markForIndexing(
      tx,
      "needs",
      due.map((need) => need.id),
    );
    return due.length;
  });
}

export type NeedWhere = Prisma.NeedWhereInput;
