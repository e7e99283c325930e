import { db, type Tx } from "~/db.server";
import type { Prisma } from "~/generated/prisma/client";
import type { SpaceLevel } from "~/generated/prisma/enums";
import { recordAudit } from "~/modules/audit/audit.server";
import { can, type Actor } from "~/modules/users/permissions";
import { DomainError } from "~/utils/errors";
import { computeSpaceKpis, listKpiReports } from "./kpis.server";
import { insideLuoyang, type SpaceFilters, type SpaceProfileFields } from "./space-directory.schema";
import { listServicesOfSpace, managesSpace, type RequestMeta } from "./spaces.server";

const profileSelect = {
  organisationId: true,
  level: true,
  recognisedAt: true,
  recognisedById: true,
  host: true,
  areaSqm: true,
  latitude: true,
  longitude: true,
  openingHours: true,
} as const;

export type SpaceProfileRow = Prisma.SpaceProfileGetPayload<{ select: typeof profileSelect }>;

const orgSelect = {
  id: true,
  name: true,
  nameEn: true,
  countyCode: true,
  village: true,
  description: true,
  verifiedAt: true,
  hiddenAt: true,
} as const;

const visibleService = { status: "PUBLISHED", hiddenAt: null } as const;

/**
 * Every Star Innovation Space on show, with its profile and what it has done, filtered; and how
 * many spaces each county has (all spaces matching the other filters, for the county map).
 */
export async function listSpaces(filters: Partial<SpaceFilters> = {}) {
  const where: Prisma.OrganisationWhereInput = { type: "STAR_SPACE", hiddenAt: null };
  if (filters.category) where.spaceServices = { some: { ...visibleService, category: filters.category } };
  if (filters.recognised) {
    const recognised = await db.spaceProfile.findMany({
      where: { recognisedAt: { not: null } },
      select: { organisationId: true },
    });
    where.id = { in: recognised.map((profile) => profile.organisationId) };
  }
  const all = await db.organisation.findMany({
    where,
    select: orgSelect,
    orderBy: [{ name: "asc" }, { id: "asc" }],
  });
  const byCounty: Record<string, number> = {};
  for (const space of all)
    if (space.countyCode) byCounty[space.countyCode] = (byCounty[space.countyCode] ?? 0) + 1;
  const spaces = filters.county ? all.filter((space) => space.countyCode === filters.county) : all;

  const ids = spaces.map((space) => space.id);
  const [profiles, services, completed] = await Promise.all([
    db.spaceProfile.findMany({ where: { organisationId: { in: ids } }, select: profileSelect }),
    db.spaceService.groupBy({
      by: ["organisationId"],
      where: { organisationId: { in: ids }, ...visibleService },
      _count: { _all: true },
    }),
    db.serviceRequest.groupBy({
      by: ["organisationId"],
      where: { organisationId: { in: ids }, status: "COMPLETED" },
      _count: { _all: true },
      _avg: { rating: true },
    }),
  ]);
  const profileOf = new Map(profiles.map((profile) => [profile.organisationId, profile]));
  const servicesOf = new Map(services.map((group) => [group.organisationId, group._count._all]));
  const completedOf = new Map(completed.map((group) => [group.organisationId, group]));
  return {
    spaces: spaces.map(({ hiddenAt: _hidden, ...space }) => ({
      ...space,
      profile: profileOf.get(space.id) ?? null,
      servicesPublished: servicesOf.get(space.id) ?? 0,
      requestsCompleted: completedOf.get(space.id)?._count._all ?? 0,
      averageRating: roundRating(completedOf.get(space.id)?._avg.rating ?? null),
    })),
    byCounty,
  };
}

const roundRating = (value: number | null) => (value === null ? null : Math.round(value * 10) / 10);

async function loadSpace(organisationId: string) {
  const space = await db.organisation.findUnique({
    where: { id: organisationId },
    select: { ...orgSelect, type: true },
  });
  if (!space || space.type !== "STAR_SPACE") throw new DomainError("space.not_found");
  return space;
}

/**
 * A space's page: profile, services, computed and reported figures, and what the viewer may do
 * there. A hidden space is shown only to its own accounts and the bureau.
 */
export async function getSpacePage(viewer: Actor | null, organisationId: string) {
  const { type: _type, ...space } = await loadSpace(organisationId);
  const isMember = managesSpace(viewer, organisationId);
  if (space.hiddenAt && !isMember && !can(viewer, "content.moderate"))
    throw new DomainError("space.not_found");
  const [profile, services, computed, reports, contact] = await Promise.all([
    db.spaceProfile.findUnique({ where: { organisationId }, select: profileSelect }),
    listServicesOfSpace(organisationId, isMember),
    computeSpaceKpis(organisationId),
    listKpiReports(organisationId),
    // "Message the space" opens a conversation with its longest-standing account.
    db.membership.findFirst({
      where: { organisationId, role: "SPACE" },
      select: { userId: true },
      orderBy: { createdAt: "asc" },
    }),
  ]);
  return {
    space,
    profile,
    services,
    computed,
    reports,
    isMember,
    canRecognise: can(viewer, "space.recognise"),
    canRequest: can(viewer, "service.request") && !isMember,
    contactUserId: viewer && !isMember && can(viewer, "chat.use") ? (contact?.userId ?? null) : null,
  };
}

