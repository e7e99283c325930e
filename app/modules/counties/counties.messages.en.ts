import type { countiesMessagesZh } from "./counties.messages";

/** English for counties.messages.ts: typed against the Chinese, so a missing or extra key fails the type check. */
export const countiesMessagesEn: Record<keyof typeof countiesMessagesZh, string> = {
  "bureau.tool.prescreen": "County pre-screening",
  "bureau.tool.prescreen.hint": "Your county's programme applications: recommend them or not",
  "bureau.tool.officers": "County and finance officers",
  "bureau.tool.officers.hint": "Grant and revoke county science bureau and city finance bureau officers",

  "counties.officers.title": "County and finance officers",
  "counties.officers.intro":
    "Make a registered account an officer of a county science bureau (its county's triage, pre-screening and figures only) or of the city finance bureau. Revoking gives the account its former role back and logs it out at once.",
  "counties.officers.grant": "Make officer",
  "counties.officers.identifier": "Mobile number or e-mail",
  "counties.officers.role": "Role",
  "counties.officers.county": "County (required for a county officer)",
  "counties.officers.countyNone": "Choose a county",
  "counties.officers.countyTitle": "County science bureau officers",
  "counties.officers.financeTitle": "City finance bureau officers",
  "counties.officers.none": "None yet",
  "counties.officers.noGrant": "Set before this page; cannot be revoked here",
  "counties.officers.grantedAt": "Since {date}",
  "counties.officers.revoke": "Revoke",
  "counties.officers.granted": "The account is now an officer.",
  "counties.officers.revoked": "Revoked; the account has been logged out.",
  "counties.role.COUNTY": "County science bureau officer",
  "counties.role.FINANCE": "City finance bureau officer",

  "counties.prescreen.title": "County pre-screening",
  "counties.prescreen.intro":
    "Programme applications from your county get the county science bureau's opinion first; the city bureau then reviews and decides.",
  "counties.prescreen.waiting": "Waiting for pre-screening",
  "counties.prescreen.waitingEmpty": "No application is waiting for pre-screening.",
  "counties.prescreen.done": "Opinion given",
  "counties.prescreen.doneEmpty": "No opinion given yet.",
  "counties.prescreen.submittedOn": "Submitted {date}",
  "counties.prescreen.county": "County",
  "counties.prescreen.industry": "Industry",
  "counties.prescreen.submittedAt": "Submitted on",
  "counties.prescreen.opinion": "Pre-screening opinion",
  "counties.prescreen.recommend": "Recommend",
  "counties.prescreen.notRecommend": "Do not recommend",
  "counties.prescreen.note": "Reasons",
  "counties.prescreen.noteHint": "Say why you recommend it or not; the city bureau reads this.",
  "counties.prescreen.submit": "Submit the opinion",
  "counties.prescreen.recorded": "Pre-screening opinion recorded.",
  "counties.prescreen.by": "{name} · {date}",
  "counties.prescreen.decidedNoOpinion": "The city bureau has decided; no opinion is needed any more.",
  "counties.prescreen.back": "Back to pre-screening",
  "counties.prescreen.readOnly":
    "The county reads the application and gives its opinion; reviews and payments are the city bureau's.",

  "counties.city.title": "County pre-screening",
  "counties.city.recorded": "{county} pre-screening: {verdict}",
  "counties.city.waiting":
    "Waiting for the opinion of the {county} science bureau. Reviews and the decision wait until it arrives.",
  "counties.city.noOfficer":
    "{county} has no county science bureau officer: no pre-screening is needed, the city reviews directly.",

  "counties.workspace.title": "Waiting for you",
  "counties.workspace.open": "Open the bureau workbench",
  "counties.workspace.nothing": "Nothing is waiting for you right now.",

  "counties.dashboard.countyFixed": "This page shows {county} only.",

  "counties.errors.user_not_found": "No account has this mobile number or e-mail",
  "counties.errors.not_self": "You cannot change your own role",
  "counties.errors.not_admin": "A platform administrator's role cannot be changed",
  "counties.errors.city_staff":
    "This is a city science bureau staff account; it cannot become a county or finance officer",
  "counties.errors.acts_for_organisation":
    "This account acts for an organisation (a cooperative, university, company, innovation space…) and cannot also be an officer: ask the person to register a personal account, then grant that",
  "counties.errors.already_officer": "This account is already an officer; revoke that role first",
  "counties.errors.county_required": "Choose the county of a county officer",
  "counties.errors.grant_revoked": "This role has already been revoked",
  "counties.errors.opinion_recorded": "This application already has the county's opinion",
  "counties.errors.already_decided": "The city bureau has decided; an opinion can no longer be given",
  "counties.errors.awaiting_opinion":
    "The county science bureau has not given its pre-screening opinion yet; reviews and the decision wait for it",
  "counties.errors.role": "Choose a role",
  "counties.errors.recommend": "Choose recommend or do not recommend",
  "counties.errors.note": "Write the reasons (at least 4 characters)",
};
