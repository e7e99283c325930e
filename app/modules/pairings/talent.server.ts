import { db } from "~/db.server";
import { Prisma } from "~/generated/prisma/client";
import type { LocalTalentRole } from "~/generated/prisma/enums";
import { recordAudit } from "~/modules/audit/audit.server";
import { scopeOf, type CountyActor } from "~/modules/oversight/county-access";
import { maskPhone } from "~/modules/privacy/masking";
import { can, rolesOf } from "~/modules/users/permissions";
import { DomainError } from "~/utils/errors";
import type { RequestMeta } from "~/utils/request.server";
import { maskPersonName } from "./pairings.access";
import type { RecordTalentFields } from "./pairings.schema";

/*
 * The local-talent register (培养本土人才). Decisions:
 * - Trainings feed it through a queue, never directly: the attended trainees of a HELD training
 *   who live in a county (User.countyCode) are candidates for that county's officer, who confirms
 *   (the training joins the person's history) or sets them aside. The queue is a query, so a
 *   training marked held later, or attendance corrected, shows at once.
 * - Who keeps it: the county officer (own county), the city bureau (all), and a commissioner in
 *   the counties of a running assignment (record and update only; no queue, no reveal).
 * - People without an account are kept by name and phone, shown masked to everyone; county and
 *   city officers may ask for one person's full details, and each view is audit-logged.
 */

export interface TalentScope {
  /** null: every county (the city bureau). */
  counties: string[] | null;
  /** Works the candidate queue and may reveal: county and city officers. */
  officer: boolean;
}

export async function talentScopeOf(actor: CountyActor, now: Date = new Date()): Promise<TalentScope | null> {
  if (!can(actor, "talent.record")) return null;
  const scope = scopeOf(actor);
  if (scope && can(actor, "talent.reveal"))
    return { counties: scope.kind === "city" ? null : [scope.countyCode], officer: true };
  if (!rolesOf(actor).has("EXPERT")) return null;
  const assignments = await db.commissionerAssignment.findMany({
    where: { userId: actor.id, startDate: { lte: now }, endDate: { gte: now } },
    select: { countyCode: true },
  });
  if (assignments.length === 0) return null;
  return { counties: [...new Set(assignments.map((a) => a.countyCode))], officer: false };
}

function covers(scope: TalentScope, countyCode: string | null) {
  return countyCode !== null && (scope.counties === null || scope.counties.includes(countyCode));
}

async function requireScope(actor: CountyActor, officerOnly = false) {
  const scope = await talentScopeOf(actor);
  if (!scope || (officerOnly && !scope.officer)) throw new DomainError("pairings.forbidden");
  return scope;
}

export interface TalentCandidate {
  trainingId: string;
  userId: string;
  displayName: string;
  countyCode: string;
  trainingTitle: string;
  startsAt: Date;
}

/** The queue: attended sign-ups of HELD trainings, by people of the counties in scope, not yet decided. */
export async function listTalentCandidates(actor: CountyActor): Promise<TalentCandidate[]> {
  const scope = await requireScope(actor, true);
  return candidatesWhere(scope, Prisma.empty);
}

/** How many candidates wait for the actor (county or city officer): the workbench's count. */
export async function countTalentCandidates(actor: CountyActor): Promise<number> {
  const scope = await talentScopeOf(actor);
  if (!scope?.officer) return 0;
  return (await candidatesWhere(scope, Prisma.empty)).length;
}

async function candidatesWhere(scope: TalentScope, extra: Prisma.Sql) {
  const counties =
    scope.counties === null ? Prisma.empty : Prisma.sql`AND u."countyCode" = ANY(${scope.counties}::text[])`;
  return db.$queryRaw<TalentCandidate[]>`
    SELECT s."trainingId", s."userId", u."displayName", u."countyCode", t.title AS "trainingTitle", t."startsAt"
    FROM "TrainingSignup" s
    JOIN "Training" t ON t.id = s."trainingId"
    JOIN "User" u ON u.id = s."userId"
    WHERE s.attended AND t.status = 'HELD' AND u."countyCode" IS NOT NULL AND u."deletedAt" IS NULL ${counties}
      AND NOT EXISTS (SELECT 1 FROM "LocalTalentTraining" lt JOIN "LocalTalent" l ON l.id = lt."talentId"
                      WHERE l."userId" = s."userId" AND lt."trainingId" = s."trainingId")
      AND NOT EXISTS (SELECT 1 FROM "TalentCandidateDismissal" d
                      WHERE d."userId" = s."userId" AND d."trainingId" = s."trainingId")
      ${extra}
    ORDER BY t."startsAt" DESC, u."displayName" ASC
    LIMIT 300`;
}

