import { BUDGET_CATEGORIES, type BudgetCategory, type BudgetLine } from "./monitoring.budget";

/**
 * The rules that put likely 挤占 (spending one line's money on another), 截留 (keeping money back)
 * and 挪用 (diverting money to people outside the project) into the bureau's review queue. A flag
 * is a question for a person, not a verdict: each carries the evidence that raised it.
 */

/**
 * Reports fall due every three months from approval (a quarterly report, 季度进度报告) unless the
 * programme sets another interval (Programme.reportIntervalMonths).
 */
export const REPORT_INTERVAL_MONTHS = 3;
/** Without a planned end date, reports are scheduled for the first year. */
const DEFAULT_REPORT_MONTHS = 12;
/** A report this many days past its due date is flagged (a month of grace for farmers' paperwork). */
export const OVERDUE_FLAG_DAYS = 30;

export const PAYEE_KINDS = ["SUPPLIER", "TEAM_MEMBER", "OWN_ORGANISATION", "OTHER"] as const;
export type PayeeKind = (typeof PAYEE_KINDS)[number];

export interface Payment {
  category: BudgetCategory;
  payeeName: string;
  payeeKind: PayeeKind;
  amountFen: number;
}

export type SpendingFinding =
  | { rule: "UNBUDGETED_LINE"; category: BudgetCategory; spentFen: number }
  | { rule: "OVER_LINE"; category: BudgetCategory; approvedFen: number; spentFen: number }
  | { rule: "UNKNOWN_PAYEE"; payeeName: string; payeeKind: PayeeKind; amountFen: number };

/** Names compared as people write them: spaces and full-width/half-width brackets do not count. */
export function sameName(a: string, b: string): boolean {
  const key = (name: string) => name.normalize("NFKC").replace(/\s+/g, "").toLowerCase();
  return key(a) === key(b);
}

/**
 * The spending rules, for one report against the approved plan in force.
 * - UNBUDGETED_LINE: money spent on a line the approved budget does not have (挤占 of another line).
 * - OVER_LINE: all reports together spent more on a line than it was approved (挤占 by overspending);
 *   earlier reports count too, so a line overspent slowly is caught when it goes over.
 * - UNKNOWN_PAYEE: money paid to someone who is neither the project's organisation, nor a team
 *   member, nor a supplier named in any approved version (挪用). The payee kind the project chose
 *   is its own word and does not make a payee known; only the approved plans do.
 */
export function spendingFindings({
  lines,
  earlierSpentFen,
  payments,
  organisationName,
  knownTeam,
  knownSuppliers,
}: {
  lines: readonly BudgetLine[];
  earlierSpentFen: Partial<Record<BudgetCategory, number>>;
  payments: readonly Payment[];
  organisationName: string;
  knownTeam: readonly string[];
  knownSuppliers: readonly string[];
}): SpendingFinding[] {
  const findings: SpendingFinding[] = [];
  for (const category of BUDGET_CATEGORIES) {
    const now = payments.filter((p) => p.category === category).reduce((sum, p) => sum + p.amountFen, 0);
    if (now === 0) continue;
    const approvedFen = lines.find((line) => line.category === category)?.amountFen ?? 0;
    const spentFen = (earlierSpentFen[category] ?? 0) + now;
    if (approvedFen === 0) findings.push({ rule: "UNBUDGETED_LINE", category, spentFen });
    else if (spentFen > approvedFen) findings.push({ rule: "OVER_LINE", category, approvedFen, spentFen });
  }
  const known = [organisationName, ...knownTeam, ...knownSuppliers];
  const unknown = new Map<string, Payment & { amountFen: number }>();
  for (const payment of payments) {
    if (known.some((name) => sameName(name, payment.payeeName))) continue;
    const key = payment.payeeName.normalize("NFKC").replace(/\s+/g, "").toLowerCase();
    const seen = unknown.get(key);
    unknown.set(key, seen ? { ...seen, amountFen: seen.amountFen + payment.amountFen } : { ...payment });
  }
  for (const payment of unknown.values())
    findings.push({
      rule: "UNKNOWN_PAYEE",
      payeeName: payment.payeeName,
      payeeKind: payment.payeeKind,
      amountFen: payment.amountFen,
    });
  return findings;
}

/** The same calendar day `months` later (the month's last day when it is shorter), in UTC. */
export function addMonths(date: Date, months: number): Date {
  const result = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + months, 1));
  const lastDay = new Date(Date.UTC(result.getUTCFullYear(), result.getUTCMonth() + 1, 0)).getUTCDate();
  result.setUTCDate(Math.min(date.getUTCDate(), lastDay));
  return result;
}

/**
 * The report schedule: every `intervalMonths` from approval, up to and including the first date
 * on or after the planned end (the last report covers the last stretch), or a year without an end.
 */
export function reportDueDates(
  approvedAt: Date,
  endsOn: Date | null,
  intervalMonths: number = REPORT_INTERVAL_MONTHS,
): Date[] {
  const dates: Date[] = [];
  const defaultPeriods = Math.max(1, Math.ceil(DEFAULT_REPORT_MONTHS / intervalMonths));
  for (let period = 1; period <= 120; period++) {
    const due = addMonths(approvedAt, period * intervalMonths);
    dates.push(due);
    if (endsOn ? due >= endsOn : period >= defaultPeriods) break;
  }
  return dates;
}

export function daysBetween(from: Date, to: Date): number {
  return Math.floor((to.getTime() - from.getTime()) / 86_400_000);
}
