import type { WithdrawalStatus } from "~/generated/prisma/enums";
import type { Transitions } from "~/utils/state-machine";

export const WITHDRAWAL_TRANSITIONS: Transitions<WithdrawalStatus> = {
  // SEIZED: a claw-back took the held money back before it was paid out.
  REQUESTED: ["PAID", "REJECTED", "SEIZED"],
  PAID: [],
  REJECTED: [],
  SEIZED: [],
};
