import { db, type Tx } from "~/db.server";
import { Prisma } from "~/generated/prisma/client";
import type { VentureRole } from "~/generated/prisma/enums";
import { recordAudit } from "~/modules/audit/audit.server";
import { canInCounty, scopeOf, type CountyActor } from "~/modules/oversight/county-access";
import { countyWhere } from "~/modules/oversight/county-scope";
import type { Actor } from "~/modules/users/permissions";
import { DomainError } from "~/utils/errors";
import type { RequestMeta } from "~/utils/request.server";
import type { OutcomeFields, VentureFields } from "./ventures.schema";

/*
 * 领办/创办/联办 (plan §4.4): projects a commissioner, or a team, leads, founds or co-runs with an
 * organisation, with a stake and the outcomes reported over time. The commissioner (or the team's
 * lead) records it; the county officer of the organisation's county, or the city bureau, verifies.
 */

/** Has served in some cohort (a venture may outlive the dispatch that started it). */
export async function hasServed(userId: string, client: Tx | typeof db = db): Promise<boolean> {
  const assignment = await client.commissionerAssignment.findFirst({
    where: { userId },
    select: { id: true },
  });
  return assignment !== null;
}

async function holderOf(tx: Tx, actor: Actor, holder: string) {
  if (holder === "self") {
    if (!(await hasServed(actor.id, tx))) throw new DomainError("venture.not_commissioner");
    return { commissionerId: actor.id, teamId: null };
  }
  const team = await tx.commissionerTeam.findUnique({ where: { id: holder }, select: { leadId: true } });
  if (!team) throw new DomainError("team.not_found");
  if (team.leadId !== actor.id) throw new DomainError("team.not_lead");
  return { commissionerId: null, teamId: holder };
}

async function checkLinks(tx: Tx, actor: Actor, fields: VentureFields, organisationId: string) {
  if (fields.agreementId) {
    const agreement = await tx.agreement.findUnique({
      where: { id: fields.agreementId },
      select: { payerOrganisationId: true, payeeOrganisationId: true, payerUserId: true, payeeUserId: true },
    });
    const related =
      agreement &&
      (agreement.payerOrganisationId === organisationId ||
        agreement.payeeOrganisationId === organisationId ||
        agreement.payerUserId === actor.id ||
        agreement.payeeUserId === actor.id);
    if (!related) throw new DomainError("venture.agreement_unrelated");
  }
  if (fields.equityHoldingId) {
    const equity = await tx.equityHolding.findUnique({
      where: { id: fields.equityHoldingId },
      select: { agreementId: true, enterpriseOrganisationId: true, holderUserId: true },
    });
    const related =
      equity &&
      ((fields.agreementId && equity.agreementId === fields.agreementId) ||
        equity.enterpriseOrganisationId === organisationId ||
        equity.holderUserId === actor.id);
    if (!related) throw new DomainError("venture.equity_unrelated");
  }
}

/**
 * Records a venture. The same holder, organisation, role and start date name one venture: a
 * retried form returns the venture already recorded instead of a second one.
 */
export async function recordVenture(
  actor: Actor,
  fields: VentureFields,
  meta: RequestMeta = {},
): Promise<{ id: string; created: boolean }> {
  if (fields.endDate && fields.endDate < fields.startDate) throw new DomainError("venture.end_before_start");
  try {
    return await db.$transaction(async (tx) => {
      const holder = await holderOf(tx, actor, fields.holder);
      const organisation = await tx.organisation.findUnique({
        where: { id: fields.organisationId },
        select: { id: true, countyCode: true },
      });
      if (!organisation) throw new DomainError("venture.organisation_unknown");
      if (!organisation.countyCode) throw new DomainError("venture.organisation_no_county");
      await checkLinks(tx, actor, fields, organisation.id);
      const same = await tx.commissionerVenture.findFirst({
        where: { ...holder, organisationId: organisation.id, role: fields.role, startDate: fields.startDate },
        select: { id: true },
      });
      if (same) return { id: same.id, created: false };
      const venture = await tx.commissionerVenture.create({
        data: {
          ...holder,
          role: fields.role,
          title: fields.title,
          organisationId: organisation.id,
          agreementId: fields.agreementId ?? null,
          equityHoldingId: fields.equityHoldingId ?? null,
          stakeBp: fields.stake,
          startDate: fields.startDate,
          endDate: fields.endDate ?? null,
          countyCode: organisation.countyCode,
          recordedById: actor.id,
        },
        select: { id: true },
      });
      await recordAudit(tx, {
        actorId: actor.id,
        action: "venture.recorded",
        subjectType: "CommissionerVenture",
        subjectId: venture.id,
        after: {
          ...holder,
          role: fields.role,
          title: fields.title,
          organisationId: organisation.id,
          agreementId: fields.agreementId ?? null,
          equityHoldingId: fields.equityHoldingId ?? null,
          stakeBp: fields.stake,
          startDate: fields.startDate.toISOString(),
          endDate: fields.endDate?.toISOString() ?? null,
        },
        ip: meta.ip,
      });
      return { id: venture.id, created: true };
    });
  } catch (error) {
    // Two submissions at once: the unique index kept one; say so rather than fail.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002")
      throw new DomainError("venture.duplicate");
    throw error;
  }
}

