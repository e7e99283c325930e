import { db, type Tx } from "~/db.server";
import { Prisma } from "~/generated/prisma/client";
import { recordAudit } from "~/modules/audit/audit.server";
import { countyScopeOf, type CountyScope, type ScopedActor } from "~/modules/oversight/county-scope";
import { can, type Actor } from "~/modules/users/permissions";
import { endOfDayInLuoyang, luoyangToday } from "~/utils/dates";
import { DomainError } from "~/utils/errors";
import { leverageFigures } from "./leverage.server";
import { reportFiguresIn, type ReportFigures } from "./reports-figures.server";
import { periodOf, type Period, type PeriodKind } from "./reports.periods";
import { SNAPSHOT_VERSION, SnapshotSchema, type ReturnSnapshot } from "./reports.snapshot";

/**
 * Returns (月报/季报/年报): generated as a draft for the preparer's own scope, annotated, then
 * submitted. Submission computes the figures once more and freezes them in the row's snapshot;
 * prisma/rules.sql refuses every later change to a submitted row, so what went upward stays.
 * A county officer prepares the county's return; the city science bureau prepares the city's.
 */
export type ReportActor = Actor & ScopedActor;

export const CITY_SCOPE = "CITY";

/** The scope a person prepares returns for: "CITY" or their county's code; null if none. */
export function preparerScope(actor: ReportActor): string | null {
  if (!can(actor, "report.prepare")) return null;
  const scope = countyScopeOf(actor);
  if (!scope) return null;
  return scope.kind === "city" ? CITY_SCOPE : scope.countyCode;
}

/** Whose returns a person may read: the city reads all; a county officer its county's only. */
export function mayReadScope(actor: ReportActor, scope: string): boolean {
  if (!can(actor, "report.prepare") && !can(actor, "report.rollup")) return false;
  const covered = countyScopeOf(actor);
  if (!covered) return false;
  return covered.kind === "city" || covered.countyCode === scope;
}

export function countyScopeFor(scope: string): CountyScope {
  return scope === CITY_SCOPE ? { kind: "city" } : { kind: "county", countyCode: scope };
}

/** Figures and leverage of a period and scope, read in one snapshot of the database. */
export async function computeSnapshot(
  tx: Tx,
  period: Period,
  scope: string,
  now: Date,
): Promise<ReturnSnapshot> {
  const county = countyScopeFor(scope);
  const figures: ReportFigures = await reportFiguresIn(tx, period, county);
  const leverage = await leverageFigures({ scope: county, from: period.start, to: period.end }, tx);
  return {
    schemaVersion: SNAPSHOT_VERSION,
    periodKind: period.kind,
    periodKey: period.key,
    scope,
    computedAt: now.toISOString(),
    figures,
    leverage: { total: leverage.total, byProject: leverage.byProject },
  };
}

const isUniqueViolation = (error: unknown) =>
  error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";

/**
 * Opens the return of a period for the preparer's scope, creating the draft the first time. A
 * period that has not started yet has nothing to report.
 */
export async function generateReturn(
  actor: ReportActor,
  input: { periodKind: PeriodKind; periodKey: string },
  now = new Date(),
): Promise<string> {
  const scope = preparerScope(actor);
  if (!scope) throw new DomainError("report.not_yours");
  const period = periodOf(input.periodKind, input.periodKey);
  if (period.start > now) throw new DomainError("report.period_open");
  const where = { periodKind: period.kind, periodKey: period.key, scope };
  const existing = await db.reportReturn.findUnique({
    where: { periodKind_periodKey_scope: where },
    select: { id: true },
  });
  if (existing) return existing.id;
  try {
    return await db.$transaction(async (tx) => {
      const created = await tx.reportReturn.create({
        data: { ...where, preparedById: actor.id },
        select: { id: true },
      });
      await recordAudit(tx, {
        actorId: actor.id,
        action: "report.generated",
        subjectType: "ReportReturn",
        subjectId: created.id,
        after: where,
      });
      return created.id;
    });
  } catch (error) {
    // Two taps at once: the other one created it.
    if (!isUniqueViolation(error)) throw error;
    const row = await db.reportReturn.findUniqueOrThrow({
      where: { periodKind_periodKey_scope: where },
      select: { id: true },
    });
    return row.id;
  }
}

/** Locks the return for a change by its preparer's side; refuses once it is submitted. */
async function lockDraft(tx: Tx, actor: ReportActor, id: string) {
  await tx.$queryRaw`SELECT id FROM "ReportReturn" WHERE id = ${id} FOR UPDATE`;
  const row = await tx.reportReturn.findUnique({
    where: { id },
    select: { id: true, status: true, scope: true, periodKind: true, periodKey: true, snapshot: true },
  });
  if (!row || !mayReadScope(actor, row.scope)) throw new DomainError("report.not_found");
  if (preparerScope(actor) !== row.scope) throw new DomainError("report.not_yours");
  return row;
}

