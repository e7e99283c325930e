import type { Role } from "~/generated/prisma/enums";
import { ROLES } from "./roles";

/**
 * Who may do what, by role. Every route and socket handler asks `can`; no page or handler
 * checks roles by itself. Organisation-scoped actions also name the organisation.
 */
export const PERMISSIONS = {
  "account.use": ROLES,
  "chat.use": ROLES,
  "need.post": ["VILLAGE", "FARMER"],
  "branding.request": ["VILLAGE", "FARMER"],
  "need.manage": ["VILLAGE"],
  "offer.post": ["EXPERT", "INSTITUTION"],
  "application.submit": ["EXPERT"],
  "application.review": ["VILLAGE", "FARMER"],
  "agreement.sign": ["VILLAGE", "FARMER", "EXPERT", "INSTITUTION"],
  "dispute.resolve": ["BUREAU", "ADMIN"],
  "finance.manage": ["ADMIN"],
  /** Read any ledger account's statement (supervision); changes nothing. */
  "finance.read": ["BUREAU", "FINANCE", "ADMIN"],
  "institution.manageExperts": ["INSTITUTION"],
  "space.manageServices": ["SPACE"],
  "space.recognise": ["BUREAU"],
  "service.request": ["VILLAGE", "FARMER"],
  "verification.review": ["BUREAU", "ADMIN"],
  "commissioner.dispatch": ["BUREAU"],
  /** Verify a commissioner's venture (领办/创办/联办): the bureau, or the county officer of its county. */
  "commissioner.verify": ["BUREAU", "COUNTY"],
  "programme.manage": ["BUREAU"],
  "programme.review": ["BUREAU"],
  /** 初审: a county officer's opinion on its county's programme applications before city review. */
  "programme.prescreen": ["COUNTY"],
  "sanction.apply": ["BUREAU"],
  /** The finance bureau's signature on an evaluation or a payment of programme money (会签). */
  "programme.cosign": ["FINANCE"],
  /** 停拨: stop payments on a programme application (either bureau; see decision 037). */
  "payment.stop": ["BUREAU", "FINANCE"],
  /** Start, follow and stop any brand incubation project (supervision). */
  "brand.manage": ["BUREAU"],
  "demo.manage": ["BUREAU"],
  /** 特色小镇: the bureau creates characteristic towns; county officers edit their county's (county-access.ts). */
  "town.create": ["BUREAU"],
  "town.edit": ["BUREAU", "COUNTY"],
  /** County officers read their county's figures only (county-scope.ts); the finance bureau, all. */
  "dashboard.read": ["BUREAU", "COUNTY", "FINANCE", "ADMIN"],
  "audit.read": ["BUREAU", "ADMIN"],
  "content.moderate": ["BUREAU", "ADMIN"],
  /** Appoint village informants (信息员) and mark poverty villages (建档立卡贫困村). */
  "reach.manage": ["BUREAU"],
  /** Work the triage queue (分诊): route unanswered needs to experts and commissioners. */
  "triage.manage": ["BUREAU", "COUNTY"],
  /** Make an account a county or finance officer, and revoke it. */
  "officer.grant": ["BUREAU"],
  /** Hand a member a one-time password-reset code after checking who they are (assisted reset). */
  "account.recover": ["BUREAU", "ADMIN"],
  /** Generate, annotate and submit the returns (月报/季报/年报) of one's own scope: city or county. */
  "report.prepare": ["BUREAU", "COUNTY"],
  /** The leading group's roll-up of every county's returns (领导小组). */
  "report.rollup": ["BUREAU", "FINANCE"],
  /** Set the deadline for county returns of a period. */
  "report.deadline": ["BUREAU"],
  /** Follow funded projects (plans, reports, visits) and read the monitoring queue; county officers their county's. */
  "monitoring.read": ["BUREAU", "COUNTY", "FINANCE"],
  /** Decide change requests and review flags (the city science bureau). */
  "monitoring.review": ["BUREAU"],
  /** Give the county's opinion on a change request. */
  "monitoring.countyOpinion": ["COUNTY"],
  /** Approve a change request that touches money (the finance bureau). */
  "monitoring.financeSign": ["FINANCE"],
  /** Record a site visit (实地核查): commissioners working in the county and county officers. */
  "monitoring.siteVisit": ["EXPERT", "COUNTY"],
  /** Propose a pairing for one's university or research institute, and file its reports (issue 23). */
  "pairing.propose": ["INSTITUTION"],
  /** Agree pairings and acknowledge their reports: the county's officer, or the city bureau. */
  "pairing.agree": ["BUREAU", "COUNTY"],
  /** Keep the local-talent register: county officers, the city bureau, commissioners in their counties. */
  "talent.record": ["BUREAU", "COUNTY", "EXPERT"],
  /** See a talent's full name and phone (asked for, audit-logged): county officers and the city bureau. */
  "talent.reveal": ["BUREAU", "COUNTY"],
  /** 利益联结: record one's own organisation's linkages with households (organisation-scoped; eligible types only). */
  "linkage.record": ["VILLAGE", "INSTITUTION"],
  /** Read every organisation's linkages and payments; county officers their county's households only. */
  "linkage.read": ["BUREAU", "COUNTY", "FINANCE"],
  "user.manage": ["ADMIN"],
  "settings.manage": ["ADMIN"],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export interface Actor {
  id: string;
  primaryRole: Role;
  memberships: { organisationId: string; role: Role }[];
}

export function rolesOf(actor: Actor): Set<Role> {
  return new Set([actor.primaryRole, ...actor.memberships.map((membership) => membership.role)]);
}

/**
 * True when the actor holds a role that carries the permission. With an organisation scope the
 * role must be held in that organisation. Platform admins pass every check.
 */
export function can(
  actor: Actor | null | undefined,
  permission: Permission,
  scope?: { organisationId: string },
): boolean {
  if (!actor) return false;
  if (actor.primaryRole === "ADMIN") return true;
  const allowed: readonly Role[] = PERMISSIONS[permission];
  if (scope) {
    return actor.memberships.some(
      (membership) => membership.organisationId === scope.organisationId && allowed.includes(membership.role),
    );
  }
  for (const role of rolesOf(actor)) if (allowed.includes(role)) return true;
  return false;
}
