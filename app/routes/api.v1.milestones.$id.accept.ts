import { acceptMilestoneEndpoint } from "~/modules/api/endpoints.server";

export const action = acceptMilestoneEndpoint.handle;
