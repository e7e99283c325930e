import type { RevenueReportStatus } from "~/generated/prisma/enums";
import type { Transitions } from "~/utils/state-machine";

export const REVENUE_REPORT_TRANSITIONS: Transitions<RevenueReportStatus> = {
  REPORTED: ["SETTLED"],
  SETTLED: [],
};
