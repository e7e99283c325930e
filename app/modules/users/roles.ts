import type { OrganisationType, Role } from "~/generated/prisma/enums";

export const ROLES = [
  "VILLAGE",
  "FARMER",
  "EXPERT",
  "INSTITUTION",
  "SPACE",
  "BUREAU",
  "COUNTY",
  "FINANCE",
  "ADMIN",
] as const satisfies readonly Role[];

/** Roles a person may choose when registering; bureau and admin accounts are created by staff. */
export const SELF_REGISTER_ROLES = [
  "FARMER",
  "VILLAGE",
  "EXPERT",
  "INSTITUTION",
  "SPACE",
] as const satisfies readonly Role[];
export type SelfRegisterRole = (typeof SELF_REGISTER_ROLES)[number];

/** The organisation types that fit each organisation role. */
export const ORGANISATION_TYPES_BY_ROLE = {
  VILLAGE: ["VILLAGE_COMMITTEE", "COOPERATIVE", "FAMILY_FARM", "LARGE_GROWER"],
  INSTITUTION: ["UNIVERSITY", "RESEARCH_INSTITUTE", "ENTERPRISE", "FINANCIAL_INSTITUTION", "SERVICE_AGENCY"],
  SPACE: ["STAR_SPACE"],
  BUREAU: ["BUREAU"],
} as const satisfies Partial<Record<Role, readonly OrganisationType[]>>;

export type OrganisationRole = keyof typeof ORGANISATION_TYPES_BY_ROLE;

export function isOrganisationRole(role: string): role is OrganisationRole {
  return role in ORGANISATION_TYPES_BY_ROLE;
}
