// Run by `npm run build`, after the Remix build: bundles the HTTP/socket server (server/index.ts
// and the server/ files it imports) into build/server-node/ as ESM JavaScript, so production runs
// `node build/server-node/index.js` without compiling TypeScript at start (docs/decisions/043).
//
// npm packages stay external (node_modules is there at run time). App modules are NOT bundled: an
// `~/x` import of a server/ file becomes the module `~/x` of the Remix server build
// (build/server/index.js), which exports them through app/server-modules.server.ts. The process
// then holds one copy of each app module — one Prisma client, one search engine — not one in the
// server and another in the Remix build.
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import * as esbuild from "esbuild";

const root = path.resolve(import.meta.dirname, "..");
const serverDir = path.join(root, "server");
const appDir = path.join(root, "app");
const outdir = path.join(root, "build", "server-node");
/** The Remix server build, as the bundle imports it (relative to outdir). */
const REMIX_BUILD = "../server/index.js";
const TABLE = path.join(appDir, "server-modules.server.ts");

/** Value exports of an app module, read from its source by esbuild (no bundling). */
async function exportsOf(file: string): Promise<string[]> {
  const result = await esbuild.build({
    entryPoints: [file],
    bundle: false,
    write: false,
    metafile: true,
    format: "esm",
    platform: "node",
    logLevel: "silent",
  });
  const outputs = Object.values(result.metafile.outputs);
  if (/^\s*export \*/m.test(readFileSync(file, "utf8")))
    throw new Error(
      `${path.relative(root, file)} has "export *": list its exports by name for the server build`,
    );
  return outputs[0]?.exports ?? [];
}

function appFileOf(specifier: string): string {
  const base = path.join(appDir, specifier.slice(2));
  for (const candidate of [`${base}.ts`, `${base}.tsx`, path.join(base, "index.ts")]) {
    try {
      readFileSync(candidate);
      return candidate;
    } catch {
      // try the next
    }
  }
  throw new Error(`cannot find the app module ${specifier}`);
}

const listed = readFileSync(TABLE, "utf8");

const appModulesFromRemixBuild: esbuild.Plugin = {
  name: "app-modules-from-remix-build",
  setup(build) {
    build.onResolve({ filter: /^~\// }, (args) => {
      if (!args.importer.startsWith(serverDir + path.sep))
        return { errors: [{ text: `${args.path} imported from outside server/ (${args.importer})` }] };
      if (!listed.includes(`"${args.path}"`))
        return {
          errors: [
            {
              text: `server/ imports ${args.path}, which app/server-modules.server.ts does not list: add it there`,
            },
          ],
        };
      return { path: args.path, namespace: "remix-build-module" };
    });
    build.onResolve({ filter: /^\.\.\/server\/index\.js$/, namespace: "remix-build-module" }, (args) => ({
      path: args.path,
      external: true,
    }));
    build.onLoad({ filter: /.*/, namespace: "remix-build-module" }, async (args) => {
      const names = await exportsOf(appFileOf(args.path));
      const specifier = JSON.stringify(args.path);
      return {
        loader: "js",
        resolveDir: outdir,
        contents: [
          `import { entry } from ${JSON.stringify(REMIX_BUILD)};`,
          `const m = entry.module.serverModules?.[${specifier}];`,
          `if (!m) throw new Error(${JSON.stringify(`The Remix server build does not export ${args.path}: run "npm run build"`)});`,
          ...names.map((name) => `export const ${name} = m.${name};`),
        ].join("\n"),
      };
    });
  },
};

rmSync(outdir, { recursive: true, force: true });
const started = performance.now();
const result = await esbuild.build({
  entryPoints: { index: path.join(serverDir, "index.ts"), prepare: path.join(serverDir, "prepare.ts") },
  outdir,
  bundle: true,
  // Dynamic imports stay separate chunks, loaded when they run.
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20",
  packages: "external",
  // Unminified: stack traces name the functions as the source does.
  minify: false,
  metafile: true,
  logLevel: "warning",
  plugins: [appModulesFromRemixBuild],
});

const appInputs = Object.keys(result.metafile.inputs).filter((input) => input.startsWith("app/"));
if (appInputs.length > 0)
  throw new Error(`app modules were bundled into the server: ${appInputs.join(", ")}`);
writeFileSync(path.join(outdir, "meta.json"), JSON.stringify(result.metafile));
const bytes = Object.values(result.metafile.outputs).reduce((sum, output) => sum + output.bytes, 0);
const fromBuild = Object.keys(result.metafile.inputs).filter((input) =>
  input.startsWith("remix-build-module:"),
);
console.log(
  `server bundle: ${Object.keys(result.metafile.outputs).length} file(s), ${Math.round(bytes / 1024)} kB, ` +
    `${fromBuild.length} app modules from the Remix build, in ${Math.round(performance.now() - started)} ms`,
);
