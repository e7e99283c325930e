import { db } from "~/db.server";
import type { DemoSiteStatus } from "~/generated/prisma/enums";
import { recordAudit } from "~/modules/audit/audit.server";
import { deleteUpload, storeImage } from "~/modules/uploads/uploads.server";
import { can, type Actor } from "~/modules/users/permissions";
import { DomainError } from "~/utils/errors";
import { assertTransition } from "~/utils/state-machine";
import { MAX_DEMO_PHOTOS, type DemoFilters, type DemoSiteFields } from "./creative.schema";
import { DEMO_TRANSITIONS } from "./creative.states";
import type { RequestMeta } from "~/utils/request.server";

function requireBureau(actor: Actor) {
  if (!can(actor, "demo.manage")) throw new DomainError("creative.forbidden");
}

async function checkOrganisation(organisationId: string | null) {
  if (!organisationId) return;
  const found = await db.organisation.findUnique({ where: { id: organisationId }, select: { id: true } });
  if (!found) throw new DomainError("creative.organisation_unknown");
}

async function storePhotos(ownerId: string, photos: File[], room: number): Promise<string[]> {
  const ids: string[] = [];
  try {
    for (const file of photos.slice(0, Math.max(room, 0))) ids.push((await storeImage({ ownerId, file })).id);
    return ids;
  } catch (error) {
    await removePhotos(ids);
    throw error;
  }
}

function removePhotos(ids: string[]) {
  return Promise.allSettled(ids.map((id) => deleteUpload(id)));
}

const siteSelect = {
  id: true,
  name: true,
  type: true,
  countyCode: true,
  village: true,
  organisationId: true,
  description: true,
  photoIds: true,
  areaMu: true,
  status: true,
  designatedAt: true,
} as const;

export async function createDemoSite(
  actor: Actor,
  fields: DemoSiteFields,
  photos: File[] = [],
  meta: RequestMeta = {},
) {
  requireBureau(actor);
  await checkOrganisation(fields.organisationId);
  if (photos.length > MAX_DEMO_PHOTOS) throw new DomainError("upload.too_many", { max: MAX_DEMO_PHOTOS });
  const photoIds = await storePhotos(actor.id, photos, MAX_DEMO_PHOTOS);
  try {
    return await db.$transaction(async (tx) => {
      const site = await tx.demoSite.create({
        data: { ...fields, photoIds, createdById: actor.id },
        select: siteSelect,
      });
      await recordAudit(tx, {
        actorId: actor.id,
        action: "demo.created",
        subjectType: "DemoSite",
        subjectId: site.id,
        after: { ...site, designatedAt: null },
        ip: meta.ip,
      });
      return site;
    });
  } catch (error) {
    await removePhotos(photoIds);
    throw error;
  }
}

/** Edits the site's facts; photos ticked for removal go, new ones join up to the limit. */
export async function updateDemoSite(
  actor: Actor,
  siteId: string,
  fields: DemoSiteFields,
  photos: File[] = [],
  removePhotoIds: string[] = [],
  meta: RequestMeta = {},
) {
  requireBureau(actor);
  const before = await db.demoSite.findUnique({ where: { id: siteId }, select: siteSelect });
  if (!before) throw new DomainError("creative.not_found");
  await checkOrganisation(fields.organisationId);
  const kept = before.photoIds.filter((id) => !removePhotoIds.includes(id));
  if (kept.length + photos.length > MAX_DEMO_PHOTOS)
    throw new DomainError("upload.too_many", { max: MAX_DEMO_PHOTOS });
  const added = await storePhotos(actor.id, photos, MAX_DEMO_PHOTOS - kept.length);
  try {
    const site = await db.$transaction(async (tx) => {
      const site = await tx.demoSite.update({
        where: { id: siteId },
        data: { ...fields, photoIds: [...kept, ...added] },
        select: siteSelect,
      });
      await recordAudit(tx, {
        actorId: actor.id,
        action: "demo.updated",
        subjectType: "DemoSite",
        subjectId: siteId,
        before: { ...before, designatedAt: before.designatedAt?.toISOString() ?? null },
        after: { ...site, designatedAt: site.designatedAt?.toISOString() ?? null },
        ip: meta.ip,
      });
      return site;
    });
    // Only once the row no longer points at them are the removed photos deleted.
    await removePhotos(before.photoIds.filter((id) => removePhotoIds.includes(id)));
    return site;
  } catch (error) {
    await removePhotos(added);
    throw error;
  }
}

/** PLANNED → BUILDING → DESIGNATED (dated; the dashboard counts it), or REVOKED from any, with a reason. */
export async function changeDemoSiteStatus(
  actor: Actor,
  siteId: string,
  to: DemoSiteStatus,
  reason?: string,
  meta: RequestMeta = {},
) {
  requireBureau(actor);
  if (to === "REVOKED" && !reason?.trim()) throw new DomainError("creative.reason_required");
  return db.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT id FROM "DemoSite" WHERE id = ${siteId} FOR UPDATE`;
    const site = await tx.demoSite.findUnique({ where: { id: siteId }, select: { status: true } });
    if (!site) throw new DomainError("creative.not_found");
    assertTransition(DEMO_TRANSITIONS, site.status, to, "creative.demo_transition");
    const updated = await tx.demoSite.update({
      where: { id: siteId },
      data: { status: to, ...(to === "DESIGNATED" ? { designatedAt: new Date() } : {}) },
      select: { id: true, status: true, designatedAt: true },
    });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "demo.status_changed",
      subjectType: "DemoSite",
      subjectId: siteId,
      before: { status: site.status },
      after: {
        status: to,
        reason: reason ?? null,
        designatedAt: updated.designatedAt?.toISOString() ?? null,
      },
      ip: meta.ip,
    });
    return updated;
  });
}

/** The public directory; revoked sites only when asked for by status. */
export function listDemoSites(filters: DemoFilters) {
  return db.demoSite.findMany({
    where: { countyCode: filters.county, type: filters.type, status: filters.status ?? { not: "REVOKED" } },
    orderBy: [{ designatedAt: { sort: "desc", nulls: "last" } }, { createdAt: "desc" }],
    take: 100,
    select: {
      id: true,
      name: true,
      type: true,
      countyCode: true,
      village: true,
      status: true,
      photoIds: true,
      areaMu: true,
    },
  });
}

export async function getDemoSite(siteId: string) {
  const site = await db.demoSite.findUnique({ where: { id: siteId }, select: siteSelect });
  if (!site) throw new DomainError("creative.not_found");
  const organisation = site.organisationId
    ? await db.organisation.findUnique({
        where: { id: site.organisationId },
        select: { id: true, name: true },
      })
    : null;
  return { ...site, organisation };
}

/** Organisations a site may belong to, for the bureau's form. */
export function listDemoOrganisations() {
  return db.organisation.findMany({
    where: { hiddenAt: null, type: { not: "BUREAU" } },
    orderBy: { name: "asc" },
    take: 500,
    select: { id: true, name: true },
  });
}
