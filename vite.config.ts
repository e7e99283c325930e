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

let shellModules: Set<string> | null = null;
/** What the root route imports, and what that imports in turn: the code every page loads anyway. */
function shell(getModuleInfo: (id: string) => { importedIds: readonly string[] } | null): Set<string> {
  if (shellModules) return shellModules;
  const root = path.resolve(import.meta.dirname, "app/root.tsx");
  const found = new Set<string>();
  const stack = [root];
  while (stack.length > 0) {
    const id = stack.pop()!;
    if (found.has(id) || FRAMEWORK.test(id)) continue;
    found.add(id);
    stack.push(...(getModuleInfo(id)?.importedIds ?? []));
  }
  found.delete(root);
  shellModules = found;
  return found;
}

export default defineConfig(({ isSsrBuild }) => ({
  resolve: { alias: { "~": path.resolve(import.meta.dirname, "app") } },
  server: { hmr: { port: 24678 } },
  build: {
    target: "es2020",
    // The browser's code goes through terser, twice over: on React and Remix it takes 3 kB of the
    // 74 kB that esbuild leaves (Brotli), which a first view on a slow link must carry. The
    // server's build stays unminified, as Vite builds it.
    minify: isSsrBuild ? false : "terser",
    terserOptions: { compress: { passes: 2 }, format: { comments: false } },
    // Dozens of sub-kilobyte chunks each cost a request and its headers on a slow link: chunks
    // smaller than this are merged into the chunks that use them.
    rollupOptions: {
      output: {
        experimentalMinChunkSize: 1024,
        // React and Remix in one chunk every page loads (and caches for a year): split by the
        // pages that import them, their pieces cost a request each and compress worse apart.
        // What the root route brings (the header, the forms' helpers, the messages) in a second
        // one: every page loads all of it anyway, and apart it was five more requests.
        manualChunks(id, { getModuleInfo }) {
          if (FRAMEWORK.test(id)) return "framework";
          return shell(getModuleInfo).has(id) ? "shell" : undefined;
        },
      },
    },
  },
  plugins: [browserCatalogues(), remix(remixConfig)],
}));
