import { Suspense, lazy, memo, type ComponentProps, type JSXElementConstructor } from "react";
import { useClientMessages } from "~/i18n/page-messages";
import { useT } from "~/i18n/use-t";

const onServer = typeof document === "undefined";
/** On the server: every deferred part's code, loading since the module was evaluated. */
const serverLoads: Promise<unknown>[] = [];

/**
 * A part of a page that only some viewers see — a form with its checking, which brings zod and
 * conform — loaded when it is first shown instead of with every first view of the page.
 *
 * The server renders it in full and in the same pass as the rest of the page (its code is loaded
 * before any page renders: deferredPartsLoaded), so the page reads and works the same without
 * JavaScript and embeds the messages the part renders. In the browser the server's HTML stays in
 * place until the part's code has arrived, then it hydrates; it is memoised so that a re-render
 * of the page with the same props does not reach it before then (React would drop the server's
 * HTML and render it anew). Only a client-side navigation shows the short "loading" line.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any component, whatever its props
export function deferred<Component extends JSXElementConstructor<any>>(
  load: () => Promise<Component>,
  {
    quiet = false,
  }: { /** Nothing in its place while it loads (a header badge), not a line. */ quiet?: boolean } = {},
) {
  const Part = lazy(() => load().then((component) => ({ default: component })));
  let loaded: Component | null = null;
  if (onServer)
    serverLoads.push(
      load().then((component) => {
        loaded = component;
      }),
    );
  return memo(function DeferredPart(props: ComponentProps<Component>) {
    useClientMessages("nav.loadingPart");
    const Loaded = loaded;
    return (
      <Suspense fallback={quiet ? null : <Loading />}>
        {Loaded ? <Loaded {...props} /> : <Part {...props} />}
      </Suspense>
    );
  });
}

/** The server waits for this before rendering a page, so no deferred part suspends there. */
export function deferredPartsLoaded(): Promise<unknown> {
  return Promise.all(serverLoads);
}

function Loading() {
  const { t } = useT();
  return (
    <p className="card text-stone-600" aria-busy="true">
      {t("nav.loadingPart")}
    </p>
  );
}
