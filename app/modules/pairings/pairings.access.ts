import type { OrganisationType } from "~/generated/prisma/enums";
import { canInCounty, type CountyActor } from "~/modules/oversight/county-access";
import { can } from "~/modules/users/permissions";

/** Who pairs with counties and villages (plan §4): universities and research institutes. */
export const PAIRING_ORGANISATION_TYPES: readonly OrganisationType[] = ["UNIVERSITY", "RESEARCH_INSTITUTE"];

/** An institution account of the organisation: proposes, reports and ends its pairings. */
export function actsForInstitution(actor: CountyActor, organisationId: string): boolean {
  return can(actor, "pairing.propose", { organisationId });
}

/** The county's officer, or the city bureau: agrees pairings and acknowledges their reports. */
export function overseesPairingsIn(actor: CountyActor, countyCode: string): boolean {
  return canInCounty(actor, "pairing.agree", countyCode);
}

/** 张三 → 张*: a person's name as the register shows it to those not entitled to the full one. */
export function maskPersonName(name: string): string {
  const chars = Array.from(name.trim());
  if (chars.length <= 1) return "*";
  return `${chars[0]}${"*".repeat(chars.length - 1)}`;
}
