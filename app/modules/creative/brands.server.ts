import { db, type Tx } from "~/db.server";
import type { BrandStage } from "~/generated/prisma/enums";
import { recordAudit } from "~/modules/audit/audit.server";
import { createNotifications, deliverNotifications } from "~/modules/notifications/notifications.server";
import { deleteUpload, storeImage } from "~/modules/uploads/uploads.server";
import type { Actor } from "~/modules/users/permissions";
import { DomainError } from "~/utils/errors";
import { assertTransition } from "~/utils/state-machine";
import { MAX_STAGE_PHOTOS, type BrandAction } from "./creative.schema";
import { BRAND_TRANSITIONS, brandOpenFor } from "./creative.states";
import { mayWork, notifyOthers } from "./brand-access.server";
import type { RequestMeta } from "~/utils/request.server";

const workSelect = {
  id: true,
  name: true,
  stage: true,
  leadUserId: true,
  ownerUserId: true,
  ownerOrganisationId: true,
  launchedAt: true,
  abandonedAt: true,
} as const;

/**
 * Everything done on a project's page: report work, move to the next stage, finish the launch,
 * or abandon it. Photos are stored before the transaction and removed again if it fails.
 */
export async function actOnBrandProject(
  actor: Actor & { displayName?: string },
  projectId: string,
  action: BrandAction,
  photos: File[] = [],
  meta: RequestMeta = {},
) {
  const photoIds: string[] = [];
  try {
    if (action.intent !== "abandon") {
      for (const file of photos.slice(0, MAX_STAGE_PHOTOS))
        photoIds.push((await storeImage({ ownerId: actor.id, file })).id);
    }
    const rows = await db.$transaction(async (tx) => {
      // The row lock makes two people advancing at once take turns; the second sees the new stage.
      await tx.$queryRaw`SELECT id FROM "BrandProject" WHERE id = ${projectId} FOR UPDATE`;
      const project = await tx.brandProject.findUnique({ where: { id: projectId }, select: workSelect });
      if (!project) throw new DomainError("creative.not_found");
      if (!mayWork(actor, project)) throw new DomainError("creative.forbidden");
      if (!brandOpenFor(project, action.intent)) throw new DomainError("creative.brand_closed");
      const by = actor.displayName ?? "";
      switch (action.intent) {
        case "update":
          await addEvent(tx, project.id, project.stage, action.note, photoIds, actor.id);
          return createNotifications(
            tx,
            notifyOthers(actor.id, project, { type: "brand.updated", params: { brand: project.name, by } }),
          );
        case "advance": {
          // The form names the stage it moves to, so a repeated or stale submission cannot skip one.
          const next = action.to;
          assertTransition(BRAND_TRANSITIONS, project.stage, next, "creative.brand_stage_order");
          if (next === "LAUNCH" && !action.trademarkApplicationNo)
            throw new DomainError("creative.trademark_required");
          // Upgrading starts from a brand on the market: the launch must be finished first.
          if (next === "UPGRADING" && !project.launchedAt)
            throw new DomainError("creative.brand_not_launched");
          await tx.brandProject.update({
            where: { id: project.id },
            data: {
              stage: next,
              ...(next === "LAUNCH" ? { trademarkApplicationNo: action.trademarkApplicationNo } : {}),
            },
            select: { id: true },
          });
          await addEvent(tx, project.id, next, action.note, photoIds, actor.id);
          await recordAudit(tx, {
            actorId: actor.id,
            action: "brand.advanced",
            subjectType: "BrandProject",
            subjectId: project.id,
            before: { stage: project.stage },
            after: { stage: next, trademarkApplicationNo: action.trademarkApplicationNo ?? null },
            ip: meta.ip,
          });
          return createNotifications(
            tx,
            notifyOthers(actor.id, project, { type: "brand.advanced", params: { brand: project.name, by } }),
          );
        }
        case "launch": {
          if (project.stage !== "LAUNCH")
            throw new DomainError("creative.brand_stage_order", { from: project.stage, to: "LAUNCH" });
          const launchedAt = new Date();
          await tx.brandProject.update({
            where: { id: project.id },
            data: { launchedAt },
            select: { id: true },
          });
          await addEvent(tx, project.id, project.stage, action.note, photoIds, actor.id);
          await recordAudit(tx, {
            actorId: actor.id,
            action: "brand.launched",
            subjectType: "BrandProject",
            subjectId: project.id,
            after: { launchedAt: launchedAt.toISOString() },
            ip: meta.ip,
          });
          return createNotifications(
            tx,
            notifyOthers(actor.id, project, { type: "brand.launched", params: { brand: project.name } }),
          );
        }
        case "abandon":
          await tx.brandProject.update({
            where: { id: project.id },
            data: { abandonedAt: new Date() },
            select: { id: true },
          });
          await recordAudit(tx, {
            actorId: actor.id,
            action: "brand.abandoned",
            subjectType: "BrandProject",
            subjectId: project.id,
            before: { stage: project.stage },
            after: { reason: action.reason },
            ip: meta.ip,
          });
          return createNotifications(
            tx,
            notifyOthers(actor.id, project, {
              type: "brand.abandoned",
              params: { brand: project.name, reason: action.reason },
            }),
          );
      }
    });
    await deliverNotifications(rows);
  } catch (error) {
    await Promise.allSettled(photoIds.map((photoId) => deleteUpload(photoId)));
    throw error;
  }
}

function addEvent(
  tx: Tx,
  projectId: string,
  stage: BrandStage,
  note: string,
  photoIds: string[],
  actorId: string,
) {
  return tx.brandStageEvent.create({
    data: { projectId, stage, note, photoIds, actorId },
    select: { id: true },
  });
}

// Starting a brand project and reading projects live in their own files; routes import them from here.
export {
  INCUBATOR_TYPES,
  mayStartBrand,
  getBrandStartOptions,
  startBrandProject,
} from "./brand-start.server";
export {
  listBrandProjects,
  listBrandsForApi,
  getBrandProject,
  type BrandProjectView,
  brandProjectOfNeed,
} from "./brands.queries.server";
