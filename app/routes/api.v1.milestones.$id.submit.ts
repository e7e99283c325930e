import { submitMilestoneEndpoint } from "~/modules/api/endpoints.server";

export const action = submitMilestoneEndpoint.handle;
