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

/**
 * Brand projects for GET /api/v1/brands, oldest first: what /brands and a project's page show
 * anyone — stage and its dates, the agencies engaged and the trades — and no one's account.
 */
export async function listBrandsForApi(
  filters: { county?: BrandFilters["county"]; stage?: BrandFilters["stage"] },
  page: { skip: number; take: number },
) {
  const rows = await db.brandProject.findMany({
    where: { countyCode: filters.county, stage: filters.stage },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    skip: page.skip,
    take: page.take + 1,
    select: {
      ...cardSelect,
      updatedAt: true,
      ownerOrganisationId: true,
      incubatorOrganisationId: true,
      events: { orderBy: { createdAt: "asc" }, select: { stage: true, createdAt: true } },
    },
  });
  const projects = rows.slice(0, page.take);
  const ids = projects.map((project) => project.id);
  const [engagements, trades] = await Promise.all([
    db.brandAgencyEngagement.findMany({
      where: { projectId: { in: ids } },
      orderBy: { createdAt: "asc" },
      select: {
        projectId: true,
        agencyOrganisationId: true,
        serviceType: true,
        status: true,
        deliveredAt: true,
      },
    }),
    db.brandTrade.findMany({
      where: { projectId: { in: ids } },
      orderBy: { tradedOn: "asc" },
      select: { projectId: true, buyerOrganisationId: true, kind: true, priceFen: true, tradedOn: true },
    }),
  ]);
  const orgIds = [
    ...projects.flatMap((p) => [p.ownerOrganisationId, p.incubatorOrganisationId]),
    ...engagements.map((e) => e.agencyOrganisationId),
    ...trades.map((t) => t.buyerOrganisationId),
  ].filter((value): value is string => value !== null);
  const orgs = await db.organisation.findMany({
    where: { id: { in: [...new Set(orgIds)] } },
    select: { id: true, name: true },
  });
  const nameOf = new Map(orgs.map((row) => [row.id, row.name]));
  const party = (id: string) => ({ id, name: nameOf.get(id) ?? "" });
  const org = (id: string | null) => (id ? party(id) : null);
  const items = projects.map((project) => ({
    id: project.id,
    name: project.name,
    productName: project.productName,
    countyCode: project.countyCode,
    stage: project.stage,
    owner: org(project.ownerOrganisationId),
    incubator: org(project.incubatorOrganisationId),
    launchedAt: project.launchedAt?.toISOString() ?? null,
    abandonedAt: project.abandonedAt?.toISOString() ?? null,
    createdAt: project.createdAt.toISOString(),
    updatedAt: project.updatedAt.toISOString(),
    stages: project.events.map((event) => ({ stage: event.stage, at: event.createdAt.toISOString() })),
    agencies: engagements
      .filter((engagement) => engagement.projectId === project.id)
      .map((engagement) => ({
        agency: party(engagement.agencyOrganisationId),
        serviceType: engagement.serviceType,
        status: engagement.status,
        deliveredAt: engagement.deliveredAt?.toISOString() ?? null,
      })),
    trades: trades
      .filter((trade) => trade.projectId === project.id)
      .map((trade) => ({
        buyer: party(trade.buyerOrganisationId),
        kind: trade.kind,
        priceFen: trade.priceFen,
        tradedOn: trade.tradedOn.toISOString().slice(0, 10),
      })),
  }));
  return { items, hasMore: rows.length > page.take };
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
