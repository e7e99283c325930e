// Subject types that have a page of their own; other types are shown without a link.
const SUBJECT_PAGES = new Map<string, string>([
  ["Need", "/needs/"],
  ["Offer", "/offers/"],
  ["Agreement", "/agreements/"],
  ["SpaceService", "/services/"],
  ["Organisation", "/orgs/"],
]);

/** The page of an audited subject, or null when its type has none. */
export function subjectHref(subjectType: string, subjectId: string): string | null {
  const base = SUBJECT_PAGES.get(subjectType);
  return base ? base + encodeURIComponent(subjectId) : null;
}
