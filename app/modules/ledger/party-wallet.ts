import type { Owner } from "./ledger.server";

/** A party to a contract as the records name it: the person, and the organisation they act for if any. */
export interface ContractParty {
  userId: string;
  organisationId: string | null;
}

/**
 * Who is paid, and who pays (DESIGN §4 "Who is paid"): the party named in the agreement,
 * programme application or co-funding share. When that party is an organisation its money lands
 * in and leaves from the organisation's wallet; the person's own wallet is only for a person
 * acting for themselves. Every place that moves money to or from a party asks this one function.
 */
export function partyWallet(party: ContractParty): Owner {
  return party.organisationId ? { organisationId: party.organisationId } : { userId: party.userId };
}
