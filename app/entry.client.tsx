import { RemixBrowser } from "@remix-run/react";
import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";
import { loadCatalogue, startBrowserMessages } from "~/i18n/page-messages";

// The page's own messages come embedded in it; the rest of its language's catalogue follows
// once the page is idle (docs/decisions/019).
const locale = startBrowserMessages();

startTransition(() => {
  hydrateRoot(
    document,
    <StrictMode>
      <RemixBrowser />
    </StrictMode>,
  );
});

if (locale) {
  const later = window.requestIdleCallback ?? ((work: () => void) => window.setTimeout(work, 1_000));
  later(() => void loadCatalogue(locale));
}