/** May this person report for the venture: its commissioner, or a confirmed member of its team. */
async function isHolder(
  tx: Tx | typeof db,
  userId: string,
  venture: { commissionerId: string | null; teamId: string | null },
) {
  if (venture.commissionerId) return venture.commissionerId === userId;
  if (!venture.teamId) return false;
  const member = await tx.commissionerTeamMember.findUnique({
    where: { teamId_userId: { teamId: venture.teamId, userId } },
    select: { confirmedAt: true },
  });
  return Boolean(member?.confirmedAt);
}

/** Reports (or corrects) one period's outcome; one row per venture and period. */
export async function recordOutcome(
  actor: Actor,
  ventureId: string,
  fields: OutcomeFields,
  meta: RequestMeta = {},
) {
  await db.$transaction(async (tx) => {
    const venture = await tx.commissionerVenture.findUnique({
      where: { id: ventureId },
      select: { commissionerId: true, teamId: true },
    });
    if (!venture) throw new DomainError("venture.not_found");
    if (!(await isHolder(tx, actor.id, venture))) throw new DomainError("venture.forbidden");
    const before = await tx.commissionerVentureOutcome.findUnique({
      where: { ventureId_period: { ventureId, period: fields.period } },
      select: { revenueFen: true, jobs: true, householdsReached: true, note: true },
    });
    const values = {
      revenueFen: BigInt(fields.revenue),
      jobs: fields.jobs,
      householdsReached: fields.householdsReached,
      note: fields.note,
      recordedById: actor.id,
    };
    const outcome = await tx.commissionerVentureOutcome.upsert({
      where: { ventureId_period: { ventureId, period: fields.period } },
      create: { ventureId, period: fields.period, ...values },
      update: values,
      select: { id: true },
    });
    const plain = (row: typeof before) => (row ? { ...row, revenueFen: Number(row.revenueFen) } : undefined);
    await recordAudit(tx, {
      actorId: actor.id,
      action: "venture.outcome_reported",
      subjectType: "CommissionerVenture",
      subjectId: ventureId,
      before: plain(before),
      after: { outcomeId: outcome.id, period: fields.period, ...values, revenueFen: fields.revenue },
      ip: meta.ip,
    });
  });
}

const ventureSelect = {
  id: true,
  commissionerId: true,
  teamId: true,
  role: true,
  title: true,
  stakeBp: true,
  startDate: true,
  endDate: true,
  countyCode: true,
  verifiedAt: true,
  refusedAt: true,
  refusalReason: true,
  createdAt: true,
  organisation: { select: { id: true, name: true, type: true } },
  team: { select: { name: true } },
} as const;

async function withHolderNames<T extends { commissionerId: string | null }>(rows: T[]) {
  const ids = [...new Set(rows.flatMap((row) => (row.commissionerId ? [row.commissionerId] : [])))];
  const people = await db.user.findMany({
    where: { id: { in: ids } },
    select: { id: true, displayName: true },
  });
  const names = new Map(people.map((person) => [person.id, person.displayName]));
  return rows.map((row) => ({
    ...row,
    commissionerName: row.commissionerId ? (names.get(row.commissionerId) ?? "") : null,
  }));
}

/** A person's ventures: their own and those of teams they are a confirmed member of. */
export async function listVenturesOf(userId: string) {
  return withHolderNames(
    await db.commissionerVenture.findMany({
      where: {
        OR: [
          { commissionerId: userId },
          { team: { members: { some: { userId, confirmedAt: { not: null } } } } },
        ],
      },
      select: ventureSelect,
      orderBy: { startDate: "desc" },
      take: 100,
    }),
  );
}

/** The ventures an officer oversees, those waiting for verification first. */
export async function listVenturesInScope(actor: CountyActor) {
  const scope = scopeOf(actor);
  if (!scope) return [];
  return withHolderNames(
    await db.commissionerVenture.findMany({
      where: countyWhere(scope),
      select: ventureSelect,
      orderBy: [{ verifiedAt: { sort: "asc", nulls: "first" } }, { createdAt: "desc" }],
      take: 200,
    }),
  );
}

/**
 * One venture with its outcomes. A verified venture is public (like the open API); one not yet
 * verified is seen by its holders and by the officers who may verify it.
 */
