import type { AgreementParty } from "~/generated/prisma/enums";
import type { Owner } from "~/modules/ledger/ledger.server";
import { partyWallet } from "~/modules/ledger/party-wallet";
import type { Actor } from "~/modules/users/permissions";

export interface AgreementSides {
  payerUserId: string;
  payerOrganisationId: string | null;
  payeeUserId: string;
  payeeOrganisationId: string | null;
}

/**
 * Which side of the agreement the actor acts for, or null. The paying side is the person named
 * on it or a village-role member of its organisation; the providing side is the expert named on
 * it or an institution-role member of their institution (which co-signs, DESIGN §1).
 */
export function partyOf(
  actor: Pick<Actor, "id" | "memberships">,
  sides: AgreementSides,
): AgreementParty | null {
  const memberAs = (organisationId: string | null, role: string) =>
    organisationId !== null &&
    actor.memberships.some((m) => m.organisationId === organisationId && m.role === role);
  if (actor.id === sides.payerUserId || memberAs(sides.payerOrganisationId, "VILLAGE")) return "PAYER";
  if (actor.id === sides.payeeUserId || memberAs(sides.payeeOrganisationId, "INSTITUTION")) return "PAYEE";
  return null;
}

export function otherParty(party: AgreementParty): AgreementParty {
  return party === "PAYER" ? "PAYEE" : "PAYER";
}

/** The wallet the paying side pays from: its organisation's, or the person's own for a farmer's need. */
export function payerWallet(sides: Pick<AgreementSides, "payerUserId" | "payerOrganisationId">): Owner {
  return partyWallet({ userId: sides.payerUserId, organisationId: sides.payerOrganisationId });
}

/**
 * The wallet the providing side is paid into: the payee organisation the agreement names (the
 * expert's institution, which is the contracting party), or the expert's own when they contract
 * for themselves.
 */
export function payeeWallet(sides: Pick<AgreementSides, "payeeUserId" | "payeeOrganisationId">): Owner {
  return partyWallet({ userId: sides.payeeUserId, organisationId: sides.payeeOrganisationId });
}
