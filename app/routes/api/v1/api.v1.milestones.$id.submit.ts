import { methodNotAllowed } from "~/modules/api/endpoint.server";
import { submitMilestoneEndpoint } from "~/modules/api/endpoints.server";

export const action = submitMilestoneEndpoint.handle;
export const loader = methodNotAllowed(["POST"]);