async function findCandidate(scope: TalentScope, trainingId: string, userId: string) {
  const [candidate] = await candidatesWhere(
    scope,
    Prisma.sql`AND s."trainingId" = ${trainingId} AND s."userId" = ${userId}`,
  );
  return candidate ?? null;
}

async function checkVillage(villageId: string | undefined, countyCode: string) {
  if (!villageId) return null;
  const village = await db.village.findUnique({ where: { id: villageId }, select: { countyCode: true } });
  if (!village || village.countyCode !== countyCode) throw new DomainError("pairings.village_elsewhere");
  return villageId;
}

/**
 * The officer confirms a candidate: the person joins the register (once, TRAINED unless already
 * serving) and the training joins their history. A retry finds the training recorded and stops.
 */
export async function confirmTalentCandidate(
  actor: CountyActor,
  input: { trainingId: string; userId: string; villageId?: string },
  meta: RequestMeta,
) {
  const scope = await requireScope(actor, true);
  const candidate = await findCandidate(scope, input.trainingId, input.userId);
  if (!candidate) throw new DomainError("pairings.not_candidate");
  const villageId = await checkVillage(input.villageId, candidate.countyCode);
  return db.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT id FROM "User" WHERE id = ${input.userId} FOR UPDATE`;
    const talent = await tx.localTalent.upsert({
      where: { userId: input.userId },
      create: {
        userId: input.userId,
        countyCode: candidate.countyCode,
        villageId,
        recordedById: actor.id,
      },
      update: villageId ? { villageId } : {},
      select: { id: true },
    });
    const recorded = await tx.localTalentTraining.createMany({
      data: [{ talentId: talent.id, trainingId: input.trainingId, confirmedById: actor.id }],
      skipDuplicates: true,
    });
    if (recorded.count > 0)
      await recordAudit(tx, {
        actorId: actor.id,
        action: "talent.confirmed",
        subjectType: "LocalTalent",
        subjectId: talent.id,
        after: { trainingId: input.trainingId, userId: input.userId, villageId },
        ip: meta.ip ?? null,
      });
    return talent;
  });
}

/** The officer sets a candidate aside (not a local talent): the queue stops showing them. */
export async function dismissTalentCandidate(
  actor: CountyActor,
  input: { trainingId: string; userId: string },
  meta: RequestMeta,
) {
  const scope = await requireScope(actor, true);
  if (!(await findCandidate(scope, input.trainingId, input.userId)))
    throw new DomainError("pairings.not_candidate");
  await db.$transaction(async (tx) => {
    await tx.talentCandidateDismissal.createMany({
      data: [{ trainingId: input.trainingId, userId: input.userId, dismissedById: actor.id }],
      skipDuplicates: true,
    });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "talent.candidate_dismissed",
      subjectType: "User",
      subjectId: input.userId,
      after: { trainingId: input.trainingId },
      ip: meta.ip ?? null,
    });
  });
}

/** A person without an account, recorded by hand. The audit row keeps no name or phone. */
export async function recordLocalTalent(actor: CountyActor, fields: RecordTalentFields, meta: RequestMeta) {
  const scope = await requireScope(actor);
  const countyCode =
    scope.officer && scope.counties?.length === 1 ? scope.counties[0]! : (fields.countyCode ?? null);
  if (!countyCode) throw new DomainError("pairings.county_required");
  if (!covers(scope, countyCode)) throw new DomainError("pairings.forbidden");
  const villageId = await checkVillage(fields.villageId, countyCode);
  return db.$transaction(async (tx) => {
    const talent = await tx.localTalent.create({
      data: {
        countyCode,
        villageId,
        name: fields.name,
        phone: fields.phone ?? null,
        skills: fields.skills,
        status: fields.status,
        role: fields.status === "SERVING" ? (fields.role ?? null) : null,
        servingSince: fields.status === "SERVING" ? new Date() : null,
        work: fields.work,
        recordedById: actor.id,
      },
      select: { id: true },
    });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "talent.recorded",
      subjectType: "LocalTalent",
      subjectId: talent.id,
      after: { countyCode, villageId, status: fields.status, role: fields.role ?? null },
      ip: meta.ip ?? null,
    });
    return talent;
  });
}

/** A talent now serves the village: in which role, doing what. */
export async function setTalentServing(
  actor: CountyActor,
  input: { talentId: string; role: LocalTalentRole; work: string },
  meta: RequestMeta,
) {
  const scope = await requireScope(actor);
  return db.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT id FROM "LocalTalent" WHERE id = ${input.talentId} FOR UPDATE`;
    const talent = await tx.localTalent.findUnique({
      where: { id: input.talentId },
      select: { countyCode: true, status: true, role: true, work: true, servingSince: true },
    });
    if (!talent || !covers(scope, talent.countyCode)) throw new DomainError("pairings.talent_not_found");
    await tx.localTalent.update({
      where: { id: input.talentId },
      data: {
        status: "SERVING",
        role: input.role,
        work: input.work,
        servingSince: talent.servingSince ?? new Date(),
      },
      select: { id: true },
    });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "talent.serving",
      subjectType: "LocalTalent",
      subjectId: input.talentId,
      before: { status: talent.status, role: talent.role, work: talent.work },
      after: { status: "SERVING", role: input.role, work: input.work },
      ip: meta.ip ?? null,
    });
  });
}

