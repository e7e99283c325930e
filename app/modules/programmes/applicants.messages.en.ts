import type { applicantsMessagesZh } from "./applicants.messages";

/** English for applicants.messages.ts: typed against the Chinese, so a missing or extra key fails the type check. */
export const applicantsMessagesEn: Record<keyof typeof applicantsMessagesZh, string> = {
  "applicants.kinds": "Who may apply",
  "applicants.kindsHint": "None ticked: organisations only",
  "applicants.kind.ORGANISATION": "Organisations",
  "applicants.kind.INDIVIDUAL": "Individual commissioners",
  "applicants.kind.TEAM": "Commissioner teams",
  "applicants.party": "Applicant",
  "applicants.self": "Myself (S&T commissioner)",
  "applicants.teamOption": "Team: {name}",
  "applicants.eligibleSelf": "You are a serving S&T commissioner and may apply in your own name.",
  "applicants.eligibleTeam": "The team you lead, “{name}”, may apply.",
  "applicants.teams.title": "My commissioner teams",
  "applicants.teams.intro":
    "A commissioner forms a team; members must be serving commissioners and confirm they join. The lead applies for the team and programme money is paid into the lead's own wallet.",
  "applicants.teams.none": "No teams yet.",
  "applicants.teams.create": "Form a team",
  "applicants.teams.noneToInvite":
    "A team needs at least one other serving commissioner to confirm joining. There is no other serving commissioner to invite yet, so a team cannot be formed.",
  "applicants.teams.notServing": "Only a serving commissioner can lead a team.",
  "applicants.teams.name": "Team name",
  "applicants.teams.members": "Invite members (serving commissioners)",
  "applicants.teams.lead": "Lead",
  "applicants.teams.confirmed": "Confirmed",
  "applicants.teams.pending": "Not yet confirmed",
  "applicants.teams.confirm": "Join the team",
  "applicants.teams.created": "Team formed; waiting for members to confirm",
  "applicants.teams.joined": "You joined the team",
  "applicants.errors.not_commissioner":
    "Only serving S&T commissioners may apply in their own name or as a team",
  "applicants.errors.kind_not_allowed":
    "This programme does not take applications from this kind of applicant",
  "applicants.errors.no_link":
    "A personal or team application cannot link an organisation's agreement or need",
  "applicants.errors.duplicate": "You (or this team) already applied to this programme",
  "applicants.errors.member_banned":
    "A member of the team is barred from science programmes and the team cannot apply",
  "applicants.errors.not_lead": "Only the team's lead may apply for the team",
  "applicants.errors.team_too_small": "A team needs at least two confirmed members",
  "applicants.errors.member_not_commissioner": "Team members must be serving S&T commissioners",
  "applicants.errors.not_invited": "You were not invited to this team",
  "applicants.errors.team_name": "A team name has 2–40 characters",
};
