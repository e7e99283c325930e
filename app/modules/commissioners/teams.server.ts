import { db, type Tx } from "~/db.server";
import { recordAudit } from "~/modules/audit/audit.server";
import { createNotifications, deliverNotifications } from "~/modules/notifications/notifications.server";
import { can, type Actor } from "~/modules/users/permissions";
import { DomainError } from "~/utils/errors";
import { beijingToday } from "./commissioners.rules.server";

/*
 * 科技特派员团队: commissioners who apply to a programme together. The lead forms the team and
 * invites commissioners; an invitation counts only once the member confirms it, so nobody is put
 * on an application without agreeing. The lead applies for the team and is its contracting party
 * (docs/decisions/035-individual-applicants.md). The invitee is notified of the invitation and
 * the lead of the answer; the rows are written in the change's transaction and pushed after it commits.
 */

const teamHref = (teamId: string) => `/commissioners/teams/${teamId}`;

/** Tells the invitees that the lead (`actor`) asked them onto the team. */
async function noticeInvitations(
  tx: Tx,
  actor: Actor,
  team: { id: string; name: string },
  userIds: string[],
) {
  const lead = await tx.user.findUniqueOrThrow({ where: { id: actor.id }, select: { displayName: true } });
  return createNotifications(
    tx,
    userIds.map((userId) => ({
      userId,
      type: "team.invited" as const,
      params: { team: team.name, by: lead.displayName },
      href: teamHref(team.id),
    })),
  );
}

/** Tells the team's lead how an invitee answered. */
async function noticeAnswer(tx: Tx, actor: Actor, teamId: string, accepted: boolean) {
  const team = await tx.commissionerTeam.findUniqueOrThrow({
    where: { id: teamId },
    select: { name: true, leadId: true },
  });
  const member = await tx.user.findUniqueOrThrow({ where: { id: actor.id }, select: { displayName: true } });
  return createNotifications(tx, [
    {
      userId: team.leadId,
      type: accepted ? "team.invitation_accepted" : "team.invitation_declined",
      params: { team: team.name, member: member.displayName },
      href: teamHref(teamId),
    },
  ]);
}

/** Serving now: an assignment of some cohort whose dates include today (Luoyang time). */
export async function isActiveCommissioner(
  userId: string,
  now: Date = new Date(),
  client: Tx | typeof db = db,
): Promise<boolean> {
  const today = beijingToday(now);
  const assignment = await client.commissionerAssignment.findFirst({
    where: { userId, startDate: { lte: today }, endDate: { gte: today } },
    select: { id: true },
  });
  return assignment !== null;
}

export async function createTeam(
  actor: Actor,
  input: { name: string; memberIds: string[] },
  now: Date = new Date(),
): Promise<{ id: string }> {
  const memberIds = [...new Set(input.memberIds)].filter((id) => id !== actor.id);
  const { team, notices } = await db.$transaction(async (tx) => {
    if (!(await isActiveCommissioner(actor.id, now, tx))) throw new DomainError("applicant.not_commissioner");
    for (const memberId of memberIds) {
      if (!(await isActiveCommissioner(memberId, now, tx)))
        throw new DomainError("team.member_not_commissioner");
    }
    const team = await tx.commissionerTeam.create({
      data: {
        name: input.name,
        leadId: actor.id,
        members: {
          create: [{ userId: actor.id, confirmedAt: now }, ...memberIds.map((userId) => ({ userId }))],
        },
      },
      select: { id: true },
    });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "team.created",
      subjectType: "CommissionerTeam",
      subjectId: team.id,
      after: { name: input.name, memberIds },
    });
    return {
      team,
      notices: await noticeInvitations(tx, actor, { id: team.id, name: input.name }, memberIds),
    };
  });
  await deliverNotifications(notices);
  return team;
}

