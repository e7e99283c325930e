import { db } from "~/db.server";
import type { OrganisationType } from "~/generated/prisma/enums";
import { recordAudit } from "~/modules/audit/audit.server";
import { markForIndexing } from "~/modules/indexing/outbox.server";
import { can, type Actor } from "~/modules/users/permissions";
import { DomainError } from "~/utils/errors";
import type { RequestMeta } from "~/utils/request.server";

/** The organisations that post needs for a village; only they can be a registered poverty village. */
export const POVERTY_ORGANISATION_TYPES: readonly OrganisationType[] = [
  "VILLAGE_COMMITTEE",
  "COOPERATIVE",
  "FAMILY_FARM",
  "LARGE_GROWER",
];

/** Marks or unmarks an organisation as 建档立卡贫困村, with the reason in the audit log. */
export async function setPovertyVillage(
  actor: Actor,
  input: { organisationId: string; mark: boolean; reason: string; meta: RequestMeta },
) {
  if (!can(actor, "reach.manage")) throw new DomainError("reach.forbidden");
  await db.$transaction(async (tx) => {
    const organisation = await tx.organisation.findUnique({
      where: { id: input.organisationId },
      select: { id: true, type: true, povertyVillageAt: true },
    });
    if (!organisation) throw new DomainError("reach.not_found");
    if (!POVERTY_ORGANISATION_TYPES.includes(organisation.type)) throw new DomainError("reach.poverty_type");
    if (Boolean(organisation.povertyVillageAt) === input.mark) return;
    await tx.organisation.update({
      where: { id: organisation.id },
      data: input.mark
        ? { povertyVillageAt: new Date(), povertyVillageById: actor.id }
        : { povertyVillageAt: null, povertyVillageById: null },
      select: { id: true },
    });
    await recordAudit(tx, {
      actorId: actor.id,
      action: input.mark ? "organisation.poverty_marked" : "organisation.poverty_unmarked",
      subjectType: "Organisation",
      subjectId: organisation.id,
      before: { povertyVillage: Boolean(organisation.povertyVillageAt) },
      after: { povertyVillage: input.mark, reason: input.reason },
      ip: input.meta.ip,
    });
    // The organisation's open needs rank differently now (matching reads the mark).
    const needs = await tx.need.findMany({
      where: { organisationId: organisation.id, status: "OPEN" },
      select: { id: true },
    });
    await markForIndexing(
      tx,
      "needs",
      needs.map((need) => need.id),
    );
  });
}

/** The mark as the organisation page shows it, and whether the viewer may change it. */
export async function povertyStatus(organisationId: string, viewer: Actor | null) {
  const organisation = await db.organisation.findUnique({
    where: { id: organisationId },
    select: { type: true, povertyVillageAt: true },
  });
  if (!organisation) return null;
  return {
    since: organisation.povertyVillageAt,
    canChange: can(viewer, "reach.manage") && POVERTY_ORGANISATION_TYPES.includes(organisation.type),
  };
}
