import { rejectMilestoneEndpoint } from "~/modules/api/endpoints.server";

export const action = rejectMilestoneEndpoint.handle;
