import { methodNotAllowed } from "~/modules/api/endpoint.server";
import { fundMilestoneEndpoint } from "~/modules/api/endpoints.server";

export const action = fundMilestoneEndpoint.handle;
export const loader = methodNotAllowed(["POST"]);
