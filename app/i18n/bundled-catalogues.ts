import { en } from "./en";
import { zh } from "./zh";

/**
 * Both whole catalogues, for the server (and tests and scripts). The browser build swaps this
 * module for bundled-catalogues.client.ts (see vite.config.ts): a page there gets the messages it
 * renders inside its HTML, and its language's whole catalogue later (page-messages.ts).
 */
export const bundledCatalogues: Partial<Record<"zh" | "en", Record<string, string>>> = { zh, en };
