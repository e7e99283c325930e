import { methodNotAllowed } from "~/modules/api/endpoint.server";
import { buildOpenApi } from "~/modules/api/openapi.server";

export function loader() {
  return Response.json(buildOpenApi(), { headers: { "Cache-Control": "public, max-age=300" } });
}
export const action = methodNotAllowed(["GET"]);
