import type { bureauMessagesZh } from "./bureau.messages";

/** English for bureau.messages.ts: typed against the Chinese, so a missing or extra key fails the type check. */
export const bureauMessagesEn: Record<keyof typeof bureauMessagesZh, string> = {
  "bureau.nav": "Bureau",
  "bureau.title": "Bureau workbench",
  "bureau.intro":
    "The science and technology bureau's tools for funding, supervision and evaluation. Numbers are things waiting for you.",
  "bureau.introCounty":
    "The county science bureau's desk: your county's triage, pre-screening, project monitoring, figures and returns. Numbers are things waiting for you.",
  "bureau.introFinance":
    "The finance bureau's desk: co-signing payments and evaluations, programme accounts, stopping payments and the returns roll-up. Numbers are things waiting for you.",
  "bureau.waiting": "{count} waiting",
  "bureau.owed": "Claw-backs still owed: {amount}",
  "bureau.tool.dashboard": "Dashboard",
  "bureau.tool.dashboard.hint": "The plan's targets against actuals, money, counties; Excel export",
  "bureau.tool.verifications": "Verifications",
  "bureau.tool.verifications.hint": "Check organisations' and people's credentials",
  "bureau.tool.programmes": "Funding programmes",
  "bureau.tool.programmes.hint":
    "Grants and post-subsidies: calls, review, approval, disbursement, evaluation",
  "bureau.tool.finance": "Finance sign-off",
  "bureau.tool.finance.hint":
    "Each programme's account, and the payments and evaluations waiting for the finance bureau",
  "bureau.tool.sanctions": "Sanctions",
  "bureau.tool.sanctions.hint": "Suspensions, claw-backs and 3-year bans",
  "bureau.tool.disputes": "Disputes",
  "bureau.tool.disputes.hint": "Escrow disputes and how the money is split",
  "bureau.tool.commissioners": "Commissioners",
  "bureau.tool.commissioners.hint": "Yearly cohorts, dispatch, service logs and reports",
  "bureau.tool.demos": "Creative-agriculture demos",
  "bureau.tool.demos.hint": "Build, designate and revoke demonstration sites",
  "bureau.tool.spaces": "Star Innovation Spaces",
  "bureau.tool.spaces.hint": "Directory, recognition and how they serve",
  "bureau.tool.audit": "Audit log",
  "bureau.tool.audit.hint": "Every state change: who, when, what changed",
  "bureau.tool.talent": "Local talent",
  "bureau.tool.talent.hint": "Trainees who attended a training, waiting to be confirmed, and the register",
  "bureau.tool.monitoring": "Spending review queue",
  "bureau.tool.monitoring.hint": "Likely misuse of project funds found in progress reports and site visits",
};
