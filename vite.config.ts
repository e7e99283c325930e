import path from "node:path";
import { vitePlugin as remix } from "@remix-run/dev";
import { defineConfig, type Plugin } from "vite";
import remixConfig from "./remix.config.js";

declare module "@remix-run/node" {
  interface Future {
    v3_singleFetch: true;
  }
}

/**
 * The browser build gets no bundled message catalogue: pages embed the messages they render and
 * fetch the rest later (app/i18n/page-messages.tsx, docs/decisions/019). The server keeps both.
 */
function browserCatalogues(): Plugin {
  const bundled = path.resolve(import.meta.dirname, "app/i18n/bundled-catalogues.ts");
  return {
    name: "xiangke-browser-catalogues",
    enforce: "pre",
    async resolveId(source, importer, options) {
      if (options?.ssr || !importer) return null;
      const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
      return resolved?.id === bundled ? bundled.replace(/\.ts$/, ".client.ts") : null;
    },
  };
}

const FRAMEWORK =
  /\/node_modules\/(react|react-dom|scheduler|@remix-run\/[\w-]+|react-router|react-router-dom|turbo-stream)\//;

export default defineConfig({
  resolve: { alias: { "~": path.resolve(import.meta.dirname, "app") } },
  server: { hmr: { port: 24678 } },
  build: {
    target: "es2020",
    // Dozens of sub-kilobyte chunks each cost a request and its headers on a slow link: chunks
    // smaller than this are merged into the chunks that use them.
    rollupOptions: {
      output: {
        experimentalMinChunkSize: 1024,
        // React and Remix in one chunk every page loads (and caches for a year): split by the
        // pages that import them, their pieces cost a request each and compress worse apart.
        manualChunks: (id) => (FRAMEWORK.test(id) ? "framework" : undefined),
      },
    },
  },
  plugins: [browserCatalogues(), remix(remixConfig)],
});
