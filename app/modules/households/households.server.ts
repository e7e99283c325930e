import { db, type Tx } from "~/db.server";
import { Prisma } from "~/generated/prisma/client";
import type {
  HouseholdLinkKind,
  HouseholdStatus,
  SupportMeasure,
  VillageStatus,
} from "~/generated/prisma/enums";
import { recordAudit } from "~/modules/audit/audit.server";
import { maskName } from "~/modules/privacy/masking";
import { luoyangYear } from "~/utils/dates";
import { DomainError } from "~/utils/errors";
import type { RequestMeta } from "~/utils/request.server";
import {
  canManageVillages,
  canRecordHouseholds,
  householdWhere,
  reachCounty,
  reachFrom,
  reachesVillage,
  seesVillage,
  villageWhere,
  type HouseholdReach,
  type ReachActor,
} from "./households.access";

export type { HouseholdReach } from "./households.access";

const isUniqueViolation = (error: unknown) =>
  error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";

/** The actor's reach over villages and households (households.access.ts), reading the informant appointment. */
export async function householdReachOf(actor: ReachActor | null | undefined): Promise<HouseholdReach | null> {
  if (!actor) return null;
  const informant = await db.informant.findFirst({
    where: { userId: actor.id, revokedAt: null },
    select: { countyCode: true, villages: true },
  });
  return reachFrom(actor, informant);
}

/** The reach, or 403 for someone who reaches no household page at all. */
export async function requireHouseholdReach(actor: ReachActor): Promise<HouseholdReach> {
  const reach = await householdReachOf(actor);
  if (!reach) throw new DomainError("households.forbidden");
  return reach;
}

// ───────────── villages ─────────────

/** A village's status in the given year: that year's row, else the latest earlier one. */
function statusIn<T extends { year: number; status: VillageStatus }>(statuses: T[], year: number) {
  return statuses.filter((row) => row.year <= year).sort((a, b) => b.year - a.year)[0] ?? null;
}

export async function listVillages(
  reach: HouseholdReach,
  filters: { countyCode?: string; township?: string },
) {
  const county = reachCounty(reach) ?? filters.countyCode;
  const villages = await db.village.findMany({
    where: {
      AND: [
        villageWhere(reach),
        county ? { countyCode: county } : {},
        filters.township ? { township: filters.township } : {},
      ],
    },
    orderBy: [{ countyCode: "asc" }, { township: "asc" }, { name: "asc" }],
    take: 500,
    select: {
      id: true,
      countyCode: true,
      township: true,
      name: true,
      statuses: { select: { year: true, status: true } },
      _count: { select: { households: true } },
    },
  });
  const year = luoyangYear();
  return villages.map(({ statuses, _count, ...village }) => ({
    ...village,
    current: statusIn(statuses, year),
    households: _count.households,
  }));
}

