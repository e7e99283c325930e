import { methodNotAllowed } from "~/modules/api/endpoint.server";
import { disputeMilestoneEndpoint } from "~/modules/api/endpoints.server";

export const action = disputeMilestoneEndpoint.handle;
export const loader = methodNotAllowed(["POST"]);
