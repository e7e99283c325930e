import { RemixBrowser } from "@remix-run/react";
import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";
import { loadCatalogue, startBrowserMessages } from "~/i18n/page-messages";

// The page's own messages come embedded in it; the rest of its language's catalogue follows
// when the person first touches, clicks or types — before any navigation it may be needed for —
// so a page only read never downloads or parses it (docs/decisions/019).
function start() {
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
    const events = ["pointerdown", "touchstart", "keydown", "focusin"] as const;
    const load = () => {
      for (const event of events) window.removeEventListener(event, load, true);
      void loadCatalogue(locale);
    };
    for (const event of events) window.addEventListener(event, load, { capture: true, passive: true });
  }
}

// This module can run before the browser has read the whole page: its scripts come from the
// cache at once while the end of a long page is still on the way. The page's messages are
// embedded last, so they are read — and the page hydrated — once the document is parsed;
// earlier, every text rendered blank and hydration failed (#418/#425/#423, seen on /wallet).
if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start, { once: true });
else start();
