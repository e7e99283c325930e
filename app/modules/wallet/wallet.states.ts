import type { WithdrawalStatus } from "~/generated/prisma/enums";
import type { Transitions } from "~/utils/state-machine";

export const WITHDRAWAL_TRANSITIONS: Transitions<WithdrawalStatus> = {
  REQUESTED: ["PAID", "REJECTED"],
  PAID: [],
  REJECTED: [],
};
