// Runs after `npm install` (postinstall). One change to a dependency, explained in
// docs/decisions/020-route-match-cache.md: @remix-run/router 1.23.3, as the server loads it
// (dist/router.cjs.js), flattens and ranks every route and compiles a regular expression for each
// branch it tries on every match — three times a request, ~300 branches — which was the largest
// part of the server's CPU per page. The patch keeps, per routes array, the ranked branches and
// the answers for recent paths, and each compiled path pattern. Only
// the server's copy: the browser's (dist/router.js) sees its routes grow as pages are discovered,
// and matches far less often.
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const file = require.resolve("@remix-run/router");
const replacements = [
  // 1. The ranked branches of a routes array, computed once; and the answers for the last
  //    thousand paths matched against it (matching is a pure function of the two).
  [
    `  let branches = flattenRoutes(routes);
  rankRouteBranches(branches);
  let matches = null;
  let decoded = decodePath(pathname);`,
    `  // XiangKe patch (scripts/patch-dependencies.mjs): ranked branches and answers, per routes array.
  let cached = matchCache.get(routes);
  if (!cached) {
    const branches = flattenRoutes(routes);
    rankRouteBranches(branches);
    cached = { branches, answers: new Map() };
    matchCache.set(routes, cached);
  }
  let branches = cached.branches;
  let matches = null;
  let decoded = decodePath(pathname);
  const answerKey = (allowPartial ? "+" : "=") + decoded;
  if (cached.answers.has(answerKey)) return copyMatches(cached.answers.get(answerKey));`,
  ],
  [
    `    matches = matchRouteBranch(branches[i], decoded, allowPartial);
  }
  return matches;
}`,
    `    matches = matchRouteBranch(branches[i], decoded, allowPartial);
  }
  if (cached.answers.size >= 1000) cached.answers.delete(cached.answers.keys().next().value);
  cached.answers.set(answerKey, matches);
  return copyMatches(matches);
}
// Callers get their own match objects, as they did before the cache.
function copyMatches(matches) {
  return matches && matches.map((match) => ({ ...match, params: { ...match.params } }));
}`,
  ],
  ["function matchRoutesImpl(", "const matchCache = new WeakMap();\nfunction matchRoutesImpl("],
  // 2. Each compiled path pattern, once. Route patterns are a fixed set; the bound only guards
  //    against a caller matching arbitrary ones.
  [
    "function compilePath(path, caseSensitive, end) {",
    `const compiledPaths = new Map();
function compilePath(path, caseSensitive, end) {
  const key = path + (caseSensitive ? "\\u0001" : "\\u0000") + (end === false ? "\\u0000" : "\\u0001");
  let compiled = compiledPaths.get(key);
  if (!compiled) {
    if (compiledPaths.size >= 2000) compiledPaths.clear();
    compiled = compilePathUncached(path, caseSensitive, end);
    compiledPaths.set(key, compiled);
  }
  return compiled;
}
function compilePathUncached(path, caseSensitive, end) {`,
  ],
];

const source = readFileSync(file, "utf8");
const version = JSON.parse(readFileSync(require.resolve("@remix-run/router/package.json"), "utf8")).version;
if (source.includes("XiangKe patch")) {
  console.log(`@remix-run/router ${version}: route-match cache already in place`);
} else if (version !== "1.23.3" || replacements.some(([from]) => source.split(from).length !== 2)) {
  // A different version: leave it alone and say so; it still works, only slower.
  console.warn(
    `@remix-run/router ${version}: not the expected source, route-match cache NOT applied (see docs/decisions/020)`,
  );
} else {
  const result = replacements.reduce((text, [from, to]) => text.replace(from, to), source);
  writeFileSync(file, result);
  console.log(`@remix-run/router ${version}: route-match cache applied to ${file}`);
}
