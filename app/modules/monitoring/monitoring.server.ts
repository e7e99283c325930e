/** Project monitoring (plan §5, issue 22): what routes and other modules call. */
export {
  approveRequestedPlan,
  approvedPlanOf,
  planVersions,
  recordRequestedPlan,
} from "./monitoring.plans.server";
export { requestChange, signChangeRequest } from "./monitoring.changes.server";
export { fileProgressReport, recordSiteVisit, reportSchedule } from "./monitoring.reports.server";
export { confirmedFlagRule, flagOverdueReports, listFlags, reviewFlag } from "./monitoring.flags.server";
export {
  changeRequestsAwaiting,
  mayReadMonitoringPhoto,
  planPage,
  reportsPage,
} from "./monitoring.queries.server";
