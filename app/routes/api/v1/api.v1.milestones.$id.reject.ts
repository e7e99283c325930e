import { methodNotAllowed } from "~/modules/api/endpoint.server";
import { rejectMilestoneEndpoint } from "~/modules/api/endpoints.server";

export const action = rejectMilestoneEndpoint.handle;
export const loader = methodNotAllowed(["POST"]);
