import { db, type Tx } from "~/db.server";
import { Prisma } from "~/generated/prisma/client";
import type { TownProjectKind } from "~/generated/prisma/enums";
import { recordAudit } from "~/modules/audit/audit.server";
import { canInCounty, type CountyActor } from "~/modules/oversight/county-access";
import { can } from "~/modules/users/permissions";
import { DomainError } from "~/utils/errors";
import type { RequestMeta } from "~/utils/request.server";
import type { TownFields, TownFilters } from "./towns.schema";

const townSelect = {
  id: true,
  name: true,
  countyCode: true,
  ecologyPlan: true,
  functionPlan: true,
  industryPlan: true,
  environmentPlan: true,
  status: true,
  createdAt: true,
  updatedAt: true,
} as const;

type TownRow = Prisma.CharacteristicTownGetPayload<{ select: typeof townSelect }>;
const json = (town: TownRow): Prisma.InputJsonObject => ({
  ...town,
  createdAt: town.createdAt.toISOString(),
  updatedAt: town.updatedAt.toISOString(),
});

function duplicate(error: unknown): never {
  if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002")
    throw new DomainError("town.duplicate");
  throw error;
}

/** The bureau creates a town; a second submit of the same name in the county is refused, not doubled. */
export async function createTown(actor: CountyActor, fields: TownFields, meta: RequestMeta = {}) {
  if (!can(actor, "town.create")) throw new DomainError("town.forbidden");
  return db
    .$transaction(async (tx) => {
      const town = await tx.characteristicTown.create({
        data: { ...fields, createdById: actor.id, updatedById: actor.id },
        select: townSelect,
      });
      await recordAudit(tx, {
        actorId: actor.id,
        action: "town.created",
        subjectType: "CharacteristicTown",
        subjectId: town.id,
        after: json(town),
        ip: meta.ip,
      });
      return town;
    })
    .catch(duplicate);
}

async function lockTown(tx: Tx, actor: CountyActor, townId: string) {
  await tx.$queryRaw`SELECT id FROM "CharacteristicTown" WHERE id = ${townId} FOR UPDATE`;
  const town = await tx.characteristicTown.findUnique({ where: { id: townId }, select: townSelect });
  if (!town) throw new DomainError("town.not_found");
  // A county officer edits the towns of their own county; another county's is refused.
  if (!canInCounty(actor, "town.edit", town.countyCode)) throw new DomainError("town.forbidden");
  return town;
}

/** The bureau or the town's county officer edits its plan and status; moving it needs the new county too. */
export async function updateTown(
  actor: CountyActor,
  townId: string,
  fields: TownFields,
  meta: RequestMeta = {},
) {
  return db
    .$transaction(async (tx) => {
      const before = await lockTown(tx, actor, townId);
      if (!canInCounty(actor, "town.edit", fields.countyCode)) throw new DomainError("town.forbidden");
      const after = await tx.characteristicTown.update({
        where: { id: townId },
        data: { ...fields, updatedById: actor.id },
        select: townSelect,
      });
      await recordAudit(tx, {
        actorId: actor.id,
        action: "town.updated",
        subjectType: "CharacteristicTown",
        subjectId: townId,
        before: json(before),
        after: json(after),
        ip: meta.ip,
      });
      return after;
    })
    .catch(duplicate);
}

const TARGET_COLUMN = {
  DEMO_SITE: "demoSiteId",
  BRAND_PROJECT: "brandProjectId",
  PROGRAMME_APPLICATION: "programmeApplicationId",
} as const satisfies Record<TownProjectKind, string>;

async function targetCounty(tx: Tx, kind: TownProjectKind, targetId: string): Promise<string | null> {
  const where = { where: { id: targetId }, select: { countyCode: true } };
  const row =
    kind === "DEMO_SITE"
      ? await tx.demoSite.findUnique(where)
      : kind === "BRAND_PROJECT"
        ? await tx.brandProject.findUnique(where)
        : await tx.programmeApplication.findUnique(where);
  return row?.countyCode ?? null;
}

/** Links a demonstration site, brand project or programme project of the town's county; linking twice keeps one. */
export async function linkTownProject(
  actor: CountyActor,
  townId: string,
  kind: TownProjectKind,
  targetId: string,
  meta: RequestMeta = {},
) {
  return db.$transaction(async (tx) => {
    const town = await lockTown(tx, actor, townId);
    const county = await targetCounty(tx, kind, targetId);
    if (county === null) throw new DomainError("town.project_unknown");
    if (county !== town.countyCode) throw new DomainError("town.project_other_county");
    const column = TARGET_COLUMN[kind];
    const existing = await tx.townProject.findFirst({
      where: { townId, [column]: targetId },
      select: { id: true },
    });
    if (existing) return existing;
    const link = await tx.townProject.create({
      data: { townId, kind, [column]: targetId, linkedById: actor.id },
      select: { id: true },
    });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "town.project_linked",
      subjectType: "CharacteristicTown",
      subjectId: townId,
      after: { linkId: link.id, kind, targetId },
      ip: meta.ip,
    });
    return link;
  });
}

