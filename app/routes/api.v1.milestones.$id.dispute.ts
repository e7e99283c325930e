import { disputeMilestoneEndpoint } from "~/modules/api/endpoints.server";

export const action = disputeMilestoneEndpoint.handle;