export interface TalentRow {
  id: string;
  countyCode: string;
  village: { name: string; township: string } | null;
  hasAccount: boolean;
  name: string;
  phone: string | null;
  revealed: boolean;
  skills: string;
  status: "TRAINED" | "SERVING";
  role: LocalTalentRole | null;
  work: string;
  trainings: { id: string; title: string; startsAt: Date }[];
}

/**
 * The register of the counties in scope. Names and phones of people without an account are
 * masked; an officer who asks for one person (`reveal`) sees theirs in full, and the view is
 * written to the audit log (contact.viewed, place pairings.talent).
 */
export async function listLocalTalent(
  actor: CountyActor,
  options: { reveal?: string | null; ip?: string | null } = {},
): Promise<{ rows: TalentRow[]; officer: boolean; counties: string[] | null }> {
  const scope = await requireScope(actor);
  const talents = await db.localTalent.findMany({
    where: scope.counties === null ? {} : { countyCode: { in: scope.counties } },
    select: {
      id: true,
      countyCode: true,
      name: true,
      phone: true,
      skills: true,
      status: true,
      role: true,
      work: true,
      village: { select: { name: true, township: true } },
      user: { select: { displayName: true } },
      trainings: { select: { trainingId: true } },
    },
    orderBy: [{ countyCode: "asc" }, { createdAt: "desc" }],
    take: 500,
  });
  const trainingIds = [...new Set(talents.flatMap((t) => t.trainings.map((x) => x.trainingId)))];
  const trainings = new Map(
    (
      await db.training.findMany({
        where: { id: { in: trainingIds } },
        select: { id: true, title: true, startsAt: true },
      })
    ).map((t) => [t.id, t]),
  );
  const revealId = scope.officer ? (options.reveal ?? null) : null;
  const rows: TalentRow[] = [];
  for (const talent of talents) {
    const revealed = revealId === talent.id && talent.user === null;
    if (revealed)
      await recordAudit(db, {
        actorId: actor.id,
        action: "contact.viewed",
        subjectType: "LocalTalent",
        subjectId: talent.id,
        after: { place: "pairings.talent", fields: talent.phone ? ["name", "phone"] : ["name"] },
        ip: options.ip ?? null,
      });
    rows.push({
      id: talent.id,
      countyCode: talent.countyCode,
      village: talent.village,
      hasAccount: talent.user !== null,
      name: talent.user
        ? talent.user.displayName
        : revealed
          ? talent.name!
          : maskPersonName(talent.name ?? ""),
      phone: talent.user || !talent.phone ? null : revealed ? talent.phone : maskPhone(talent.phone),
      revealed,
      skills: talent.skills,
      status: talent.status,
      role: talent.role,
      work: talent.work,
      trainings: talent.trainings.flatMap((x) => {
        const training = trainings.get(x.trainingId);
        return training ? [training] : [];
      }),
    });
  }
  return { rows, officer: scope.officer, counties: scope.counties };
}
