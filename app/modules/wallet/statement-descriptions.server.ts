import { db } from "~/db.server";
import { translate, type Locale } from "~/i18n/i18n";
import type { LedgerReasonCode } from "~/modules/ledger/ledger.schema";
import type { StatementLine } from "~/modules/ledger/ledger.server";
import { luoyangToday, periodLabel } from "~/utils/dates";

/**
 * Reasons whose memo a person wrote for people to read: the payer and bank reference of a
 * deposit, the bank of a withdrawal, the finance desk's reference or refusal, the bureau's reason
 * for a claw-back. Every other memo is the code's own bookkeeping (a share id, a migration's
 * name) and is never shown; those lines are described from what they link to instead.
 */
const READABLE_MEMO: ReadonlySet<LedgerReasonCode> = new Set([
  "DEPOSIT",
  "WITHDRAWAL_HOLD",
  "WITHDRAWAL_PAID",
  "WITHDRAWAL_RETURNED",
  "CLAWBACK",
]);

// "share:cm3x…", "org_wallets", a bare cuid: keys, whatever reason they arrived under.
const MACHINE_KEY = /^[a-z_]+:\S+$|^[a-z]+(?:_[a-z]+)+$|^c[a-z0-9]{20,}$/;

/** The memo of a line if people may read it, else null. */
export function readableMemo(reason: LedgerReasonCode, memo: string): string | null {
  const text = memo.trim();
  if (!text || !READABLE_MEMO.has(reason) || MACHINE_KEY.test(text)) return null;
  return text;
}

type Line = Pick<
  StatementLine,
  "transferId" | "reason" | "memo" | "counterparty" | "agreementId" | "milestoneId" | "programmeApplicationId"
>;

const HOLD = /^withdrawal:([\w-]{1,64})$/;

/**
 * Each line of a statement in words, by transfer id: what it moved for (the milestone and its
 * agreement, the agreement and revenue period, the programme project) and the memo a person
 * wrote, if any.
 */
export async function describeLines(lines: Line[], locale: Locale): Promise<Map<string, string>> {
  const ids = (pick: (line: Line) => string | null) => [
    ...new Set(lines.map(pick).filter((id): id is string => id !== null)),
  ];
  const holds = ids((line) =>
    line.reason === "WITHDRAWAL_RETURNED" ? (HOLD.exec(line.counterparty)?.[1] ?? null) : null,
  );
  const [milestones, agreements, reports, applications, seized] = await Promise.all([
    db.milestone.findMany({
      where: { id: { in: ids((line) => line.milestoneId) } },
      select: { id: true, title: true, agreement: { select: { title: true } } },
    }),
    db.agreement.findMany({
      where: { id: { in: ids((line) => line.agreementId) } },
      select: { id: true, title: true },
    }),
    db.revenueReport.findMany({
      where: {
        transferId: { in: ids((line) => (line.reason === "REVENUE_SHARE" ? line.transferId : null)) },
      },
      select: { transferId: true, periodStart: true, periodEnd: true },
    }),
    db.programmeApplication.findMany({
      where: { id: { in: ids((line) => line.programmeApplicationId) } },
      select: { id: true, title: true, programme: { select: { title: true } } },
    }),
    // A held withdrawal a claw-back took: its money came back to the wallet only to be taken.
    db.withdrawalRequest.findMany({
      where: { id: { in: holds }, status: "SEIZED" },
      select: { id: true },
    }),
  ]);
  const seizedHolds = new Set(seized.map((row) => `withdrawal:${row.id}`));
  const milestone = new Map(milestones.map((row) => [row.id, row]));
  const agreement = new Map(agreements.map((row) => [row.id, row.title]));
  const period = new Map(
    reports.map((row) => [
      row.transferId,
      periodLabel({ start: luoyangToday(row.periodStart), end: luoyangToday(row.periodEnd) }),
    ]),
  );
  const application = new Map(applications.map((row) => [row.id, row]));

  const about = (line: Line): string | null => {
    if (line.reason === "WITHDRAWAL_RETURNED" && seizedHolds.has(line.counterparty))
      return translate(locale, "wallet.about.seized");
    const m = line.milestoneId ? milestone.get(line.milestoneId) : undefined;
    if (m)
      return translate(locale, "wallet.about.milestone", {
        milestone: m.title,
        agreement: m.agreement.title,
      });
    const a = line.agreementId ? agreement.get(line.agreementId) : undefined;
    const p = period.get(line.transferId);
    if (a && p) return translate(locale, "wallet.about.revenue", { agreement: a, period: p });
    if (a) return translate(locale, "wallet.about.agreement", { agreement: a });
    const app = line.programmeApplicationId ? application.get(line.programmeApplicationId) : undefined;
    if (app)
      return translate(locale, "wallet.about.project", {
        project: app.title,
        programme: app.programme.title,
      });
    return null;
  };
  return new Map(
    lines.map((line) => {
      const parts = [about(line), readableMemo(line.reason, line.memo)].filter(Boolean);
      return [line.transferId, parts.join(" · ")];
    }),
  );
}