export async function saveReturnNotes(
  actor: ReportActor,
  input: { id: string; narrative: string; notes: string },
): Promise<void> {
  await db.$transaction(async (tx) => {
    const row = await lockDraft(tx, actor, input.id);
    if (row.status === "SUBMITTED") throw new DomainError("report.submitted");
    await tx.reportReturn.update({
      where: { id: row.id },
      data: { narrative: input.narrative, notes: input.notes },
    });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "report.annotated",
      subjectType: "ReportReturn",
      subjectId: row.id,
    });
  });
}

/**
 * Submits the return once its period is over (Luoyang time): the figures are computed in the same transaction, from one snapshot of the
 * data, and frozen with it. Submitting a submitted return again changes nothing (a double tap).
 */
export async function submitReturn(actor: ReportActor, id: string, now = new Date()): Promise<void> {
  await db.$transaction(
    async (tx) => {
      const row = await lockDraft(tx, actor, id);
      if (row.status === "SUBMITTED") return;
      const period = periodOf(row.periodKind, row.periodKey);
      // Figures frozen before the period is over would miss its last days for good.
      if (now < period.end) {
        throw new DomainError("report.period_not_over", { from: luoyangToday(period.end) });
      }
      const snapshot = await computeSnapshot(tx, period, row.scope, now);
      await tx.reportReturn.update({
        where: { id: row.id },
        data: {
          status: "SUBMITTED",
          submittedAt: now,
          submittedById: actor.id,
          snapshot: snapshot as unknown as Prisma.InputJsonValue,
        },
      });
      await recordAudit(tx, {
        actorId: actor.id,
        action: "report.submitted",
        subjectType: "ReportReturn",
        subjectId: row.id,
        after: { periodKind: row.periodKind, periodKey: row.periodKey, scope: row.scope },
      });
    },
    { isolationLevel: "RepeatableRead", timeout: 15_000 },
  );
}

/** A return as its page shows it: frozen figures once submitted, live ones while a draft. */
export async function getReturn(actor: ReportActor, id: string, now = new Date()) {
  const row = await db.reportReturn.findUnique({
    where: { id },
    select: {
      id: true,
      periodKind: true,
      periodKey: true,
      scope: true,
      status: true,
      narrative: true,
      notes: true,
      submittedAt: true,
      snapshot: true,
      updatedAt: true,
    },
  });
  if (!row || !mayReadScope(actor, row.scope)) throw new DomainError("report.not_found");
  const period = periodOf(row.periodKind, row.periodKey);
  const snapshot =
    row.status === "SUBMITTED"
      ? SnapshotSchema.parse(row.snapshot)
      : await db.$transaction((tx) => computeSnapshot(tx, period, row.scope, now), {
          isolationLevel: "RepeatableRead",
          timeout: 15_000,
        });
  const deadline =
    row.scope === CITY_SCOPE
      ? null
      : await db.reportDeadline.findUnique({
          where: { periodKind_periodKey: { periodKind: row.periodKind, periodKey: row.periodKey } },
          select: { dueAt: true },
        });
  return {
    id: row.id,
    period,
    scope: row.scope,
    status: row.status,
    narrative: row.narrative,
    notes: row.notes,
    submittedAt: row.submittedAt,
    snapshot,
    dueAt: deadline?.dueAt ?? null,
    mayEdit: row.status === "DRAFT" && preparerScope(actor) === row.scope,
    /** The first day (Luoyang) the return can be submitted; null once the period is over. */
    submittableFrom: now < period.end ? luoyangToday(period.end) : null,
  };
}

export type ReturnView = Awaited<ReturnType<typeof getReturn>>;

/** The returns a person may read, newest period first (a county officer's: their county's). */
export async function listReturns(actor: ReportActor) {
  const covered = countyScopeOf(actor);
  if (!covered || (!can(actor, "report.prepare") && !can(actor, "report.rollup"))) return [];
  return db.reportReturn.findMany({
    where: covered.kind === "county" ? { scope: covered.countyCode } : {},
    select: {
      id: true,
      periodKind: true,
      periodKey: true,
      scope: true,
      status: true,
      submittedAt: true,
    },
    orderBy: [{ periodKey: "desc" }, { periodKind: "asc" }, { scope: "asc" }],
    take: 200,
  });
}

/** Sets (or moves) the city's deadline for county returns of a period. */
export async function setDeadline(
  actor: ReportActor,
  input: { periodKind: PeriodKind; periodKey: string; dueDay: string },
): Promise<void> {
  if (!can(actor, "report.deadline")) throw new DomainError("report.not_yours");
  const dueAt = endOfDayInLuoyang(input.dueDay);
  await db.$transaction(async (tx) => {
    await tx.reportDeadline.upsert({
      where: { periodKind_periodKey: { periodKind: input.periodKind, periodKey: input.periodKey } },
      create: { periodKind: input.periodKind, periodKey: input.periodKey, dueAt, setById: actor.id },
      update: { dueAt, setById: actor.id },
    });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "report.deadline_set",
      subjectType: "ReportDeadline",
      subjectId: `${input.periodKind}:${input.periodKey}`,
      after: { dueAt: dueAt.toISOString() },
    });
  });
}

/** Deadlines a person sees: the latest first. */
export function listDeadlines() {
  return db.reportDeadline.findMany({
    select: { periodKind: true, periodKey: true, dueAt: true },
    orderBy: { dueAt: "desc" },
    take: 24,
  });
}