export async function createVillage(
  actor: ReachActor,
  reach: HouseholdReach,
  input: { countyCode?: string; township: string; name: string },
  meta: RequestMeta,
): Promise<string> {
  if (!canManageVillages(reach)) throw new DomainError("households.forbidden");
  const countyCode = reachCounty(reach) ?? input.countyCode;
  if (!countyCode) throw new DomainError("households.village_county");
  try {
    return await db.$transaction(async (tx) => {
      const village = await tx.village.create({
        data: { countyCode, township: input.township, name: input.name, createdById: actor.id },
        select: { id: true },
      });
      await recordAudit(tx, {
        actorId: actor.id,
        action: "village.created",
        subjectType: "Village",
        subjectId: village.id,
        after: { countyCode, township: input.township, name: input.name },
        ip: meta.ip ?? null,
      });
      return village.id;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new DomainError("households.village_exists");
    throw error;
  }
}

async function villageInReach(tx: Tx, reach: HouseholdReach, villageId: string, need: "see" | "reach") {
  const village = await tx.village.findUnique({
    where: { id: villageId },
    select: { id: true, countyCode: true, township: true, name: true },
  });
  if (!village) throw new DomainError("households.not_found");
  const ok = need === "see" ? seesVillage(reach, village) : reachesVillage(reach, village);
  // Outside one's reach the village does not exist (404, as county-access answers).
  if (!ok) throw new DomainError("households.not_found");
  return village;
}

/** The village page: its status by year, its organisations, and its households where the reach covers them. */
export async function getVillage(reach: HouseholdReach, villageId: string) {
  const base = await villageInReach(db, reach, villageId, "see");
  const withHouseholds = reachesVillage(reach, base);
  const village = await db.village.findUniqueOrThrow({
    where: { id: villageId },
    select: {
      id: true,
      countyCode: true,
      township: true,
      name: true,
      createdAt: true,
      statuses: {
        orderBy: { year: "asc" },
        select: { year: true, status: true, note: true, recordedAt: true },
      },
      organisations: { orderBy: { name: "asc" }, select: { id: true, name: true, type: true } },
      _count: { select: { households: true } },
    },
  });
  const households = withHouseholds
    ? await db.household.findMany({
        where: { villageId },
        orderBy: { code: "asc" },
        select: { id: true, code: true, headName: true, size: true, status: true },
      })
    : [];
  const { _count, ...rest } = village;
  return {
    ...rest,
    current: statusIn(village.statuses, luoyangYear()),
    householdCount: _count.households,
    households: households.map(({ headName, ...household }) => ({
      ...household,
      headName: maskName(headName),
    })),
    canManage: canManageVillages(reach) && reachesVillage(reach, base),
    canRecord: canRecordHouseholds(reach) && withHouseholds,
  };
}

/**
 * Adds one year's status: appended after the latest year recorded, never rewriting a year; a
 * village is lifted (LIFTED) only in a year after one where it was poor.
 */
export async function addVillageStatus(
  actor: ReachActor,
  reach: HouseholdReach,
  villageId: string,
  input: { year: number; status: VillageStatus; note?: string },
  meta: RequestMeta,
  now = new Date(),
): Promise<void> {
  if (!canManageVillages(reach)) throw new DomainError("households.forbidden");
  if (input.year > luoyangYear(now)) throw new DomainError("households.year_order");
  try {
    await db.$transaction(async (tx) => {
      await villageInReach(tx, reach, villageId, "reach");
      // Serialise additions to one village: the order checks below read what is committed.
      await tx.$queryRaw`SELECT id FROM "Village" WHERE id = ${villageId} FOR UPDATE`;
      const latest = await tx.villageStatusYear.findFirst({
        where: { villageId },
        orderBy: { year: "desc" },
        select: { year: true, status: true },
      });
      if (latest && latest.year === input.year) throw new DomainError("households.year_recorded");
      if (latest && latest.year > input.year) throw new DomainError("households.year_order");
      if (input.status === "LIFTED" && latest?.status !== "POOR") {
        throw new DomainError("households.lifted_needs_poor");
      }
      await tx.villageStatusYear.create({
        data: {
          villageId,
          year: input.year,
          status: input.status,
          note: input.note ?? "",
          recordedById: actor.id,
        },
        select: { year: true },
      });
      await recordAudit(tx, {
        actorId: actor.id,
        action: "village.status_recorded",
        subjectType: "Village",
        subjectId: villageId,
        before: latest ? { year: latest.year, status: latest.status } : undefined,
        after: { year: input.year, status: input.status, note: input.note ?? "" },
        ip: meta.ip ?? null,
      });
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new DomainError("households.year_recorded");
    throw error;
  }
}

/** Links an existing organisation (a village committee, a cooperative …) to the village, or unlinks it. */
export async function setOrganisationVillage(
  actor: ReachActor,
  reach: HouseholdReach,
  villageId: string,
  input: { organisationId: string; link: boolean },
  meta: RequestMeta,
): Promise<void> {
  if (!canManageVillages(reach)) throw new DomainError("households.forbidden");
  await db.$transaction(async (tx) => {
    const village = await villageInReach(tx, reach, villageId, "reach");
    const organisation = await tx.organisation.findUnique({
      where: { id: input.organisationId },
      select: { id: true, countyCode: true, villageId: true },
    });
    if (!organisation) throw new DomainError("households.organisation_missing");
    if (input.link) {
      if (organisation.countyCode !== village.countyCode)
        throw new DomainError("households.organisation_county");
      if (organisation.villageId === villageId) return;
    } else if (organisation.villageId !== villageId) {
      return;
    }
    await tx.organisation.update({
      where: { id: organisation.id },
      data: { villageId: input.link ? villageId : null },
      select: { id: true },
    });
    await recordAudit(tx, {
      actorId: actor.id,
      action: input.link ? "village.organisation_linked" : "village.organisation_unlinked",
      subjectType: "Organisation",
      subjectId: organisation.id,
      before: { villageId: organisation.villageId },
      after: { villageId: input.link ? villageId : null },
      ip: meta.ip ?? null,
    });
  });
}

/** Organisations of the village's county not yet in a village: the link form's choices. */
export async function linkableOrganisations(villageId: string) {
  const village = await db.village.findUnique({ where: { id: villageId }, select: { countyCode: true } });
  if (!village) return [];
  return db.organisation.findMany({
    where: {
      countyCode: village.countyCode,
      villageId: null,
      type: { in: ["VILLAGE_COMMITTEE", "COOPERATIVE", "FAMILY_FARM", "LARGE_GROWER", "ENTERPRISE"] },
    },
    orderBy: { name: "asc" },
    take: 200,
    select: { id: true, name: true },
  });
}

// ───────────── households ─────────────

/** The status changes a household may make: lifted out, relapsed, lifted again. */
export const TRANSITIONS: Record<HouseholdStatus, readonly HouseholdStatus[]> = {
  POOR: ["LIFTED"],
  LIFTED: ["RELAPSED"],
  RELAPSED: ["LIFTED"],
};

export async function recordHousehold(
  actor: ReachActor,
  reach: HouseholdReach,
  villageId: string,
  input: {
    code: string;
    headName: string;
    idLast4?: string;
    size: number;
    status: HouseholdStatus;
    year: number;
    measures: SupportMeasure[];
  },
  meta: RequestMeta,
  now = new Date(),
): Promise<string> {
  if (!canRecordHouseholds(reach)) throw new DomainError("households.forbidden");
  if (input.year > luoyangYear(now)) throw new DomainError("households.change_year");
  // One number whatever the case it was typed in: the county's numbers are compared upper-case.
  const code = input.code.trim().toUpperCase();
  try {
    return await db.$transaction(async (tx) => {
      const village = await villageInReach(tx, reach, villageId, "reach");
      const household = await tx.household.create({
        data: {
          code,
          villageId,
          countyCode: village.countyCode,
          headName: input.headName,
          idLast4: input.idLast4 ?? null,
          size: input.size,
          status: input.status,
          measures: [...new Set(input.measures)],
          recordedById: actor.id,
          statusChanges: {
            create: { from: null, to: input.status, year: input.year, reason: "", recordedById: actor.id },
          },
        },
        select: { id: true },
      });
      // The audit row keeps what was recorded, never the head's name or ID digits.
      await recordAudit(tx, {
        actorId: actor.id,
        action: "household.recorded",
        subjectType: "Household",
        subjectId: household.id,
        after: {
          code,
          villageId,
          size: input.size,
          status: input.status,
          year: input.year,
          measures: input.measures,
        },
        ip: meta.ip ?? null,
      });
      return household.id;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new DomainError("households.duplicate_code");
    throw error;
  }
}

async function householdInReach(tx: Tx, reach: HouseholdReach, householdId: string) {
  const household = await tx.household.findFirst({
    where: { AND: [{ id: householdId }, householdWhere(reach)] },
    select: { id: true, countyCode: true, status: true, size: true, measures: true, villageId: true },
  });
  if (!household) throw new DomainError("households.not_found");
  return household;
}

/**
 * The household page. The head's name is masked unless an entitled viewer asks (`reveal`): then
 * it is shown in full with the ID's last four, and a "household.viewed" audit row says who saw it.
 */
export async function getHousehold(
  viewer: ReachActor,
  reach: HouseholdReach,
  householdId: string,
  options: { reveal?: boolean; ip?: string | null } = {},
) {
  if (!canRecordHouseholds(reach)) throw new DomainError("households.forbidden");
  const found = await db.household.findFirst({
    where: { AND: [{ id: householdId }, householdWhere(reach)] },
    select: {
      id: true,
      code: true,
      countyCode: true,
      headName: true,
      idLast4: true,
      size: true,
      status: true,
      measures: true,
      createdAt: true,
      village: { select: { id: true, name: true, township: true, countyCode: true } },
      statusChanges: {
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
        select: { id: true, from: true, to: true, year: true, reason: true, createdAt: true },
      },
      links: {
        orderBy: { createdAt: "asc" },
        select: {
          id: true,
          kind: true,
          programmeApplicationId: true,
          agreementId: true,
          trainingId: true,
          organisationId: true,
          note: true,
          createdAt: true,
          endedAt: true,
        },
      },
    },
  });
  if (!found) throw new DomainError("households.not_found");
  const revealed = Boolean(options.reveal);
  if (revealed) {
    await recordAudit(db, {
      actorId: viewer.id,
      action: "household.viewed",
      subjectType: "Household",
      subjectId: found.id,
      after: { place: "household.page", fields: found.idLast4 ? ["headName", "idLast4"] : ["headName"] },
      ip: options.ip ?? null,
    });
  }
  const labels = await linkLabels(found.links);
  const { headName, idLast4, links, ...household } = found;
  return {
    ...household,
    headName: revealed ? headName : maskName(headName),
    idLast4: revealed ? idLast4 : null,
    hasIdLast4: idLast4 !== null,
    revealed,
    links: links.map((link) => ({
      id: link.id,
      kind: link.kind,
      targetId: targetOf(link),
      label: labels.get(targetOf(link)) ?? targetOf(link),
      note: link.note,
      createdAt: link.createdAt,
      endedAt: link.endedAt,
    })),
    nextStatuses: TRANSITIONS[household.status],
  };
}

function targetOf(link: {
  programmeApplicationId: string | null;
  agreementId: string | null;
  trainingId: string | null;
  organisationId: string | null;
}): string {
  return link.programmeApplicationId ?? link.agreementId ?? link.trainingId ?? link.organisationId ?? "";
}

async function linkLabels(
  links: {
    programmeApplicationId: string | null;
    agreementId: string | null;
    trainingId: string | null;
    organisationId: string | null;
  }[],
): Promise<Map<string, string>> {
  const ids = (pick: (link: (typeof links)[number]) => string | null) =>
    links.map(pick).filter((id): id is string => id !== null);
  const [projects, agreements, trainings, organisations] = await Promise.all([
    db.programmeApplication.findMany({
      where: { id: { in: ids((l) => l.programmeApplicationId) } },
      select: { id: true, title: true },
    }),
    db.agreement.findMany({
      where: { id: { in: ids((l) => l.agreementId) } },
      select: { id: true, title: true, number: true },
    }),
    db.training.findMany({
      where: { id: { in: ids((l) => l.trainingId) } },
      select: { id: true, title: true },
    }),
    db.organisation.findMany({
      where: { id: { in: ids((l) => l.organisationId) } },
      select: { id: true, name: true },
    }),
  ]);
  return new Map([
    ...projects.map((p) => [p.id, p.title] as const),
    ...agreements.map((a) => [a.id, `${a.number} ${a.title}`] as const),
    ...trainings.map((t) => [t.id, t.title] as const),
    ...organisations.map((o) => [o.id, o.name] as const),
  ]);
}

export async function updateHousehold(
  actor: ReachActor,
  reach: HouseholdReach,
  householdId: string,
  input: { size: number; measures: SupportMeasure[] },
  meta: RequestMeta,
): Promise<void> {
  if (!canRecordHouseholds(reach)) throw new DomainError("households.forbidden");
  await db.$transaction(async (tx) => {
    const household = await householdInReach(tx, reach, householdId);
    const measures = [...new Set(input.measures)];
    await tx.household.update({
      where: { id: household.id },
      data: { size: input.size, measures },
      select: { id: true },
    });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "household.updated",
      subjectType: "Household",
      subjectId: household.id,
      before: { size: household.size, measures: household.measures },
      after: { size: input.size, measures },
      ip: meta.ip ?? null,
    });
  });
}

/**
 * A status change with its year and reason: POOR→LIFTED, LIFTED→RELAPSED, RELAPSED→LIFTED, kept as
 * history. The update names the status it read, so a retried or concurrent change cannot apply twice.
 */
export async function changeHouseholdStatus(
  actor: ReachActor,
  reach: HouseholdReach,
  householdId: string,
  input: { to: HouseholdStatus; year: number; reason: string },
  meta: RequestMeta,
  now = new Date(),
): Promise<void> {
  if (!canRecordHouseholds(reach)) throw new DomainError("households.forbidden");
  await db.$transaction(async (tx) => {
    const household = await householdInReach(tx, reach, householdId);
    if (!TRANSITIONS[household.status].includes(input.to)) throw new DomainError("households.transition");
    const last = await tx.householdStatusChange.findFirst({
      where: { householdId },
      orderBy: { year: "desc" },
      select: { year: true },
    });
    if (input.year > luoyangYear(now) || (last && input.year < last.year)) {
      throw new DomainError("households.change_year");
    }
    const { count } = await tx.household.updateMany({
      where: { id: household.id, status: household.status },
      data: { status: input.to },
    });
    if (count === 0) throw new DomainError("households.transition");
    await tx.householdStatusChange.create({
      data: {
        householdId,
        from: household.status,
        to: input.to,
        year: input.year,
        reason: input.reason,
        recordedById: actor.id,
      },
      select: { id: true },
    });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "household.status_changed",
      subjectType: "Household",
      subjectId: household.id,
      before: { status: household.status },
      after: { status: input.to, year: input.year, reason: input.reason },
      ip: meta.ip ?? null,
    });
  });
}

const LINK_COLUMN = {
  PROJECT: "programmeApplicationId",
  AGREEMENT: "agreementId",
  TRAINING: "trainingId",
  ENTERPRISE: "organisationId",
} as const satisfies Record<HouseholdLinkKind, string>;

/** Organisations that can absorb a household (带贫主体): enterprises and the farm-side businesses. */
const ENTERPRISE_TYPES = ["ENTERPRISE", "COOPERATIVE", "FAMILY_FARM", "LARGE_GROWER"] as const;

/** The county of the link's target, or throws when it does not exist or is not of the kind. */
async function targetCounty(tx: Tx, kind: HouseholdLinkKind, targetId: string): Promise<string | null> {
  switch (kind) {
    case "PROJECT": {
      const row = await tx.programmeApplication.findUnique({
        where: { id: targetId },
        select: { countyCode: true },
      });
      if (!row) throw new DomainError("households.target_missing");
      return row.countyCode;
    }
    case "TRAINING": {
      const row = await tx.training.findUnique({ where: { id: targetId }, select: { countyCode: true } });
      if (!row) throw new DomainError("households.target_missing");
      return row.countyCode;
    }
    case "AGREEMENT": {
      // An agreement belongs to its need's county, else its payer's, else its payee's (the dashboard's rule).
      const row = await tx.agreement.findUnique({
        where: { id: targetId },
        select: {
          needId: true,
          payerOrganisation: { select: { countyCode: true } },
          payeeOrganisation: { select: { countyCode: true } },
        },
      });
      if (!row) throw new DomainError("households.target_missing");
      const need = row.needId
        ? await tx.need.findUnique({ where: { id: row.needId }, select: { countyCode: true } })
        : null;
      return (
        need?.countyCode ?? row.payerOrganisation?.countyCode ?? row.payeeOrganisation?.countyCode ?? null
      );
    }
    case "ENTERPRISE": {
      const row = await tx.organisation.findUnique({
        where: { id: targetId },
        select: { countyCode: true, type: true },
      });
      if (!row) throw new DomainError("households.target_missing");
      if (!(ENTERPRISE_TYPES as readonly string[]).includes(row.type))
        throw new DomainError("households.target_type");
      // An enterprise may absorb households of neighbouring counties: no county rule for it.
      return null;
    }
  }
}

/** Links the household to a project, agreement, training or enterprise, validating the target. */
export async function addHouseholdLink(
  actor: ReachActor,
  reach: HouseholdReach,
  householdId: string,
  input: { kind: HouseholdLinkKind; targetId: string; note?: string },
  meta: RequestMeta,
): Promise<string> {
  if (!canRecordHouseholds(reach)) throw new DomainError("households.forbidden");
  try {
    return await db.$transaction(async (tx) => {
      const household = await householdInReach(tx, reach, householdId);
      const county = await targetCounty(tx, input.kind, input.targetId);
      if (county !== null && county !== household.countyCode)
        throw new DomainError("households.target_county");
      const column = LINK_COLUMN[input.kind];
      const open = await tx.householdLink.findFirst({
        where: { householdId, kind: input.kind, [column]: input.targetId, endedAt: null },
        select: { id: true },
      });
      if (open) throw new DomainError("households.link_exists");
      const link = await tx.householdLink.create({
        data: {
          householdId,
          kind: input.kind,
          [column]: input.targetId,
          note: input.note ?? "",
          createdById: actor.id,
        },
        select: { id: true },
      });
      await recordAudit(tx, {
        actorId: actor.id,
        action: "household.linked",
        subjectType: "Household",
        subjectId: householdId,
        after: { linkId: link.id, kind: input.kind, targetId: input.targetId },
        ip: meta.ip ?? null,
      });
      return link.id;
    });
  } catch (error) {
    // The partial unique index on open links: a concurrent add of the same link.
    if (isUniqueViolation(error)) throw new DomainError("households.link_exists");
    throw error;
  }
}

export async function endHouseholdLink(
  actor: ReachActor,
  reach: HouseholdReach,
  householdId: string,
  linkId: string,
  meta: RequestMeta,
  now = new Date(),
): Promise<void> {
  if (!canRecordHouseholds(reach)) throw new DomainError("households.forbidden");
  await db.$transaction(async (tx) => {
    await householdInReach(tx, reach, householdId);
    const { count } = await tx.householdLink.updateMany({
      where: { id: linkId, householdId, endedAt: null },
      data: { endedAt: now },
    });
    if (count === 0) {
      const exists = await tx.householdLink.findFirst({
        where: { id: linkId, householdId },
        select: { id: true },
      });
      throw new DomainError(exists ? "households.link_ended" : "households.not_found");
    }
    await recordAudit(tx, {
      actorId: actor.id,
      action: "household.link_ended",
      subjectType: "Household",
      subjectId: householdId,
      after: { linkId },
      ip: meta.ip ?? null,
    });
  });
}

// ───────────── public list (API) ─────────────

/** Public village data: name, township, county and status by year; nothing of any household. */
export async function listPublicVillages(
  filters: { county?: string; township?: string },
  page: { skip: number; take: number },
) {
  const rows = await db.village.findMany({
    where: {
      ...(filters.county ? { countyCode: filters.county } : {}),
      ...(filters.township ? { township: filters.township } : {}),
    },
    orderBy: [{ countyCode: "asc" }, { township: "asc" }, { name: "asc" }, { id: "asc" }],
    skip: page.skip,
    take: page.take + 1,
    select: {
      id: true,
      countyCode: true,
      township: true,
      name: true,
      statuses: { orderBy: { year: "asc" }, select: { year: true, status: true } },
    },
  });
  return { items: rows.slice(0, page.take), hasMore: rows.length > page.take };
}
