/**
 * No file-level import cycle in the app or the server. Cycles between whole modules
 * (app/modules/<name>) are checked by scripts/check-module-cycles.ts from this tool's graph.
 */
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "no-file-cycle",
      comment: "Two files import each other, directly or through others.",
      severity: "error",
      from: { path: "^(app|server)/" },
      to: { circular: true, viaOnly: { dependencyTypesNot: ["type-only"] } },
    },
  ],
  options: {
    doNotFollow: { path: ["node_modules", "app/generated"] },
    exclude: { path: ["\\.test\\.tsx?$", "app/generated/"] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: { extensions: [".ts", ".tsx", ".js", ".mjs"] },
  },
};
