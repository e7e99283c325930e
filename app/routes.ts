import { flatRoutes } from "@remix-run/fs-routes";
import type { RouteConfig } from "@remix-run/route-config";

/**
 * One folder of routes per area. Inside a folder the files keep Remix's flat-routes names, which
 * spell the whole URL (`needs/needs.$id_.edit.tsx` answers /needs/:id/edit), so a file still says
 * where it answers and a layout nests the routes of its own folder. A folder missing here serves
 * nothing: tests/integration/security-matrix.test.ts fails for any route file the config leaves out.
 */
export const ROUTE_AREAS = [
  "site",
  "account",
  "needs",
  "reach",
  "offers",
  "agreements",
  "programmes",
  "messages",
  "spaces",
  "commissioners",
  "wallet",
  "profiles",
  "creative",
  "bureau",
  // financing (issue 23)
  "financing",
  "pairings",
  "villages",
  "linkage",
  "api/v1",
];

// Helpers beside a route start with "+" and tests end in .test.ts(x).
const ignoredRouteFiles = ["**/*.test.{ts,tsx}", "**/+*"];

export default Promise.all(
  ROUTE_AREAS.map((area) => flatRoutes({ rootDirectory: `routes/${area}`, ignoredRouteFiles })),
).then((areas) => areas.flat()) satisfies RouteConfig;
