import type { AgreementVersionStatus, EquityStatus } from "~/generated/prisma/enums";
import type { Transitions } from "~/utils/state-machine";

/**
 * A version is drafted, proposed (terms frozen) and signed by both; a later signed amendment
 * supersedes it. A draft or proposal that is declined or cut short by termination is withdrawn.
 */
export const AGREEMENT_VERSION_TRANSITIONS: Transitions<AgreementVersionStatus> = {
  DRAFT: ["PROPOSED", "WITHDRAWN"],
  PROPOSED: ["SIGNED", "WITHDRAWN"],
  SIGNED: ["SUPERSEDED"],
  SUPERSEDED: [],
  WITHDRAWN: [],
};

/** A holding follows the signed terms: the next signed version supersedes it, termination ends it. */
export const EQUITY_TRANSITIONS: Transitions<EquityStatus> = {
  ACTIVE: ["SUPERSEDED", "ENDED"],
  SUPERSEDED: [],
  ENDED: [],
};
