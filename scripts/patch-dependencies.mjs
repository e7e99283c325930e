// Runs after `npm install` (postinstall). One change to a dependency, explained in
// docs/decisions/020-route-match-cache.md: @remix-run/router 1.23.3, as the server loads it
// (dist/router.cjs.js), flattens and ranks every route and compiles a regular expression for each
// of them on every match — twice a request, ~300 branches — which was most of the server's CPU
// per page. The patch keeps the ranked branches per routes array and each compiled path. Only
// the server's copy: the browser's (dist/router.js) sees its routes grow as pages are discovered,
// and matches far less often.
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const file = require.resolve("@remix-run/router");
const original = `  let branches = flattenRoutes(routes);
  rankRouteBranches(branches);
  let matches = null;`;
const patched = `  // XiangKe patch (scripts/patch-dependencies.mjs): the ranked branches, once per routes array.
  let branches = rankedBranches.get(routes);
  if (!branches) {
    branches = flattenRoutes(routes);
    rankRouteBranches(branches);
    rankedBranches.set(routes, branches);
  }
  let matches = null;`;
const declaration = "const rankedBranches = new WeakMap();\nfunction matchRoutesImpl(";
// Route patterns are a fixed set; the bound only guards against a caller matching arbitrary ones.
const compiled = `const compiledPaths = new Map();
function compilePath(path, caseSensitive, end) {
  const key = path + "\\0" + caseSensitive + "\\0" + end;
  let compiled = compiledPaths.get(key);
  if (!compiled) {
    if (compiledPaths.size >= 2000) compiledPaths.clear();
    compiled = compilePathUncached(path, caseSensitive, end);
    compiledPaths.set(key, compiled);
  }
  return compiled;
}
function compilePathUncached(path, caseSensitive, end) {`;

const source = readFileSync(file, "utf8");
const version = JSON.parse(readFileSync(require.resolve("@remix-run/router/package.json"), "utf8")).version;
if (source.includes("XiangKe patch")) {
  console.log(`@remix-run/router ${version}: route-match cache already in place`);
} else if (version !== "1.23.3" || !source.includes(original) || !source.includes("function matchRoutesImpl(") || !source.includes("function compilePath(path, caseSensitive, end) {")) {
  // A different version: leave it alone and say so; it still works, only slower.
  console.warn(`@remix-run/router ${version}: not the expected source, route-match cache NOT applied (see docs/decisions/020)`);
} else {
  const result = source
    .replace(original, patched)
    .replace("function matchRoutesImpl(", declaration)
    .replace("function compilePath(path, caseSensitive, end) {", compiled);
  writeFileSync(file, result);
  console.log(`@remix-run/router ${version}: route-match cache applied to ${file}`);
}
