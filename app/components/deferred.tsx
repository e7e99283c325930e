import { Suspense, lazy, type ComponentProps, type JSXElementConstructor } from "react";
import { useClientMessages } from "~/i18n/page-messages";
import { useT } from "~/i18n/use-t";

/**
 * A part of a page that only some viewers see — a form with its checking, which brings zod and
 * conform — loaded when it is first shown instead of with every first view of the page.
 *
 * The server renders it in full (entry.server sends the whole document at once), so the page reads
 * and works the same without JavaScript; in the browser the server's HTML stays in place until the
 * part's code has arrived, then it hydrates. Only a client-side navigation shows the short
 * "loading" line.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any component, whatever its props
export function deferred<Component extends JSXElementConstructor<any>>(
  load: () => Promise<Component>,
  {
    quiet = false,
  }: { /** Nothing in its place while it loads (a header badge), not a line. */ quiet?: boolean } = {},
) {
  const Part = lazy(() => load().then((component) => ({ default: component })));
  return function DeferredPart(props: ComponentProps<Component>) {
    useClientMessages("nav.loadingPart");
    return (
      <Suspense fallback={quiet ? null : <Loading />}>
        <Part {...props} />
      </Suspense>
    );
  };
}

function Loading() {
  const { t } = useT();
  return (
    <p className="card text-stone-600" aria-busy="true">
      {t("nav.loadingPart")}
    </p>
  );
}
