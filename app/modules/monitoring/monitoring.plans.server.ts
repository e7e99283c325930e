import { z } from "zod";
import { db, type Tx } from "~/db.server";
import type { Prisma } from "~/generated/prisma/client";
import { DomainError } from "~/utils/errors";
import { BUDGET_CATEGORIES, type PlanContent, scaleLines, sumLines } from "./monitoring.budget";

/** Plan JSON as stored; read back through zod so a hand-edited row cannot break a page. */
const StoredLines = z.array(
  z.object({ category: z.enum(BUDGET_CATEGORIES), amountFen: z.number().int().min(0) }),
);
const StoredMilestones = z.array(z.object({ title: z.string(), dueOn: z.string() }));

const VERSION_SELECT = {
  version: true,
  budgetLines: true,
  scope: true,
  endsOn: true,
  milestones: true,
  team: true,
  suppliers: true,
  changeRequestId: true,
  createdAt: true,
} as const;

type VersionRow = Prisma.ProjectPlanVersionGetPayload<{ select: typeof VERSION_SELECT }>;

export interface PlanVersion extends PlanContent {
  version: number;
  changeRequestId: string | null;
  createdAt: Date;
}

export function dayText(date: Date | null): string | null {
  return date ? date.toISOString().slice(0, 10) : null;
}

export function toPlanContent(
  row: Omit<VersionRow, "version" | "changeRequestId" | "createdAt">,
): PlanContent {
  return {
    budgetLines: StoredLines.catch([]).parse(row.budgetLines),
    scope: row.scope,
    endsOn: dayText(row.endsOn),
    milestones: StoredMilestones.catch([]).parse(row.milestones),
    team: row.team,
    suppliers: row.suppliers,
  };
}

function toVersion(row: VersionRow): PlanVersion {
  return {
    ...toPlanContent(row),
    version: row.version,
    changeRequestId: row.changeRequestId,
    createdAt: row.createdAt,
  };
}

export function planData(plan: PlanContent) {
  return {
    budgetLines: plan.budgetLines as unknown as Prisma.InputJsonValue,
    scope: plan.scope,
    endsOn: plan.endsOn ? new Date(`${plan.endsOn}T00:00:00Z`) : null,
    milestones: plan.milestones as unknown as Prisma.InputJsonValue,
    team: plan.team,
    suppliers: plan.suppliers,
  };
}

/**
 * Version 0: the budget as the application asks for it, written with the application. Lines
 * must add up to the amount requested (the form checks; this is the service's own guard).
 */
export async function recordRequestedPlan(
  tx: Tx,
  applicationId: string,
  plan: Pick<PlanContent, "budgetLines" | "team" | "suppliers"> & { scope: string; requestedFen: number },
): Promise<void> {
  if (plan.budgetLines.length === 0 || sumLines(plan.budgetLines) !== plan.requestedFen)
    throw new DomainError("monitoring.budget_total");
  await tx.projectPlanVersion.create({
    data: {
      applicationId,
      version: 0,
      ...planData({ ...plan, endsOn: null, milestones: [] }),
    },
    select: { id: true },
  });
}

/**
 * Version 1 on approval: the requested lines scaled to the approved amount (scaleLines says
 * why). An application made without lines gets no version; its project files a budget change
 * request before it reports.
 */
export async function approveRequestedPlan(
  tx: Tx,
  applicationId: string,
  approvedFen: number,
): Promise<void> {
  const requested = await tx.projectPlanVersion.findUnique({
    where: { applicationId_version: { applicationId, version: 0 } },
    select: VERSION_SELECT,
  });
  if (!requested) return;
  const plan = toPlanContent(requested);
  await tx.projectPlanVersion.create({
    data: {
      applicationId,
      version: 1,
      ...planData({ ...plan, budgetLines: scaleLines(plan.budgetLines, approvedFen) }),
    },
    select: { id: true },
  });
}

/** Every version, oldest first: 0 (asked), 1 (approved), then one per approved change. */
export async function planVersions(
  applicationId: string,
  client: Tx | typeof db = db,
): Promise<PlanVersion[]> {
  const rows = await client.projectPlanVersion.findMany({
    where: { applicationId },
    orderBy: { version: "asc" },
    select: VERSION_SELECT,
  });
  return rows.map(toVersion);
}

/**
 * The plan the project is held to: the latest approved version (1 or later). Reports are checked
 * against it and the evaluation is made against it; a change still waiting for signatures is not it.
 */
export async function approvedPlanOf(
  applicationId: string,
  client: Tx | typeof db = db,
): Promise<PlanVersion | null> {
  const row = await client.projectPlanVersion.findFirst({
    where: { applicationId, version: { gte: 1 } },
    orderBy: { version: "desc" },
    select: VERSION_SELECT,
  });
  return row ? toVersion(row) : null;
}
