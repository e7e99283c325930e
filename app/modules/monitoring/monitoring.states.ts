import type { ChangeRequestStatus, FlagStatus } from "~/generated/prisma/enums";
import type { Transitions } from "~/utils/state-machine";

/**
 * 变更申请: the county gives its opinion (skipped when the county has no officer), the city
 * decides, and a change touching money waits for the finance bureau before it is approved.
 */
export const CHANGE_REQUEST_TRANSITIONS: Transitions<ChangeRequestStatus> = {
  AWAITING_COUNTY: ["AWAITING_BUREAU"],
  AWAITING_BUREAU: ["AWAITING_FINANCE", "APPROVED", "REFUSED"],
  AWAITING_FINANCE: ["APPROVED", "REFUSED"],
  APPROVED: [],
  REFUSED: [],
};

export const OPEN_CHANGE_STATUSES: ChangeRequestStatus[] = [
  "AWAITING_COUNTY",
  "AWAITING_BUREAU",
  "AWAITING_FINANCE",
];

/** A flag is reviewed once: dismissed with a reason, or confirmed (and then sanctioned). */
export const FLAG_TRANSITIONS: Transitions<FlagStatus> = {
  OPEN: ["DISMISSED", "CONFIRMED"],
  DISMISSED: [],
  CONFIRMED: [],
};