export async function unlinkTownProject(
  actor: CountyActor,
  townId: string,
  linkId: string,
  meta: RequestMeta = {},
) {
  return db.$transaction(async (tx) => {
    await lockTown(tx, actor, townId);
    const link = await tx.townProject.findUnique({
      where: { id: linkId },
      select: {
        id: true,
        townId: true,
        kind: true,
        demoSiteId: true,
        brandProjectId: true,
        programmeApplicationId: true,
      },
    });
    // Already removed (a second tap) is done.
    if (!link || link.townId !== townId) return;
    await tx.townProject.delete({ where: { id: linkId } });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "town.project_unlinked",
      subjectType: "CharacteristicTown",
      subjectId: townId,
      before: link,
      ip: meta.ip,
    });
  });
}

/** Public list of towns, newest first, with how many projects each has. */
export async function listTowns(filters: TownFilters) {
  const towns = await db.characteristicTown.findMany({
    where: { countyCode: filters.county, status: filters.status },
    orderBy: { createdAt: "desc" },
    take: 200,
    select: { ...townSelect, _count: { select: { projects: true } } },
  });
  return towns.map(({ _count, ...town }) => ({ ...town, projectCount: _count.projects }));
}

/** One town with its projects named, and whether the viewer may edit it. */
export async function getTown(viewer: CountyActor | null, townId: string) {
  const town = await db.characteristicTown.findUnique({
    where: { id: townId },
    select: {
      ...townSelect,
      projects: {
        orderBy: { createdAt: "asc" },
        select: {
          id: true,
          kind: true,
          demoSiteId: true,
          brandProjectId: true,
          programmeApplicationId: true,
        },
      },
    },
  });
  if (!town) throw new DomainError("town.not_found");
  const ids = (column: "demoSiteId" | "brandProjectId" | "programmeApplicationId") =>
    town.projects.map((project) => project[column]).filter((value): value is string => value !== null);
  const [sites, brands, applications] = await Promise.all([
    db.demoSite.findMany({ where: { id: { in: ids("demoSiteId") } }, select: { id: true, name: true } }),
    db.brandProject.findMany({
      where: { id: { in: ids("brandProjectId") } },
      select: { id: true, name: true },
    }),
    db.programmeApplication.findMany({
      where: { id: { in: ids("programmeApplicationId") } },
      select: { id: true, title: true },
    }),
  ]);
  const names = new Map<string, string>([
    ...sites.map((site) => [site.id, site.name] as const),
    ...brands.map((brand) => [brand.id, brand.name] as const),
    ...applications.map((application) => [application.id, application.title] as const),
  ]);
  const { projects, ...rest } = town;
  const canEdit = canInCounty(viewer, "town.edit", town.countyCode);
  return {
    town: rest,
    projects: projects.map((project) => {
      const targetId = (project.demoSiteId ?? project.brandProjectId ?? project.programmeApplicationId)!;
      const href =
        project.kind === "DEMO_SITE"
          ? `/demos/${targetId}`
          : project.kind === "BRAND_PROJECT"
            ? `/brands/${targetId}`
            : null;
      return { id: project.id, kind: project.kind, targetId, name: names.get(targetId) ?? "", href };
    }),
    canEdit,
    // What may be linked: the county's sites, brands and programme projects not yet linked.
    options: canEdit ? await linkOptions(town.countyCode, projects) : null,
  };
}

async function linkOptions(
  countyCode: string,
  linked: {
    demoSiteId: string | null;
    brandProjectId: string | null;
    programmeApplicationId: string | null;
  }[],
) {
  const taken = new Set(
    linked.flatMap((link) => [link.demoSiteId, link.brandProjectId, link.programmeApplicationId]),
  );
  const [sites, brands, applications] = await Promise.all([
    db.demoSite.findMany({
      where: { countyCode },
      orderBy: { name: "asc" },
      take: 100,
      select: { id: true, name: true },
    }),
    db.brandProject.findMany({
      where: { countyCode },
      orderBy: { name: "asc" },
      take: 100,
      select: { id: true, name: true },
    }),
    db.programmeApplication.findMany({
      where: { countyCode, status: { in: ["APPROVED", "DISBURSED", "EVALUATED"] } },
      orderBy: { createdAt: "desc" },
      take: 100,
      select: { id: true, title: true },
    }),
  ]);
  const open = <T extends { id: string }>(rows: T[]) => rows.filter((row) => !taken.has(row.id));
  return {
    DEMO_SITE: open(sites).map((site) => ({ id: site.id, name: site.name })),
    BRAND_PROJECT: open(brands).map((brand) => ({ id: brand.id, name: brand.name })),
    PROGRAMME_APPLICATION: open(applications).map((application) => ({
      id: application.id,
      name: application.title,
    })),
  };
}

/** Towns for the open API: the plan, status and linked project ids. */
export async function listTownsForApi(
  filters: { county?: string; status?: TownFields["status"] },
  page: { skip: number; take: number },
) {
  const rows = await db.characteristicTown.findMany({
    where: { countyCode: filters.county, status: filters.status },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    skip: page.skip,
    take: page.take + 1,
    select: {
      ...townSelect,
      projects: {
        select: { kind: true, demoSiteId: true, brandProjectId: true, programmeApplicationId: true },
      },
    },
  });
  const items = rows.slice(0, page.take).map(({ projects, createdAt, updatedAt, ...town }) => ({
    ...town,
    createdAt: createdAt.toISOString(),
    updatedAt: updatedAt.toISOString(),
    projects: projects.map((project) => ({
      kind: project.kind,
      id: (project.demoSiteId ?? project.brandProjectId ?? project.programmeApplicationId)!,
    })),
  }));
  return { items, hasMore: rows.length > page.take };
}
