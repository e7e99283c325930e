import type { Tx } from "~/db.server";
import { recordAudit } from "./audit.server";

/** A row moving from one status to another: the audit subject and the two statuses. */
export interface StatusChange {
  type: string;
  id: string;
  from: string;
  to: string;
}

/** The audit entry of a status change, whose `before` and `after` hold the status alone. */
export function recordStatusChange(
  tx: Tx,
  change: StatusChange,
  entry: { actorId: string | null; action: string; ip?: string | null },
): Promise<void> {
  return recordAudit(tx, {
    ...entry,
    subjectType: change.type,
    subjectId: change.id,
    before: { status: change.from },
    after: { status: change.to },
  });
}
