/**
 * Budget lines of a funded project, in the categories of a Chinese science-project budget
 * (科技项目经费预算科目). A plan's lines sum to the money asked for or approved; amounts are fen.
 */
export const BUDGET_CATEGORIES = [
  "EQUIPMENT",
  "MATERIALS",
  "TESTING",
  "TRAVEL",
  "MEETINGS",
  "LABOUR",
  "CONSULTING",
  "OTHER",
] as const;
export type BudgetCategory = (typeof BUDGET_CATEGORIES)[number];

export type BudgetLine = {
  category: BudgetCategory;
  amountFen: number;
};

export type PlanMilestone = {
  title: string;
  /** YYYY-MM-DD */
  dueOn: string;
};

/** A project plan's content: what a version holds and what a change request proposes. */
export type PlanContent = {
  budgetLines: BudgetLine[];
  scope: string;
  endsOn: string | null;
  milestones: PlanMilestone[];
  team: string[];
  suppliers: string[];
};

export const CHANGE_KINDS = ["SCOPE", "BUDGET", "SCHEDULE", "TEAM"] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];

export function sumLines(lines: readonly BudgetLine[]): number {
  return lines.reduce((total, line) => total + line.amountFen, 0);
}

/** Lines with money, in the categories' order; a category named twice is added up. */
export function normaliseLines(lines: readonly BudgetLine[]): BudgetLine[] {
  const byCategory = new Map<BudgetCategory, number>();
  for (const line of lines)
    byCategory.set(line.category, (byCategory.get(line.category) ?? 0) + line.amountFen);
  return BUDGET_CATEGORIES.filter((category) => (byCategory.get(category) ?? 0) > 0).map((category) => ({
    category,
    amountFen: byCategory.get(category)!,
  }));
}

/**
 * The asked-for lines scaled to the approved total. The bureau approves an amount, not a split:
 * each line keeps its share of the request, so the project's own priorities survive a cut, and a
 * project that wants another split asks for it through a budget change request, which the
 * finance bureau signs. Fen left over by rounding go to the lines with the largest remainders
 * (the largest-remainder method), so the lines add up to the approved amount exactly.
 */
export function scaleLines(lines: readonly BudgetLine[], totalFen: number): BudgetLine[] {
  const asked = sumLines(lines);
  if (asked === 0) return [];
  if (asked === totalFen) return normaliseLines(lines);
  const shares = normaliseLines(lines).map((line, index) => {
    const exact = (line.amountFen * totalFen) / asked;
    return { index, category: line.category, floor: Math.floor(exact), remainder: exact - Math.floor(exact) };
  });
  let left = totalFen - shares.reduce((total, share) => total + share.floor, 0);
  for (const share of [...shares].sort((a, b) => b.remainder - a.remainder || a.index - b.index)) {
    if (left === 0) break;
    share.floor += 1;
    left -= 1;
  }
  return normaliseLines(shares.map((share) => ({ category: share.category, amountFen: share.floor })));
}

export interface LineChange {
  category: BudgetCategory;
  beforeFen: number;
  afterFen: number;
}

export interface PlanDiff {
  lines: LineChange[];
  scope: { before: string; after: string } | null;
  endsOn: { before: string | null; after: string | null } | null;
  milestones: { before: PlanMilestone[]; after: PlanMilestone[] } | null;
  team: { added: string[]; removed: string[] } | null;
  suppliers: { added: string[]; removed: string[] } | null;
}

function setChange(before: readonly string[], after: readonly string[]) {
  const added = after.filter((name) => !before.includes(name));
  const removed = before.filter((name) => !after.includes(name));
  return added.length || removed.length ? { added, removed } : null;
}

/** What changed from one plan to the next, for the version history and the change request. */
export function diffPlans(before: PlanContent | null, after: PlanContent): PlanDiff {
  const amount = (plan: PlanContent | null, category: BudgetCategory) =>
    plan?.budgetLines.find((line) => line.category === category)?.amountFen ?? 0;
  const milestoneText = (plan: PlanContent | null) => JSON.stringify(plan?.milestones ?? []);
  return {
    lines: BUDGET_CATEGORIES.map((category) => ({
      category,
      beforeFen: amount(before, category),
      afterFen: amount(after, category),
    })).filter((change) => change.beforeFen !== change.afterFen),
    scope: (before?.scope ?? "") === after.scope ? null : { before: before?.scope ?? "", after: after.scope },
    endsOn:
      (before?.endsOn ?? null) === after.endsOn
        ? null
        : { before: before?.endsOn ?? null, after: after.endsOn },
    milestones:
      milestoneText(before) === milestoneText(after)
        ? null
        : { before: before?.milestones ?? [], after: after.milestones },
    team: setChange(before?.team ?? [], after.team),
    suppliers: setChange(before?.suppliers ?? [], after.suppliers),
  };
}

/** The kinds of change a proposal makes against its base (what the signatures depend on). */
export function changeKinds(diff: PlanDiff): ChangeKind[] {
  const kinds: ChangeKind[] = [];
  if (diff.scope) kinds.push("SCOPE");
  if (diff.lines.length) kinds.push("BUDGET");
  if (diff.endsOn || diff.milestones) kinds.push("SCHEDULE");
  if (diff.team || diff.suppliers) kinds.push("TEAM");
  return kinds;
}

/**
 * Whether the finance bureau must sign too. Budget lines are money; so is the supplier list,
 * because a supplier named in an approved plan is a payee the spending rules accept.
 */
export function touchesMoney(diff: PlanDiff): boolean {
  return diff.lines.length > 0 || diff.suppliers !== null;
}
