import { fundMilestoneEndpoint } from "~/modules/api/endpoints.server";

export const action = fundMilestoneEndpoint.handle;
