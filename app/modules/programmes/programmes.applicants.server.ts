import { db, withUnit, type Tx, type Unit } from "~/db.server";
import type { ApplicantKind } from "~/generated/prisma/enums";
import { confirmedMemberIds, isActiveCommissioner, listTeamsOf } from "~/modules/commissioners/teams.server";
import { assertNotBanned, findActiveBan } from "~/modules/sanctions/bans.server";
import { type Actor } from "~/modules/users/permissions";
import { DomainError } from "~/utils/errors";
import {
  applyToProgramme,
  programmeTakingApplications,
  recordApplied,
} from "./programmes.applications.server";
import { moneyText } from "./programmes.core.server";
import { ACTIVE_APPLICATION_STATUSES, ineligibleReasons } from "./programmes.rules";
import { type ApplyFields } from "./programmes.schema";

/*
 * Who applies to a programme. The apply form's applicant field carries an organisation's id
 * (the organisation path, unchanged), "self" (a commissioner in their own name) or "team:<id>"
 * (a commissioner team, filed by its lead). Money for a person or a team lands in the applicant's
 * own wallet: partyWallet pays the person when no organisation is named.
 */

export const SELF_APPLICANT = "self";
const TEAM_PREFIX = "team:";

export function teamApplicantValue(teamId: string) {
  return `${TEAM_PREFIX}${teamId}`;
}

/** Files an application as an organisation, a commissioner or a commissioner team. */
export async function submitApplication(
  actor: Actor,
  programmeId: string,
  fields: ApplyFields,
  now: Date = new Date(),
  unit?: Unit,
): Promise<{ id: string }> {
  if (fields.organisationId === SELF_APPLICANT)
    return applyAsCommissioner(actor, programmeId, fields, { kind: "INDIVIDUAL" }, now, unit);
  if (fields.organisationId.startsWith(TEAM_PREFIX)) {
    const teamId = fields.organisationId.slice(TEAM_PREFIX.length);
    return applyAsCommissioner(actor, programmeId, fields, { kind: "TEAM", teamId }, now, unit);
  }
  return applyToProgramme(actor, programmeId, fields, now, unit);
}

async function teamMembers(tx: Tx, actor: Actor, teamId: string): Promise<string[]> {
  const team = await tx.commissionerTeam.findUnique({ where: { id: teamId }, select: { leadId: true } });
  if (!team) throw new DomainError("team.not_found");
  if (team.leadId !== actor.id) throw new DomainError("team.not_lead");
  // Row lock: a member confirming while the lead applies is counted either before or after.
  await tx.$queryRaw`SELECT id FROM "CommissionerTeam" WHERE id = ${teamId} FOR UPDATE`;
  const members = await confirmedMemberIds(tx, teamId);
  if (members.length < 2) throw new DomainError("team.too_small");
  return members;
}

async function applyAsCommissioner(
  actor: Actor,
  programmeId: string,
  fields: ApplyFields,
  applicant: { kind: "INDIVIDUAL" } | { kind: "TEAM"; teamId: string },
  now: Date,
  unit?: Unit,
): Promise<{ id: string }> {
  if (fields.link) throw new DomainError("applicant.no_link");
  return withUnit(unit, async ({ tx, afterCommit }) => {
    const programme = await programmeTakingApplications(tx, programmeId, applicant.kind, now);
    if (!(await isActiveCommissioner(actor.id, now, tx))) throw new DomainError("applicant.not_commissioner");
    // Organisation types restrict organisations only; a person is held to county and industry.
    const [reason] = ineligibleReasons(
      { ...programme, eligibleOrgTypes: [] },
      { countyCode: fields.countyCode, industry: fields.industry, orgType: "ENTERPRISE" },
    );
    if (reason === "county") throw new DomainError("programme.ineligible_county");
    if (reason === "industry") throw new DomainError("programme.ineligible_industry");

    const teamId = applicant.kind === "TEAM" ? applicant.teamId : null;
    const members = teamId ? await teamMembers(tx, actor, teamId) : [actor.id];
    await assertNotBanned({ userId: actor.id }, now, tx);
    for (const memberId of members) {
      if (await findActiveBan({ userId: memberId }, now, tx))
        throw new DomainError("applicant.member_banned");
    }
    if (programme.maxAwardFen !== null && fields.requestedFen > programme.maxAwardFen)
      throw new DomainError("programme.over_max_award", { max: moneyText(programme.maxAwardFen) });
    // One open application per person (or team) and programme: a double tap files once.
    await tx.$queryRaw`SELECT id FROM "Programme" WHERE id = ${programmeId} FOR UPDATE`;
    const duplicate = await tx.programmeApplication.findFirst({
      where: {
        programmeId,
        organisationId: null,
        status: { in: ACTIVE_APPLICATION_STATUSES },
        ...(teamId ? { teamId } : { applicantId: actor.id, teamId: null }),
      },
      select: { id: true },
    });
    if (duplicate) throw new DomainError("applicant.duplicate");

    const application = await tx.programmeApplication.create({
      data: {
        programmeId,
        organisationId: null,
        applicantId: actor.id,
        applicantKind: applicant.kind,
        teamId,
        title: fields.title,
        summary: fields.summary,
        countyCode: fields.countyCode,
        industry: fields.industry,
        requestedFen: fields.requestedFen,
      },
      select: { id: true },
    });
    await recordApplied({ tx, afterCommit }, actor, programmeId, application.id, fields, {
      applicantKind: applicant.kind,
      teamId,
    });
    return application;
  });
}

/** What the apply form offers a commissioner besides organisations: themselves and their teams. */
export async function commissionerApplyOptions(
  userId: string,
  applicantKinds: ApplicantKind[],
  now: Date = new Date(),
): Promise<{ self: boolean; teams: { value: string; name: string }[] }> {
  if (!applicantKinds.includes("INDIVIDUAL") && !applicantKinds.includes("TEAM"))
    return { self: false, teams: [] };
  if (!(await isActiveCommissioner(userId, now))) return { self: false, teams: [] };
  const teams = applicantKinds.includes("TEAM")
    ? (await listTeamsOf(userId)).filter((team) => team.leadId === userId)
    : [];
  return {
    self: applicantKinds.includes("INDIVIDUAL"),
    teams: teams.map((team) => ({ value: teamApplicantValue(team.id), name: team.name })),
  };
}

/** The party an application names, for its pages: the organisation, the team or the person. */
export async function applicantParty(application: {
  organisationId: string | null;
  applicantId: string;
  teamId?: string | null;
}): Promise<{ id: string | null; name: string }> {
  if (application.organisationId)
    return db.organisation.findUniqueOrThrow({
      where: { id: application.organisationId },
      select: { id: true, name: true },
    });
  if (application.teamId) {
    const team = await db.commissionerTeam.findUniqueOrThrow({
      where: { id: application.teamId },
      select: { name: true },
    });
    return { id: null, name: team.name };
  }
  const person = await db.user.findUniqueOrThrow({
    where: { id: application.applicantId },
    select: { displayName: true },
  });
  return { id: null, name: person.displayName };
}
