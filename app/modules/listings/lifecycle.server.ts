import { db, withUnit, type Tx, type Unit } from "~/db.server";
import type { Prisma } from "~/generated/prisma/client";
import { recordAudit } from "~/modules/audit/audit.server";
import { markForIndexing } from "~/modules/indexing/outbox.server";
import type { IndexName } from "~/modules/indexing/search.types";
import {
  createNotifications,
  deliverNotifications,
  type NewNotification,
} from "~/modules/notifications/notifications.server";
import { can, type Actor } from "~/modules/users/permissions";
import { DomainError } from "~/utils/errors";
import { assertTransition } from "~/utils/state-machine";
import { LISTING_TRANSITIONS, type ListingStatus } from "./listings.states";
import type { RequestMeta } from "~/utils/request.server";

/*
 * The lifecycle offers and space services share: create, edit, publish, withdraw, hide and unhide,
 * each with its audit entry and its outbox row for the search index, in one transaction. A kind
 * (offers, services) says which table it lives in, who may change it, what publishing needs and
 * whom hiding notifies; its own error codes and audit actions are kept as they were.
 */

export type { RequestMeta };

/** The columns the lifecycle reads and writes on every kind of listing. */
export interface ListingRow {
  id: string;
  status: ListingStatus;
  title: string;
  postedById: string;
  publishedAt: Date | null;
  hiddenAt: Date | null;
  hiddenReason: string | null;
}

type ListingChange = {
  status?: ListingStatus;
  publishedAt?: Date;
  hiddenAt?: Date | null;
  hiddenReason?: string | null;
};

export interface ListingKind<Row extends ListingRow, Fields> {
  /** The table, which is also the audit subject type. */
  table: "Offer" | "SpaceService";
  /** The prefix of the kind's audit actions (`offer.published`) and error codes (`offer.not_found`). */
  prefix: "offer" | "service";
  index: IndexName;
  find(tx: Tx, id: string): Promise<Row | null>;
  update(tx: Tx, id: string, data: ListingChange | Fields): Promise<Row>;
  owns(actor: Actor, row: Row): boolean;
  /** Refuses publishing when whoever provides the listing is not verified; drafts need nothing. */
  assertPublishable(tx: Tx, row: Row): Promise<void>;
  /** Who is told, and how, that the bureau hid the listing. */
  hiddenNotices(tx: Tx, row: Row, reason: string): Promise<NewNotification[]>;
}

/** How a create or an edit runs: publish at once, and the caller's unit to run in, if it holds one. */
export interface ListingWriteOptions {
  publish?: boolean;
  unit?: Unit;
}

function snapshot(row: ListingRow): Prisma.InputJsonObject {
  return {
    ...row,
    publishedAt: row.publishedAt?.toISOString() ?? null,
    hiddenAt: row.hiddenAt?.toISOString() ?? null,
  } as Prisma.InputJsonObject;
}

