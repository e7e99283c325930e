import { db, type Tx } from "~/db.server";
import type { OrganisationType } from "~/generated/prisma/enums";
import { recordAudit } from "~/modules/audit/audit.server";
import { canManageNeed } from "~/modules/needs/needs.server";
import { createNotifications, deliverNotifications } from "~/modules/notifications/notifications.server";
import { can, type Actor } from "~/modules/users/permissions";
import { DomainError } from "~/utils/errors";
import type { BrandStartFields } from "./creative.schema";
import { notifyOthers } from "./brand-access.server";
import type { RequestMeta } from "~/utils/request.server";

/** Organisations that may incubate a brand when the poster leads it themselves. */
export const INCUBATOR_TYPES: OrganisationType[] = [
  "STAR_SPACE",
  "UNIVERSITY",
  "RESEARCH_INSTITUTE",
  "ENTERPRISE",
];

const needSelect = {
  id: true,
  kind: true,
  status: true,
  title: true,
  organisationId: true,
  postedById: true,
  countyCode: true,
  productName: true,
  story: true,
} as const;

/** Whether the actor may start a brand project from this need (not whether one may exist yet). */
export function mayStartBrand(
  actor: Actor | null,
  need: { kind: string; status: string; organisationId: string | null; postedById: string },
): boolean {
  if (!actor || need.kind !== "BRANDING" || (need.status !== "OPEN" && need.status !== "IN_PROGRESS"))
    return false;
  return can(actor, "brand.manage") || canManageNeed(actor, need);
}

/** The first organisation an expert works for: their stated affiliation, else a membership. */
async function incubatorOf(tx: Tx | typeof db, userId: string): Promise<string | null> {
  const profile = await tx.expertProfile.findUnique({ where: { userId }, select: { affiliationId: true } });
  if (profile?.affiliationId) return profile.affiliationId;
  const membership = await tx.membership.findFirst({
    where: { userId, organisation: { type: { in: INCUBATOR_TYPES } } },
    orderBy: { createdAt: "asc" },
    select: { organisationId: true },
  });
  return membership?.organisationId ?? null;
}

/** What the start form needs: the request, who was accepted on it, and the incubators to choose from. */
export async function getBrandStartOptions(actor: Actor, needId: string) {
  const need = await db.need.findUnique({ where: { id: needId }, select: needSelect });
  if (!need || !mayStartBrand(actor, need)) throw new DomainError("creative.not_found");
  const [accepted, incubators, existing] = await Promise.all([
    db.application.findMany({
      where: { needId, status: "ACCEPTED" },
      orderBy: { decidedAt: "asc" },
      select: { expert: { select: { id: true, displayName: true } } },
    }),
    db.organisation.findMany({
      where: { type: { in: INCUBATOR_TYPES }, verifiedAt: { not: null }, hiddenAt: null },
      orderBy: { name: "asc" },
      take: 300,
      select: { id: true, name: true, type: true },
    }),
    db.brandProject.findUnique({ where: { needId }, select: { id: true } }),
  ]);
  return {
    need,
    leads: accepted.map((application) => application.expert),
    incubators,
    existingProjectId: existing?.id ?? null,
  };
}

/**
 * Starts the brand project of a branding request. The lead is an applicant the request accepted
 * (their institution incubates), or else the poster, with a verified incubator they choose.
 */
export async function startBrandProject(actor: Actor, fields: BrandStartFields, meta: RequestMeta = {}) {
  const { project, rows } = await db.$transaction(async (tx) => {
    const need = await tx.need.findUnique({ where: { id: fields.needId }, select: needSelect });
    if (!need || !mayStartBrand(actor, need)) throw new DomainError("creative.forbidden");
    if (await tx.brandProject.findUnique({ where: { needId: need.id }, select: { id: true } }))
      throw new DomainError("creative.brand_exists");

    let leadUserId = need.postedById;
    let incubatorOrganisationId: string | null;
    if (fields.leadUserId) {
      const accepted = await tx.application.findFirst({
        where: { needId: need.id, expertId: fields.leadUserId, status: "ACCEPTED" },
        select: { id: true },
      });
      if (!accepted) throw new DomainError("creative.lead_not_accepted");
      leadUserId = fields.leadUserId;
      incubatorOrganisationId = await incubatorOf(tx, leadUserId);
    } else {
      const incubator = fields.incubatorOrganisationId
        ? await tx.organisation.findFirst({
            where: {
              id: fields.incubatorOrganisationId,
              type: { in: INCUBATOR_TYPES },
              verifiedAt: { not: null },
            },
            select: { id: true },
          })
        : null;
      if (!incubator) throw new DomainError("creative.incubator_required");
      incubatorOrganisationId = incubator.id;
    }

    const project = await tx.brandProject.create({
      data: {
        needId: need.id,
        name: fields.name,
        productName: need.productName ?? need.title,
        countyCode: need.countyCode,
        story: need.story ?? "",
        ownerOrganisationId: need.organisationId,
        ownerUserId: need.postedById,
        incubatorOrganisationId,
        leadUserId,
      },
      select: {
        id: true,
        name: true,
        needId: true,
        leadUserId: true,
        ownerUserId: true,
        incubatorOrganisationId: true,
        stage: true,
      },
    });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "brand.started",
      subjectType: "BrandProject",
      subjectId: project.id,
      after: project,
      ip: meta.ip,
    });
    const rows = await createNotifications(
      tx,
      notifyOthers(actor.id, project, { type: "brand.started", params: { brand: project.name } }),
    );
    return { project, rows };
  });
  await deliverNotifications(rows);
  return project;
}