export async function getVenture(viewer: CountyActor, ventureId: string) {
  const venture = await db.commissionerVenture.findUnique({
    where: { id: ventureId },
    select: {
      ...ventureSelect,
      agreementId: true,
      equityHoldingId: true,
      verifiedById: true,
      outcomes: {
        select: { id: true, period: true, revenueFen: true, jobs: true, householdsReached: true, note: true },
        orderBy: { period: "desc" },
      },
    },
  });
  if (!venture) throw new DomainError("venture.not_found");
  const holder = await isHolder(db, viewer.id, venture);
  const canVerify = canInCounty(viewer, "commissioner.verify", venture.countyCode);
  if (!venture.verifiedAt && !holder && !canVerify) throw new DomainError("venture.not_found");
  const [named] = await withHolderNames([venture]);
  return {
    venture: {
      ...named!,
      outcomes: venture.outcomes.map((outcome) => ({ ...outcome, revenueFen: Number(outcome.revenueFen) })),
    },
    canReport: holder,
    canVerify: canVerify && !venture.verifiedAt && !venture.refusedAt,
  };
}

/** What a commissioner (or a team lead) may pick when recording a venture. */
export async function ventureFormChoices(userId: string) {
  const [teams, served, assignments] = await Promise.all([
    db.commissionerTeam.findMany({
      where: { leadId: userId },
      select: { id: true, name: true },
      orderBy: { name: "asc" },
    }),
    hasServed(userId),
    db.commissionerAssignment.findMany({
      where: { userId },
      select: { countyCode: true },
      distinct: ["countyCode"],
    }),
  ]);
  // Organisations of the counties the commissioner served in, and those they belong to.
  const organisations = await db.organisation.findMany({
    where: {
      countyCode: { not: null },
      OR: [
        { countyCode: { in: assignments.map((assignment) => assignment.countyCode) } },
        { memberships: { some: { userId } } },
      ],
    },
    select: { id: true, name: true, type: true, countyCode: true },
    orderBy: { name: "asc" },
    take: 300,
  });
  const agreements = await db.agreement.findMany({
    where: { OR: [{ payeeUserId: userId }, { payerUserId: userId }] },
    select: { id: true, title: true },
    orderBy: { createdAt: "desc" },
    take: 50,
  });
  const equity = await db.equityHolding.findMany({
    where: {
      OR: [{ holderUserId: userId }, { agreementId: { in: agreements.map((agreement) => agreement.id) } }],
    },
    select: { id: true, enterpriseName: true, percentBp: true },
    take: 50,
  });
  return { teams, served, organisations, agreements, equity };
}

export interface PublicVenture {
  ventureId: string;
  holderKind: "COMMISSIONER" | "TEAM";
  holderName: string;
  role: VentureRole;
  title: string;
  organisationName: string;
  countyCode: string;
  startDate: string;
  endDate: string | null;
  stakePercent: number | null;
  outcomes: { periods: number; revenueFen: number; jobs: number; householdsReached: number };
}

/** Verified ventures for the open API, newest start first. */
export async function listPublicVentures(
  filters: { countyCode?: string; role?: VentureRole },
  { skip, take }: { skip: number; take: number },
): Promise<{ items: PublicVenture[]; hasMore: boolean }> {
  const rows = await withHolderNames(
    await db.commissionerVenture.findMany({
      where: { verifiedAt: { not: null }, countyCode: filters.countyCode, role: filters.role },
      select: ventureSelect,
      orderBy: [{ startDate: "desc" }, { id: "asc" }],
      skip,
      take: take + 1,
    }),
  );
  const page = rows.slice(0, take);
  const totals = await db.commissionerVentureOutcome.groupBy({
    by: ["ventureId"],
    where: { ventureId: { in: page.map((row) => row.id) } },
    _sum: { revenueFen: true, jobs: true, householdsReached: true },
    _count: { _all: true },
  });
  const byVenture = new Map(totals.map((total) => [total.ventureId, total]));
  return {
    hasMore: rows.length > take,
    items: page.map((row) => {
      const total = byVenture.get(row.id);
      return {
        ventureId: row.id,
        holderKind: row.teamId ? "TEAM" : "COMMISSIONER",
        holderName: row.team?.name ?? row.commissionerName ?? "",
        role: row.role,
        title: row.title,
        organisationName: row.organisation.name,
        countyCode: row.countyCode,
        startDate: row.startDate.toISOString().slice(0, 10),
        endDate: row.endDate ? row.endDate.toISOString().slice(0, 10) : null,
        stakePercent: row.stakeBp === null ? null : row.stakeBp / 100,
        outcomes: {
          periods: total?._count._all ?? 0,
          revenueFen: Number(total?._sum.revenueFen ?? 0),
          jobs: total?._sum.jobs ?? 0,
          householdsReached: total?._sum.householdsReached ?? 0,
        },
      };
    }),
  };
}
