import { createContext, useContext, useSyncExternalStore } from "react";
import { useNonce } from "~/utils/nonce";
import {
  addMessages,
  embeddedMessagesJson,
  isLocale,
  setTranslationHooks,
  type Locale,
  type MessageKey,
} from "./i18n";
import type { Namespace } from "./message-key";

/*
 * How a browser gets its messages (docs/decisions/019). The whole catalogue of one language is
 * ~40 kB gzipped, more than a quarter of a page's JavaScript budget, and a page uses a few dozen
 * of its keys. So the server records the keys a page translates while rendering it
 * (message-usage.server.ts), adds those its components declare for states only the browser shows
 * (useClientMessages), and embeds those messages in the page as JSON; the browser reads them
 * before hydrating, then fetches its language's whole catalogue (a cached chunk) at the first
 * touch, click or key press, for the pages it navigates to next (entry.client.tsx). A message needed before that arrives renders blank,
 * starts the fetch, and every component using useT renders again when it lands.
 */

/** On the server: the keys (and declared namespaces) the page being rendered needs so far. */
export const MessageUsageContext = createContext<Set<string> | null>(null);

const ELEMENT_ID = "xk-messages";
/** In the browser: what the page embedded, so hydration renders the same element. */
let embedded = "";

function serialise(locale: Locale, used: Set<string>): string {
  const json = `{"locale":${JSON.stringify(locale)},"messages":${embeddedMessagesJson(locale, used)}}`;
  // Inside <script>: no "</script>" or "<!--" may appear, so every "<" is escaped.
  return json.replace(/</g, "\\u003c");
}

/** The page's messages, last in <body>: by then every component of the page has rendered. */
export function PageMessages({ locale }: { locale: Locale }) {
  const used = useContext(MessageUsageContext);
  // A data block runs nothing, but it carries the nonce like every script element of the page.
  const nonce = useNonce();
  const json = used ? serialise(locale, used) : embedded;
  return (
    <script
      type="application/json"
      id={ELEMENT_ID}
      nonce={nonce}
      suppressHydrationWarning
      dangerouslySetInnerHTML={{ __html: json }}
    />
  );
}

/**
 * Messages a component shows in states only the browser reaches — offline, waiting for a signal,
 * a failed upload — when the rest of the catalogue may never arrive: the page carries them though
 * the server did not render them. A namespace ("chat") brings all of its keys.
 */
export function useClientMessages(...needed: (MessageKey | Namespace)[]): void {
  const used = useContext(MessageUsageContext);
  if (used) for (const entry of needed) used.add(entry);
}

const loaders: Record<Locale, () => Promise<Record<string, string>>> = {
  zh: () => import("./zh").then((module) => module.zh),
  en: () => import("./en").then((module) => module.en),
};
const loaded: Record<Locale, Promise<void> | "done" | null> = { zh: null, en: null };
let version = 0;
let missed = false;
const listeners = new Set<() => void>();

/** Fetches a language's whole catalogue once; re-renders translated components if any missed. */
export function loadCatalogue(locale: Locale): Promise<void> {
  const state = loaded[locale];
  if (state === "done") return Promise.resolve();
  if (state) return state;
  const loading = loaders[locale]()
    .then((messages) => {
      addMessages(locale, messages);
      loaded[locale] = "done";
      if (missed) {
        missed = false;
        version += 1;
        for (const listener of listeners) listener();
      }
    })
    .catch(() => {
      // Offline or a new deployment: the next missing message tries again.
      loaded[locale] = null;
    });
  loaded[locale] = loading;
  return loading;
}

/** In the browser, before hydrating: the page's embedded messages, and fetching on a miss. */
export function startBrowserMessages(): Locale | null {
  embedded = document.getElementById(ELEMENT_ID)?.textContent ?? "";
  setTranslationHooks({
    missing: (locale) => {
      if (loaded[locale] === "done") return false;
      missed = true;
      void loadCatalogue(locale);
      return true;
    },
  });
  try {
    const page = JSON.parse(embedded) as { locale?: unknown; messages?: Record<string, string> };
    if (!isLocale(page.locale)) return null;
    addMessages(page.locale, page.messages ?? {});
    return page.locale;
  } catch {
    return null;
  }
}

const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};

/** Changes when a catalogue arrived after something had rendered without it (see useT). */
export function useCatalogueVersion(): number {
  return useSyncExternalStore(
    subscribe,
    () => version,
    () => 0,
  );
}
