import { can, type Actor } from "~/modules/users/permissions";
import { DomainError } from "~/utils/errors";

/*
 * Who may open a listing's page and its edit form, the same for every kind. Whoever may not is told
 * "not found" where knowing it exists would already say too much.
 */

interface ListingState {
  status: "DRAFT" | "PUBLISHED" | "WITHDRAWN";
  hiddenAt: Date | null;
}

/** How a kind's pages read one of its listings: its name in error codes (`offer.not_found`), its row, its owners. */
export interface ListingReader<Row> {
  prefix: "offer" | "service";
  find: (id: string) => Promise<Row | null>;
  owns: (actor: Actor | null, row: Row) => boolean;
}

/**
 * A listing's page for this viewer. Drafts are seen by their owners only; withdrawn and hidden
 * listings by their owners and the bureau; everyone else gets "not found", never a hint it exists.
 */
export async function listingForViewer<Row extends ListingState>(
  viewer: Actor | null,
  id: string,
  kind: ListingReader<Row>,
) {
  const listing = await kind.find(id);
  if (!listing) throw new DomainError(`${kind.prefix}.not_found`);
  const isOwner = kind.owns(viewer, listing);
  const canModerate = can(viewer, "content.moderate");
  const isPublic = listing.status === "PUBLISHED" && !listing.hiddenAt;
  if (!isOwner && !isPublic && !(canModerate && listing.status !== "DRAFT"))
    throw new DomainError(`${kind.prefix}.not_found`);
  return { listing, isOwner, canModerate };
}

/** The listing as its owner edits it; anyone else is refused, and told a draft is not there. */
export async function listingForOwner<Row extends ListingState>(
  actor: Actor,
  id: string,
  kind: ListingReader<Row>,
): Promise<Row> {
  const listing = await kind.find(id);
  if (!listing) throw new DomainError(`${kind.prefix}.not_found`);
  if (!kind.owns(actor, listing))
    throw new DomainError(
      listing.status === "DRAFT" ? `${kind.prefix}.not_found` : `${kind.prefix}.forbidden`,
    );
  return listing;
}