/** The invited commissioner agrees to be on the team (a second tap changes nothing). */
export async function confirmMembership(actor: Actor, teamId: string, now: Date = new Date()) {
  const notices = await db.$transaction(async (tx) => {
    const { count } = await tx.commissionerTeamMember.updateMany({
      where: { teamId, userId: actor.id, confirmedAt: null },
      data: { confirmedAt: now },
    });
    if (count === 0) {
      const member = await tx.commissionerTeamMember.findUnique({
        where: { teamId_userId: { teamId, userId: actor.id } },
        select: { confirmedAt: true },
      });
      if (!member) throw new DomainError("team.not_invited");
      return [];
    }
    await recordAudit(tx, {
      actorId: actor.id,
      action: "team.joined",
      subjectType: "CommissionerTeam",
      subjectId: teamId,
      after: { userId: actor.id },
    });
    return noticeAnswer(tx, actor, teamId, true);
  });
  await deliverNotifications(notices);
}

/** The teams a person leads or was invited to, with who has confirmed. */
export async function listTeamsOf(userId: string) {
  const teams = await db.commissionerTeam.findMany({
    where: { members: { some: { userId } } },
    select: {
      id: true,
      name: true,
      leadId: true,
      members: { select: { userId: true, confirmedAt: true }, orderBy: { invitedAt: "asc" } },
    },
    orderBy: { createdAt: "desc" },
    take: 50,
  });
  const people = await db.user.findMany({
    where: { id: { in: teams.flatMap((team) => team.members.map((member) => member.userId)) } },
    select: { id: true, displayName: true },
  });
  const names = new Map(people.map((person) => [person.id, person.displayName]));
  return teams.map((team) => ({
    ...team,
    members: team.members.map((member) => ({ ...member, name: names.get(member.userId) ?? "" })),
  }));
}

/** The team's confirmed members (the lead included); what bans and applications count. */
export async function confirmedMemberIds(tx: Tx | typeof db, teamId: string): Promise<string[]> {
  const members = await tx.commissionerTeamMember.findMany({
    where: { teamId, confirmedAt: { not: null } },
    select: { userId: true },
  });
  return members.map((member) => member.userId);
}

/** Serving commissioners other than `userId`, whom a team lead may invite. */
export async function listInvitableCommissioners(userId: string, now: Date = new Date()) {
  const today = beijingToday(now);
  const assignments = await db.commissionerAssignment.findMany({
    where: { userId: { not: userId }, startDate: { lte: today }, endDate: { gte: today } },
    select: { userId: true },
    distinct: ["userId"],
    take: 200,
  });
  const people = await db.user.findMany({
    where: { id: { in: assignments.map((assignment) => assignment.userId) }, deletedAt: null },
    select: { id: true, displayName: true },
    orderBy: { displayName: "asc" },
  });
  return people;
}

/*
 * The team's own page (issue 23): every member sees it, not only the lead. The lead invites and
 * hands over the lead; an invitee confirms or declines; a member leaves. The lead cannot leave
 * while leading (a team always has a confirmed lead): they hand the lead to a confirmed member first.
 */

async function lockTeam(tx: Tx, teamId: string) {
  // One change to a team's membership at a time: two taps, or the lead and a member together.
  const [team] = await tx.$queryRaw<{ id: string; leadId: string }[]>`
    SELECT id, "leadId" FROM "CommissionerTeam" WHERE id = ${teamId} FOR UPDATE`;
  if (!team) throw new DomainError("team.not_found");
  return team;
}

/** The lead invites a serving commissioner; inviting someone already invited changes nothing. */
export async function inviteMember(actor: Actor, teamId: string, userId: string, now: Date = new Date()) {
  const notices = await db.$transaction(async (tx) => {
    const team = await lockTeam(tx, teamId);
    if (team.leadId !== actor.id) throw new DomainError("team.not_lead");
    const existing = await tx.commissionerTeamMember.findUnique({
      where: { teamId_userId: { teamId, userId } },
      select: { userId: true },
    });
    if (existing) return [];
    if (!(await isActiveCommissioner(userId, now, tx))) throw new DomainError("team.member_not_commissioner");
    await tx.commissionerTeamMember.create({
      data: { teamId, userId, invitedAt: now },
      select: { userId: true },
    });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "team.invited",
      subjectType: "CommissionerTeam",
      subjectId: teamId,
      after: { userId },
    });
    const { name } = await tx.commissionerTeam.findUniqueOrThrow({
      where: { id: teamId },
      select: { name: true },
    });
    return noticeInvitations(tx, actor, { id: teamId, name }, [userId]);
  });
  await deliverNotifications(notices);
}

