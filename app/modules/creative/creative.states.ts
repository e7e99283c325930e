import type { BrandStage, DemoSiteStatus } from "~/generated/prisma/enums";
import type { Transitions } from "~/utils/state-machine";

/** A brand moves forward one stage at a time; there is no going back. */
export const BRAND_TRANSITIONS: Transitions<BrandStage> = {
  RESEARCH: ["DESIGN"],
  DESIGN: ["TRADEMARK_FILING"],
  TRADEMARK_FILING: ["LAUNCH"],
  LAUNCH: [],
};

/** A site is planned, built, then designated; the bureau may revoke it at any point. */
export const DEMO_TRANSITIONS: Transitions<DemoSiteStatus> = {
  PLANNED: ["BUILDING", "REVOKED"],
  BUILDING: ["DESIGNATED", "REVOKED"],
  DESIGNATED: ["REVOKED"],
  REVOKED: [],
};
