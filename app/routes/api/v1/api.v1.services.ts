import { methodNotAllowed } from "~/modules/api/endpoint.server";
import { createServiceEndpoint } from "~/modules/api/endpoints.server";

// Services are listed through /api/v1/search?type=services, as on the /services page.
export const loader = methodNotAllowed(["POST"]);
export const action = createServiceEndpoint.handle;
