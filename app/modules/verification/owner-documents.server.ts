import type { Tx } from "~/db.server";
import { markForIndexing } from "~/modules/indexing/outbox.server";

/**
 * Everything an organisation or a person shows in search, queued for re-indexing — used when
 * their verification changes, which every one of their documents carries. It lives with
 * verification, the one change that touches every document of an owner at once.
 */
// One after the other: a transaction is one connection, which runs one query at a time.
export async function markOwnerForIndexing(
  tx: Tx,
  owner: { organisationId?: string | null; userId?: string | null },
): Promise<void> {
  if (owner.organisationId) {
    const needs = await tx.need.findMany({
      where: { organisationId: owner.organisationId },
      select: { id: true },
    });
    const offers = await tx.offer.findMany({
      where: { organisationId: owner.organisationId },
      select: { id: true },
    });
    const services = await tx.spaceService.findMany({
      where: { organisationId: owner.organisationId },
      select: { id: true },
    });
    await markForIndexing(
      tx,
      "needs",
      needs.map((need) => need.id),
    );
    await markForIndexing(
      tx,
      "offers",
      offers.map((offer) => offer.id),
    );
    await markForIndexing(
      tx,
      "services",
      services.map((service) => service.id),
    );
  }
  if (owner.userId) {
    const needs = await tx.need.findMany({
      where: { postedById: owner.userId, organisationId: null },
      select: { id: true },
    });
    const offers = await tx.offer.findMany({ where: { expertId: owner.userId }, select: { id: true } });
    await markForIndexing(
      tx,
      "needs",
      needs.map((need) => need.id),
    );
    await markForIndexing(
      tx,
      "offers",
      offers.map((offer) => offer.id),
    );
    await markForIndexing(tx, "experts", owner.userId);
  }
}
