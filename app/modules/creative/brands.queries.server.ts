import { db } from "~/db.server";
import type { Actor } from "~/modules/users/permissions";
import { DomainError } from "~/utils/errors";
import type { BrandFilters } from "./creative.schema";
import { mayWork } from "./brand-access.server";
import { brandOpenFor } from "./creative.states";

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
    canWork:
      (brandOpenFor(project, "update") || brandOpenFor(project, "advance")) && mayWork(viewer, project),
    canUpdate: brandOpenFor(project, "update"),
    canAbandon: brandOpenFor(project, "abandon"),
  };
}
export type BrandProjectView = Awaited<ReturnType<typeof getBrandProject>>;

/** The project grown from a need, for the need's page. */
export async function brandProjectOfNeed(needId: string) {
  return db.brandProject.findUnique({ where: { needId }, select: { id: true } });
}
