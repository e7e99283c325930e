import type { Tx } from "~/db.server";
import type { IndexName } from "./search.types";

/**
 * Records, inside the caller's transaction, that these records changed and the search index
 * must catch up. The indexer reads the record's current state, so one kind of row covers
 * creation, edits, hiding and deletion alike.
 */
export async function markForIndexing(
  tx: Tx,
  index: IndexName,
  ids: string | readonly string[],
): Promise<void> {
  const list = typeof ids === "string" ? [ids] : ids;
  if (list.length === 0) return;
  await tx.searchOutbox.createMany({
    data: list.map((documentId) => ({ index, documentId, operation: "UPSERT" as const })),
  });
}