function profileJson(row: SpaceProfileRow | null): Prisma.InputJsonObject | undefined {
  return row ? { ...row, recognisedAt: row.recognisedAt?.toISOString() ?? null } : undefined;
}

/** The audit entry of a change to a space's profile, in the transaction of the change. */
function auditProfileChange(
  tx: Tx,
  actorId: string,
  action: string,
  before: SpaceProfileRow | null,
  after: SpaceProfileRow,
  meta: RequestMeta,
) {
  return recordAudit(tx, {
    actorId,
    action,
    subjectType: "SpaceProfile",
    subjectId: after.organisationId,
    before: profileJson(before),
    after: profileJson(after),
    ip: meta.ip,
  });
}

/** Writes some of a space's profile, creating the profile on first use, with its audit entry. */
async function writeProfile(
  actorId: string,
  organisationId: string,
  action: string,
  data: Omit<Prisma.SpaceProfileUncheckedCreateInput, "organisationId">,
  meta: RequestMeta,
) {
  await db.$transaction(async (tx) => {
    const before = await tx.spaceProfile.findUnique({ where: { organisationId }, select: profileSelect });
    const after = await tx.spaceProfile.upsert({
      where: { organisationId },
      create: { organisationId, ...data },
      update: data,
      select: profileSelect,
    });
    await auditProfileChange(tx, actorId, action, before, after, meta);
  });
}

/** The profile as the edit form shows it (members only). */
export async function getSpaceProfileForEdit(actor: Actor, organisationId: string) {
  const space = await loadSpace(organisationId);
  if (!managesSpace(actor, organisationId)) throw new DomainError("space.forbidden");
  const profile = await db.spaceProfile.findUnique({ where: { organisationId }, select: profileSelect });
  return { space: { id: space.id, name: space.name }, profile };
}

/** A space's own accounts describe it: host, area, hours and where it is (inside Luoyang). */
export async function updateSpaceProfile(
  actor: Actor,
  organisationId: string,
  fields: SpaceProfileFields,
  meta: RequestMeta = {},
) {
  await loadSpace(organisationId);
  if (!managesSpace(actor, organisationId) || !can(actor, "space.manageServices", { organisationId }))
    throw new DomainError("space.forbidden");
  const { latitude, longitude } = fields;
  if ((latitude === undefined) !== (longitude === undefined))
    throw new DomainError("space.location_out_of_range");
  if (latitude !== undefined && longitude !== undefined && !insideLuoyang(latitude, longitude))
    throw new DomainError("space.location_out_of_range");
  const data = {
    host: fields.host,
    openingHours: fields.openingHours,
    areaSqm: fields.areaSqm ?? null,
    latitude: latitude ?? null,
    longitude: longitude ?? null,
  };
  await writeProfile(actor.id, organisationId, "space.profile_updated", data, meta);
}

/** The bureau recognises (认定) a space at a level, or changes its level; the dashboard counts recognised spaces. */
export async function recogniseSpace(
  actor: Actor,
  organisationId: string,
  level: SpaceLevel,
  meta: RequestMeta = {},
) {
  if (!can(actor, "space.recognise")) throw new DomainError("space.forbidden");
  await loadSpace(organisationId);
  const data = { level, recognisedAt: new Date(), recognisedById: actor.id };
  await writeProfile(actor.id, organisationId, "space.recognised", data, meta);
}

/** The bureau withdraws a recognition; the profile stays. */
export async function withdrawRecognition(actor: Actor, organisationId: string, meta: RequestMeta = {}) {
  if (!can(actor, "space.recognise")) throw new DomainError("space.forbidden");
  await loadSpace(organisationId);
  await db.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT "organisationId" FROM "SpaceProfile" WHERE "organisationId" = ${organisationId} FOR UPDATE`;
    const before = await tx.spaceProfile.findUnique({ where: { organisationId }, select: profileSelect });
    if (!before?.recognisedAt) throw new DomainError("space.not_recognised");
    const after = await tx.spaceProfile.update({
      where: { organisationId },
      data: { level: null, recognisedAt: null, recognisedById: null },
      select: profileSelect,
    });
    await auditProfileChange(tx, actor.id, "space.recognition_withdrawn", before, after, meta);
  });
}

/** The county a request form starts on: the person's own, else their village's. */
export async function defaultCountyOf(actor: Actor): Promise<string | null> {
  const user = await db.user.findUnique({ where: { id: actor.id }, select: { countyCode: true } });
  if (user?.countyCode) return user.countyCode;
  const village = actor.memberships.find((membership) => membership.role === "VILLAGE");
  if (!village) return null;
  const organisation = await db.organisation.findUnique({
    where: { id: village.organisationId },
    select: { countyCode: true },
  });
  return organisation?.countyCode ?? null;
}
