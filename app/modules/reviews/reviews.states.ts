import type { ReviewReportStatus } from "~/generated/prisma/enums";
import type { Transitions } from "~/utils/state-machine";

/** Staff decide an open report once: upheld (the review is hidden) or dismissed (it stays). */
export const REVIEW_REPORT_TRANSITIONS: Transitions<ReviewReportStatus> = {
  OPEN: ["UPHELD", "DISMISSED"],
  UPHELD: [],
  DISMISSED: [],
};
