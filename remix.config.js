/**
 * Remix options, kept in the file the project's owner asked for; vite.config.ts hands them to
 * the Remix Vite plugin. Every v3 future flag is on so the upgrade to React Router 7 is small.
 */
/** @type {import('@remix-run/dev').VitePluginConfig} */
export default {
  appDirectory: "app",
  buildDirectory: "build",
  serverModuleFormat: "esm",
  future: {
    v3_fetcherPersist: true,
    v3_relativeSplatPath: true,
    v3_throwAbortReason: true,
    v3_lazyRouteDiscovery: true,
    v3_singleFetch: true,
    v3_routeConfig: true,
  },
};
