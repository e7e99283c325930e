import { flatRoutes } from "@remix-run/fs-routes";
import type { RouteConfig } from "@remix-run/route-config";

// File-system routes; helpers beside a route start with "+" and tests end in .test.ts(x).
export default flatRoutes({
  ignoredRouteFiles: ["**/*.test.{ts,tsx}", "**/+*"],
}) satisfies RouteConfig;
