import { buildOpenApi } from "~/modules/api/openapi.server";

export function loader() {
  return Response.json(buildOpenApi(), { headers: { "Cache-Control": "public, max-age=300" } });
}
