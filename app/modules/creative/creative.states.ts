import type { BrandStage, DemoSiteStatus } from "~/generated/prisma/enums";
import type { Transitions } from "~/utils/state-machine";

/**
 * A brand moves forward one stage at a time; there is no going back. Incubation ends with the
 * launch; a launched brand may then be upgraded (品牌提升) and traded (品牌交易).
 */
export const BRAND_TRANSITIONS: Transitions<BrandStage> = {
  RESEARCH: ["DESIGN"],
  DESIGN: ["TRADEMARK_FILING"],
  TRADEMARK_FILING: ["LAUNCH"],
  LAUNCH: ["UPGRADING"],
  UPGRADING: ["TRADING"],
  TRADING: [],
};

/** The stages after the launch, where a launched brand is worked on again. */
export const POST_LAUNCH_STAGES: readonly BrandStage[] = ["UPGRADING", "TRADING"];

/**
 * Whether the project takes work in its stage: not abandoned, and either still incubating or
 * in a stage after its launch. A launched brand still at LAUNCH only moves on to upgrading.
 */
export function brandOpenFor(
  project: { stage: BrandStage; launchedAt: Date | null; abandonedAt: Date | null },
  intent: "update" | "advance" | "launch" | "abandon",
): boolean {
  if (project.abandonedAt) return false;
  if (!project.launchedAt) return !POST_LAUNCH_STAGES.includes(project.stage);
  if (POST_LAUNCH_STAGES.includes(project.stage)) return intent === "update" || intent === "advance";
  return intent === "advance";
}

/** A site is planned, built, then designated; the bureau may revoke it at any point. */
export const DEMO_TRANSITIONS: Transitions<DemoSiteStatus> = {
  PLANNED: ["BUILDING", "REVOKED"],
  BUILDING: ["DESIGNATED", "REVOKED"],
  DESIGNATED: ["REVOKED"],
  REVOKED: [],
};
