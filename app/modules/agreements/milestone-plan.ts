import type { MilestoneStatus } from "~/generated/prisma/enums";
import type { AgreementTerms } from "./terms";
import { plannedMilestones } from "./terms";

/** The end of a due day in Luoyang: work is due by that evening. */
export function dueDateOf(day: string | undefined): Date | null {
  return day ? new Date(`${day}T23:59:59+08:00`) : null;
}

export interface ExistingMilestone {
  id: string;
  position: number;
  status: MilestoneStatus;
  title: string;
  deliverables: string;
  acceptanceCriteria: string;
  amountFen: number;
  dueDate: Date | null;
}

export type MilestonePlanStep =
  | { kind: "create"; position: number; milestone: ReturnType<typeof plannedMilestones>[number] }
  | { kind: "update"; id: string; milestone: ReturnType<typeof plannedMilestones>[number] }
  | { kind: "keep"; id: string }
  | { kind: "delete"; id: string };

export interface LockedConflict {
  position: number;
  title: string;
}

/**
 * How the milestone rows must change for new signed terms, matched by position. Money may be in
 * escrow for any milestone past PLANNED, so such a milestone must come through an amendment
 * exactly as it was: changing or removing it is a conflict (the amendment is refused).
 */
export function planMilestones(
  existing: ExistingMilestone[],
  terms: AgreementTerms,
): { steps: MilestonePlanStep[]; conflicts: LockedConflict[] } {
  const planned = plannedMilestones(terms);
  const byPosition = new Map(existing.map((row) => [row.position, row]));
  const steps: MilestonePlanStep[] = [];
  const conflicts: LockedConflict[] = [];
  for (const milestone of planned) {
    const row = byPosition.get(milestone.position);
    byPosition.delete(milestone.position);
    if (!row) steps.push({ kind: "create", position: milestone.position, milestone });
    else if (row.status === "PLANNED") steps.push({ kind: "update", id: row.id, milestone });
    else if (sameMilestone(row, milestone)) steps.push({ kind: "keep", id: row.id });
    else conflicts.push({ position: row.position, title: row.title });
  }
  for (const row of byPosition.values()) {
    if (row.status === "PLANNED") steps.push({ kind: "delete", id: row.id });
    else conflicts.push({ position: row.position, title: row.title });
  }
  conflicts.sort((a, b) => a.position - b.position);
  return { steps, conflicts };
}

function sameMilestone(
  row: ExistingMilestone,
  milestone: ReturnType<typeof plannedMilestones>[number],
): boolean {
  return (
    row.title === milestone.title &&
    row.deliverables === milestone.deliverables &&
    row.acceptanceCriteria === milestone.acceptanceCriteria &&
    row.amountFen === milestone.amountFen &&
    (row.dueDate?.getTime() ?? null) === (dueDateOf(milestone.dueDate)?.getTime() ?? null)
  );
}
