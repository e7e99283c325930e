import { db, isUniqueViolation } from "~/db.server";
import { recordAudit } from "~/modules/audit/audit.server";
import { idempotent } from "~/modules/ledger/idempotency.server";
import { ensureWallet, transfer } from "~/modules/ledger/ledger.server";
import { createNotifications, deliverNotifications } from "~/modules/notifications/notifications.server";
import { deleteUpload, storeImage } from "~/modules/uploads/uploads.server";
import type { Actor } from "~/modules/users/permissions";
import { DomainError } from "~/utils/errors";
import { assertTransition } from "~/utils/state-machine";
import { luoyangToday, startOfLuoyangDay } from "~/utils/dates";
import { periodLabel, periodsOf, shareDue } from "./periods";
import type { ReportRevenueInput } from "./revenue.schema";
import { payeeWallet, payerWallet } from "~/modules/escrow/parties";
import { assertMaySpend } from "~/modules/wallet/wallet-owners.server";
import { loadAgreement, isPayerSide, SHARING_STATES, componentOf, notify } from "./revenue-agreements.server";
import { REVENUE_REPORT_TRANSITIONS } from "./revenue.states";
import type { RequestMeta } from "~/utils/request.server";

export type { RevenueView } from "./revenue.schema";

/**
 * The paying side reports a period's revenue (or profit) with evidence photos, once the period
 * has ended. The share due is computed now and kept on the report. One report per period.
 * Photos are stored before the transaction (files cannot join it) and removed if it fails.
 */
export async function reportRevenue(
  actor: Actor,
  agreementId: string,
  input: ReportRevenueInput,
  meta: RequestMeta = {},
  now = new Date(),
) {
  const agreement = await loadAgreement(db, agreementId);
  if (!isPayerSide(actor, agreement)) throw new DomainError("revenue.forbidden");
  if (!SHARING_STATES.includes(agreement.status)) throw new DomainError("revenue.agreement_not_active");
  const component = componentOf(agreement, input.component);
  const slot = periodsOf(component, now).find((period) => period.start === input.periodStart);
  if (!slot) throw new DomainError("revenue.unknown_period");
  if (slot.timing === "upcoming") throw new DomainError("revenue.period_not_ended");
  if (input.baseFen < 0 && component.base === "REVENUE") throw new DomainError("revenue.negative_revenue");
  if (input.evidence.length === 0) throw new DomainError("revenue.evidence_required");
  const key = { agreementId, component: input.component, periodStart: startOfLuoyangDay(slot.start) };
  // Checked before the photos are processed, so a repeated report costs nothing; the unique index decides races.
  if (
    await db.revenueReport.findUnique({
      where: { agreementId_component_periodStart: key },
      select: { id: true },
    })
  )
    throw new DomainError("revenue.already_reported");

  const shareDueFen = shareDue(input.baseFen, component);
  const stored: string[] = [];
  try {
    for (const file of input.evidence) stored.push((await storeImage({ ownerId: actor.id, file })).id);
    const { report, rows } = await db.$transaction(async (tx) => {
      const report = await tx.revenueReport.create({
        data: {
          ...key,
          periodEnd: startOfLuoyangDay(slot.end),
          baseFen: input.baseFen,
          shareDueFen,
          note: input.note ?? "",
          reportedById: actor.id,
          evidence: { create: stored.map((uploadId) => ({ uploadId })) },
        },
        select: { id: true },
      });
      const period = periodLabel(slot);
      await recordAudit(tx, {
        actorId: actor.id,
        action: "revenue.reported",
        subjectType: "RevenueReport",
        subjectId: report.id,
        after: {
          agreementId,
          component: input.component,
          period,
          baseFen: input.baseFen,
          shareDueFen,
          evidence: stored,
        },
        ip: meta.ip,
      });
      const rows = await createNotifications(
        tx,
        notify([agreement.payeeUserId], agreement, {
          type: "revenue.reported",
          params: { agreement: agreement.title, period },
        }),
      );
      return { report, rows };
    });
    await deliverNotifications(rows);
    return { reportId: report.id, shareDueFen };
  } catch (error) {
    await Promise.all(stored.map((id) => deleteUpload(id).catch(() => undefined)));
    if (isUniqueViolation(error)) throw new DomainError("revenue.already_reported");
    throw error;
  }
}

/**
 * The paying side pays a reported period's share: payer wallet → payee wallet (REVENUE_SHARE).
 * A share of zero settles without a transfer. The report row is locked, so two settlements
 * racing pay once; the same key replays the first result.
 */
export async function settleRevenueReport(
  actor: Actor,
  reportId: string,
  key: string,
  meta: RequestMeta = {},
) {
  const { result, rows } = await db.$transaction(async (tx) => {
    let rows: Awaited<ReturnType<typeof createNotifications>> = [];
    const { result } = await idempotent(
      tx,
      { actorId: actor.id, key, scope: "revenue.settle", request: { reportId } },
      async () => {
        await tx.$queryRaw`SELECT id FROM "RevenueReport" WHERE id = ${reportId} FOR UPDATE`;
        const report = await tx.revenueReport.findUnique({
          where: { id: reportId },
          select: {
            id: true,
            agreementId: true,
            status: true,
            shareDueFen: true,
            periodStart: true,
            periodEnd: true,
          },
        });
        if (!report) throw new DomainError("revenue.not_found");
        const agreement = await loadAgreement(tx, report.agreementId);
        if (!isPayerSide(actor, agreement)) throw new DomainError("revenue.forbidden");
        if (!SHARING_STATES.includes(agreement.status)) throw new DomainError("revenue.agreement_not_active");
        assertTransition(REVENUE_REPORT_TRANSITIONS, report.status, "SETTLED", "revenue.already_settled");
        const period = periodLabel({
          start: luoyangToday(report.periodStart),
          end: luoyangToday(report.periodEnd),
        });
        let transferId: string | null = null;
        if (report.shareDueFen > 0) {
          await assertMaySpend(actor, payerWallet(agreement), tx);
          const from = await ensureWallet(tx, payerWallet(agreement));
          const to = await ensureWallet(tx, payeeWallet(agreement));
          transferId = (
            await transfer(tx, {
              from,
              to,
              amountFen: report.shareDueFen,
              reason: "REVENUE_SHARE",
              agreementId: agreement.id,
              memo: `${agreement.number} ${period}`,
              actorId: actor.id,
            })
          ).id;
        }
        await tx.revenueReport.update({
          where: { id: report.id },
          data: { status: "SETTLED", settledAt: new Date(), transferId },
          select: { id: true },
        });
        await recordAudit(tx, {
          actorId: actor.id,
          action: "revenue.settled",
          subjectType: "RevenueReport",
          subjectId: report.id,
          before: { status: report.status },
          after: { status: "SETTLED", shareDueFen: report.shareDueFen, transferId },
          ip: meta.ip,
        });
        rows = await createNotifications(
          tx,
          notify([agreement.payeeUserId], agreement, {
            type: "revenue.settled",
            params: { agreement: agreement.title, period },
          }),
        );
        return { reportId: report.id, transferId, shareDueFen: report.shareDueFen };
      },
    );
    return { result, rows };
  });
  await deliverNotifications(rows);
  return result;
}

// The overdue job and the revenue page's reads live in their own files; callers import them from here.
export { revenueComponents, isPayerSide } from "./revenue-agreements.server";
export { flagOverdueReports, startRevenueJobs } from "./revenue.jobs.server";
export { getRevenueView, evidenceUrl, canReadRevenueEvidence } from "./revenue.queries.server";