/** The invitee says no: the invitation is gone (the lead may invite again later). */
export async function declineInvitation(actor: Actor, teamId: string) {
  const notices = await db.$transaction(async (tx) => {
    await lockTeam(tx, teamId);
    const { count } = await tx.commissionerTeamMember.deleteMany({
      where: { teamId, userId: actor.id, confirmedAt: null },
    });
    if (count === 0) throw new DomainError("team.not_invited");
    await recordAudit(tx, {
      actorId: actor.id,
      action: "team.declined",
      subjectType: "CommissionerTeam",
      subjectId: teamId,
      after: { userId: actor.id },
    });
    return noticeAnswer(tx, actor, teamId, false);
  });
  await deliverNotifications(notices);
}

/** A confirmed member leaves; the lead must hand the lead over first. */
export async function leaveTeam(actor: Actor, teamId: string) {
  await db.$transaction(async (tx) => {
    const team = await lockTeam(tx, teamId);
    if (team.leadId === actor.id) throw new DomainError("team.lead_cannot_leave");
    const { count } = await tx.commissionerTeamMember.deleteMany({
      where: { teamId, userId: actor.id, confirmedAt: { not: null } },
    });
    if (count === 0) throw new DomainError("team.not_member");
    await recordAudit(tx, {
      actorId: actor.id,
      action: "team.left",
      subjectType: "CommissionerTeam",
      subjectId: teamId,
      after: { userId: actor.id },
    });
  });
}

/** The lead hands the lead to a confirmed member (handing it to oneself changes nothing). */
export async function changeLead(actor: Actor, teamId: string, newLeadId: string) {
  await db.$transaction(async (tx) => {
    const team = await lockTeam(tx, teamId);
    if (team.leadId !== actor.id) throw new DomainError("team.not_lead");
    if (newLeadId === actor.id) return;
    const member = await tx.commissionerTeamMember.findUnique({
      where: { teamId_userId: { teamId, userId: newLeadId } },
      select: { confirmedAt: true },
    });
    if (!member?.confirmedAt) throw new DomainError("team.new_lead_not_confirmed");
    await tx.commissionerTeam.update({
      where: { id: teamId },
      data: { leadId: newLeadId },
      select: { id: true },
    });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "team.lead_changed",
      subjectType: "CommissionerTeam",
      subjectId: teamId,
      before: { leadId: actor.id },
      after: { leadId: newLeadId },
    });
  });
}

/**
 * One team as its page shows it: members with their state, the lead, its programme applications
 * and its ventures. Members (invited or confirmed) and the city bureau see it; others get 404.
 */
export async function getTeam(viewer: Actor, teamId: string) {
  const team = await db.commissionerTeam.findUnique({
    where: { id: teamId },
    select: {
      id: true,
      name: true,
      leadId: true,
      createdAt: true,
      members: {
        select: { userId: true, confirmedAt: true, invitedAt: true },
        orderBy: { invitedAt: "asc" },
      },
      applications: {
        select: { id: true, title: true, status: true, programme: { select: { title: true } } },
        orderBy: { createdAt: "desc" },
        take: 50,
      },
      ventures: {
        select: {
          id: true,
          role: true,
          title: true,
          startDate: true,
          verifiedAt: true,
          refusedAt: true,
          organisation: { select: { name: true } },
        },
        orderBy: { startDate: "desc" },
        take: 50,
      },
    },
  });
  const isMember = team?.members.some((member) => member.userId === viewer.id) ?? false;
  if (!team || (!isMember && !can(viewer, "commissioner.dispatch"))) throw new DomainError("team.not_found");
  const people = await db.user.findMany({
    where: { id: { in: team.members.map((member) => member.userId) } },
    select: { id: true, displayName: true },
  });
  const names = new Map(people.map((person) => [person.id, person.displayName]));
  return {
    ...team,
    members: team.members.map((member) => ({ ...member, name: names.get(member.userId) ?? "" })),
  };
}
