// Module hooks of the equal-work rendering baseline (bench/render-baseline.ts registers them):
// the app's built server bundle (build/server/) imports "@remix-run/react"; it gets
// bench/render-baseline-remix.ts instead — the same package with a RemixServer that renders the
// same tree from a router built once (see that file). Every other import is left alone.
const SHIM = new URL("./render-baseline-remix.ts", import.meta.url).href;

export async function resolve(specifier, context, nextResolve) {
  if (specifier === "@remix-run/react" && context.parentURL?.includes("/build/server/"))
    return nextResolve(SHIM, context);
  return nextResolve(specifier, context);
}
