import { db, type Tx } from "~/db.server";
import { recordAudit } from "~/modules/audit/audit.server";
import { countyHasOfficer } from "~/modules/oversight/officer-notices.server";
import { countyWhere, type CountyScope } from "~/modules/oversight/county-scope";
import { can } from "~/modules/users/permissions";
import { DomainError } from "~/utils/errors";
import { scopeOf, type CountyActor } from "~/modules/oversight/county-access";

/*
 * 初审 (plan §5): a county officer gives its opinion on a programme application from its county
 * before the city reviews it. The city waits only where someone can answer: a county with no
 * officer would otherwise stop every application from it, so there the city proceeds as before.
 */

export type CountyOpinionView = {
  recommend: boolean;
  note: string;
  officerName: string;
  createdAt: Date;
};

export type PrescreenState =
  { kind: "recorded"; opinion: CountyOpinionView } | { kind: "waiting" } | { kind: "no_officer" };

/** Where the application stands with its county: opinion given, awaited, or not expected. */
export async function prescreenState(
  application: { id: string; countyCode: string },
  tx: Tx = db,
): Promise<PrescreenState> {
  const opinion = await tx.countyOpinion.findUnique({
    where: { applicationId: application.id },
    select: { recommend: true, note: true, officerId: true, createdAt: true },
  });
  if (opinion) {
    const officer = await tx.user.findUnique({
      where: { id: opinion.officerId },
      select: { displayName: true },
    });
    return {
      kind: "recorded",
      opinion: {
        recommend: opinion.recommend,
        note: opinion.note,
        officerName: officer?.displayName ?? "",
        createdAt: opinion.createdAt,
      },
    };
  }
  return (await countyHasOfficer(tx, application.countyCode)) ? { kind: "waiting" } : { kind: "no_officer" };
}

/** Refuses city review and decision while the application's county owes its opinion. */
export async function assertCountyOpinionReady(tx: Tx, applicationId: string): Promise<void> {
  const application = await tx.programmeApplication.findUnique({
    where: { id: applicationId },
    select: { id: true, countyCode: true },
  });
  if (!application) return;
  if ((await prescreenState(application, tx)).kind === "waiting")
    throw new DomainError("counties.awaiting_opinion");
}

/** The county officer's opinion; once per application, while the city has not decided. */
export async function recordCountyOpinion(
  actor: CountyActor,
  applicationId: string,
  input: { recommend: boolean; note: string; ip?: string | null },
): Promise<void> {
  const scope = scopeOf(actor);
  if (!can(actor, "programme.prescreen") || scope?.kind !== "county")
    throw new DomainError("counties.forbidden");
  await db.$transaction(async (tx) => {
    // The same lock the city's decision takes: an opinion and a decision cannot cross.
    await tx.$queryRaw`SELECT id FROM "ProgrammeApplication" WHERE id = ${applicationId} FOR UPDATE`;
    const application = await tx.programmeApplication.findUnique({
      where: { id: applicationId },
      select: { id: true, countyCode: true, status: true },
    });
    if (!application || application.countyCode !== scope.countyCode)
      throw new DomainError("counties.not_found");
    if (application.status !== "SUBMITTED") throw new DomainError("counties.already_decided");
    const existing = await tx.countyOpinion.findUnique({
      where: { applicationId },
      select: { applicationId: true },
    });
    if (existing) throw new DomainError("counties.opinion_recorded");
    const after = { recommend: input.recommend, note: input.note };
    await tx.countyOpinion.create({
      data: { applicationId, countyCode: application.countyCode, officerId: actor.id, ...after },
      select: { applicationId: true },
    });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "programme.county_opinion",
      subjectType: "ProgrammeApplication",
      subjectId: applicationId,
      after,
      ip: input.ip,
    });
  });
}

const listSelect = {
  id: true,
  title: true,
  countyCode: true,
  requestedFen: true,
  createdAt: true,
  status: true,
  programme: { select: { title: true } },
  countyOpinion: { select: { recommend: true, createdAt: true } },
} as const;

/** The county's applications: those waiting for its opinion (oldest first), and the latest it gave. */
export async function listPrescreen(scope: CountyScope) {
  const [waiting, done] = await Promise.all([
    db.programmeApplication.findMany({
      where: { ...countyWhere(scope), status: "SUBMITTED", countyOpinion: null },
      select: listSelect,
      orderBy: { createdAt: "asc" },
      take: 100,
    }),
    db.programmeApplication.findMany({
      where: { ...countyWhere(scope), countyOpinion: { isNot: null } },
      select: listSelect,
      orderBy: { createdAt: "desc" },
      take: 30,
    }),
  ]);
  return { waiting, done };
}

export function countWaitingPrescreen(scope: CountyScope): Promise<number> {
  return db.programmeApplication.count({
    where: { ...countyWhere(scope), status: "SUBMITTED", countyOpinion: null },
  });
}

/** One application as its county officer reads it: no reviews, no money actions. */
export async function getPrescreenApplication(actor: CountyActor, applicationId: string) {
  const scope = scopeOf(actor);
  if (!can(actor, "programme.prescreen") || !scope) throw new DomainError("counties.forbidden");
  const application = await db.programmeApplication.findFirst({
    where: { id: applicationId, ...countyWhere(scope) },
    select: {
      id: true,
      title: true,
      summary: true,
      countyCode: true,
      industry: true,
      requestedFen: true,
      status: true,
      createdAt: true,
      organisationId: true,
      applicantId: true,
      team: { select: { name: true } },
      programme: { select: { id: true, title: true } },
    },
  });
  if (!application) throw new DomainError("counties.not_found");
  const [organisation, applicant, state] = await Promise.all([
    application.organisationId
      ? db.organisation.findUnique({ where: { id: application.organisationId }, select: { name: true } })
      : null,
    db.user.findUnique({ where: { id: application.applicantId }, select: { displayName: true } }),
    prescreenState(application),
  ]);
  // Who applies: the organisation, or a commissioner in their own name or for their team.
  const person = applicant?.displayName ?? "";
  const applicantName = organisation
    ? organisation.name
    : application.team
      ? `${application.team.name}（${person}）`
      : person;
  const { applicantId: _applicant, team: _team, ...shown } = application;
  return { ...shown, organisationName: applicantName, state };
}
