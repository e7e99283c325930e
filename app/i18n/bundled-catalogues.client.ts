/** The browser starts with no catalogue: see bundled-catalogues.ts and page-messages.ts. */
export const bundledCatalogues: Partial<Record<"zh" | "en", Record<string, string>>> = {};
