import { db, type Tx } from "~/db.server";
import type { BrandStage, OrganisationType } from "~/generated/prisma/enums";
import { recordAudit } from "~/modules/audit/audit.server";
import { canManageNeed } from "~/modules/needs/needs.server";
import {
  createNotifications,
  deliverNotifications,
  type NewNotification,
} from "~/modules/notifications/notifications.server";
import { deleteUpload, storeImage } from "~/modules/uploads/uploads.server";
import { can, type Actor } from "~/modules/users/permissions";
import { DomainError } from "~/utils/errors";
import { assertTransition } from "~/utils/state-machine";
import {
  BRAND_TRANSITIONS,
  MAX_STAGE_PHOTOS,
  type BrandAction,
  type BrandFilters,
  type BrandStartFields,
} from "./creative.schema";

export interface RequestMeta {
  ip?: string | null;
}

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

/** The lead, the owner and the bureau; the other side of whoever acted is told. */
function notifyOthers(
  actorId: string,
  project: { id: string; leadUserId: string; ownerUserId: string },
  item: Omit<NewNotification, "userId" | "href">,
): NewNotification[] {
  return [...new Set([project.leadUserId, project.ownerUserId])]
    .filter((userId) => userId !== actorId)
    .map((userId) => ({ ...item, userId, href: `/brands/${project.id}` }));
}

function mayWork(
  actor: Actor | null,
  project: { leadUserId: string; ownerUserId: string; ownerOrganisationId: string | null },
): boolean {
  if (!actor) return false;
  if (actor.id === project.leadUserId || actor.id === project.ownerUserId || can(actor, "brand.manage"))
    return true;
  return (
    project.ownerOrganisationId !== null &&
    canManageNeed(actor, { organisationId: project.ownerOrganisationId, postedById: project.ownerUserId })
  );
}

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
      if (project.abandonedAt || project.launchedAt) throw new DomainError("creative.brand_closed");
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

const cardSelect = {
  id: true,
  name: true,
  productName: true,
  countyCode: true,
  stage: true,
  launchedAt: true,
  abandonedAt: true,
  createdAt: true,
} as const;

/** Public list of brand projects, newest first. */
export function listBrandProjects(filters: BrandFilters) {
  return db.brandProject.findMany({
    where: { countyCode: filters.county, stage: filters.stage },
    orderBy: { createdAt: "desc" },
    take: 100,
    select: cardSelect,
  });
}

/** One project with its timeline (oldest first) and the names shown beside it. */
export async function getBrandProject(projectId: string, viewer: Actor | null) {
  const project = await db.brandProject.findUnique({
    where: { id: projectId },
    select: {
      ...cardSelect,
      story: true,
      needId: true,
      trademarkApplicationNo: true,
      leadUserId: true,
      ownerUserId: true,
      ownerOrganisationId: true,
      incubatorOrganisationId: true,
      events: {
        orderBy: { createdAt: "asc" },
        select: { id: true, stage: true, note: true, photoIds: true, actorId: true, createdAt: true },
      },
    },
  });
  if (!project) throw new DomainError("creative.not_found");
  const userIds = [project.leadUserId, project.ownerUserId, ...project.events.map((event) => event.actorId)];
  const orgIds = [project.ownerOrganisationId, project.incubatorOrganisationId].filter(
    (value): value is string => value !== null,
  );
  const [users, orgs] = await Promise.all([
    db.user.findMany({
      where: { id: { in: [...new Set(userIds)] } },
      select: { id: true, displayName: true },
    }),
    db.organisation.findMany({ where: { id: { in: orgIds } }, select: { id: true, name: true } }),
  ]);
  const userName = new Map(users.map((user) => [user.id, user.displayName]));
  const orgName = new Map(orgs.map((org) => [org.id, org.name]));
  const { events, ...rest } = project;
  return {
    ...rest,
    leadName: userName.get(project.leadUserId) ?? "",
    ownerName:
      (project.ownerOrganisationId && orgName.get(project.ownerOrganisationId)) ||
      userName.get(project.ownerUserId) ||
      "",
    incubatorName: project.incubatorOrganisationId
      ? (orgName.get(project.incubatorOrganisationId) ?? "")
      : "",
    events: events.map((event) => ({ ...event, actorName: userName.get(event.actorId) ?? "" })),
    canWork: !project.launchedAt && !project.abandonedAt && mayWork(viewer, project),
  };
}
export type BrandProjectView = Awaited<ReturnType<typeof getBrandProject>>;

/** The project grown from a need, for the need's page. */
export async function brandProjectOfNeed(needId: string) {
  return db.brandProject.findUnique({ where: { needId }, select: { id: true } });
}
