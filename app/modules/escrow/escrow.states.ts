import type { AgreementStatus, MilestoneStatus } from "~/generated/prisma/enums";
import type { Transitions } from "~/utils/state-machine";

/*
 * Both tables live with escrow, the lowest module that moves an agreement between states (a
 * dispute makes it DISPUTED, the last released milestone COMPLETED); agreements, which calls
 * escrow to refund on termination, reads them from here.
 */

/** DESIGN §3. An agreement is DISPUTED while one of its milestones is, then ACTIVE again. */
export const AGREEMENT_TRANSITIONS: Transitions<AgreementStatus> = {
  DRAFT: ["PROPOSED", "TERMINATED"],
  PROPOSED: ["SIGNED", "DRAFT", "TERMINATED"],
  SIGNED: ["ACTIVE", "TERMINATED"],
  ACTIVE: ["COMPLETED", "TERMINATED", "DISPUTED"],
  DISPUTED: ["ACTIVE", "TERMINATED"],
  COMPLETED: [],
  TERMINATED: [],
};

/** DESIGN §3: fund → hold → submit → accept → release; reject/resubmit; dispute → split; refund. */
export const MILESTONE_TRANSITIONS: Transitions<MilestoneStatus> = {
  PLANNED: ["FUNDED"],
  FUNDED: ["SUBMITTED", "DISPUTED", "REFUNDED"],
  SUBMITTED: ["RELEASED", "REJECTED", "DISPUTED"],
  REJECTED: ["SUBMITTED", "DISPUTED", "REFUNDED"],
  DISPUTED: ["RESOLVED"],
  RELEASED: [],
  RESOLVED: [],
  REFUNDED: [],
};

/** Milestones whose money has reached its end: paid, split or returned. */
export const FINAL_MILESTONE_STATES: readonly MilestoneStatus[] = ["RELEASED", "RESOLVED", "REFUNDED"];