export function listingLifecycle<Row extends ListingRow, Fields>(kind: ListingKind<Row, Fields>) {
  async function audit(
    tx: Tx,
    actorId: string,
    action: string,
    before: Row | null,
    after: Row,
    meta: RequestMeta,
  ) {
    await recordAudit(tx, {
      actorId,
      action: `${kind.prefix}.${action}`,
      subjectType: kind.table,
      subjectId: after.id,
      before: before ? snapshot(before) : undefined,
      after: snapshot(after),
      ip: meta.ip,
    });
    await markForIndexing(tx, kind.index, after.id);
  }

  const refuse = (
    reason: "not_found" | "forbidden" | "invalid_transition" | "not_hideable" | "reason_required",
  ) => new DomainError(`${kind.prefix}.${reason}`);

  async function load(tx: Tx, id: string): Promise<Row> {
    // Row lock: two changes to one listing run one after the other, each seeing the other's result.
    // The table name is one of two literals, never input.
    await tx.$queryRawUnsafe(`SELECT id FROM "${kind.table}" WHERE id = $1 FOR UPDATE`, id);
    const row = await kind.find(tx, id);
    if (!row) throw refuse("not_found");
    return row;
  }

  async function moveTo(tx: Tx, actorId: string, before: Row, to: ListingStatus, meta: RequestMeta) {
    assertTransition(LISTING_TRANSITIONS, before.status, to, `${kind.prefix}.invalid_transition`);
    if (to === "PUBLISHED") await kind.assertPublishable(tx, before);
    const after = await kind.update(tx, before.id, {
      status: to,
      ...(to === "PUBLISHED" ? { publishedAt: new Date() } : {}),
    });
    await audit(tx, actorId, to === "PUBLISHED" ? "published" : "withdrawn", before, after, meta);
    return after;
  }

  function assertModerator(actor: Actor) {
    if (!can(actor, "content.moderate")) throw refuse("forbidden");
  }

  /**
   * The owner publishes, withdraws or re-publishes a listing. A caller that holds a unit (the
   * API's Idempotency-Key) passes it, so the change and the key commit together.
   */
  function changeStatus(
    actor: Actor,
    id: string,
    to: "PUBLISHED" | "WITHDRAWN",
    meta: RequestMeta,
    unit?: Unit,
  ) {
    return withUnit(unit, async ({ tx }) => {
      const before = await load(tx, id);
      if (!kind.owns(actor, before)) throw refuse("forbidden");
      const after = await moveTo(tx, actor.id, before, to, meta);
      return { id: after.id, status: after.status };
    });
  }

  return {
    /** Creates a listing as a draft, or publishes it at once when asked (all or nothing). */
    create(actor: Actor, insert: (tx: Tx) => Promise<Row>, options: ListingWriteOptions, meta: RequestMeta) {
      return withUnit(options.unit, async ({ tx }) => {
        let row = await insert(tx);
        await audit(tx, actor.id, "created", null, row, meta);
        if (options.publish) row = await moveTo(tx, actor.id, row, "PUBLISHED", meta);
        return { id: row.id, status: row.status };
      });
    },

    /** Saves new content; the status stays unless `publish` moves a draft or withdrawn listing live. */
    update(actor: Actor, id: string, fields: Fields, options: ListingWriteOptions, meta: RequestMeta) {
      return withUnit(options.unit, async ({ tx }) => {
        const before = await load(tx, id);
        if (!kind.owns(actor, before)) throw refuse("forbidden");
        let row = await kind.update(tx, id, fields);
        await audit(tx, actor.id, "updated", before, row, meta);
        if (options.publish && row.status !== "PUBLISHED")
          row = await moveTo(tx, actor.id, row, "PUBLISHED", meta);
        return { id: row.id, status: row.status };
      });
    },

    changeStatus,
    publish: (actor: Actor, id: string, meta: RequestMeta = {}, unit?: Unit) =>
      changeStatus(actor, id, "PUBLISHED", meta, unit),
    withdraw: (actor: Actor, id: string, meta: RequestMeta = {}, unit?: Unit) =>
      changeStatus(actor, id, "WITHDRAWN", meta, unit),

    /** The bureau takes a published listing out of sight, with a reason the owners are told. */
    async hide(actor: Actor, id: string, reason: string, meta: RequestMeta = {}) {
      assertModerator(actor);
      reason = reason.trim();
      if (reason.length < 2 || reason.length > 500) throw refuse("reason_required");
      const notifications = await db.$transaction(async (tx) => {
        const before = await load(tx, id);
        if (before.status !== "PUBLISHED" || before.hiddenAt) throw refuse("not_hideable");
        const after = await kind.update(tx, id, { hiddenAt: new Date(), hiddenReason: reason });
        await audit(tx, actor.id, "hidden", before, after, meta);
        return createNotifications(tx, await kind.hiddenNotices(tx, before, reason));
      });
      await deliverNotifications(notifications);
    },

    async unhide(actor: Actor, id: string, meta: RequestMeta = {}) {
      assertModerator(actor);
      await db.$transaction(async (tx) => {
        const before = await load(tx, id);
        if (!before.hiddenAt) throw refuse("invalid_transition");
        const after = await kind.update(tx, id, { hiddenAt: null, hiddenReason: null });
        await audit(tx, actor.id, "unhidden", before, after, meta);
      });
    },
  };
}
