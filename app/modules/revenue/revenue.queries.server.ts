import { db } from "~/db.server";
import { can, type Actor } from "~/modules/users/permissions";
import { luoyangToday } from "~/utils/dates";
import { periodsOf } from "./periods";
import type { RevenueView } from "./revenue.schema";
import { partyOf, payerWallet } from "~/modules/escrow/parties";
import { maySpend } from "~/modules/wallet/wallet-owners.server";
import { agreementSelect, revenueComponents, isPayerSide, SHARING_STATES } from "./revenue-agreements.server";

/**
 * What the revenue panel on /agreements/:id shows: each REVENUE_SHARE component of the signed
 * terms, its periods with their status, and what the viewer may do. Null when the agreement has
 * no revenue share in force. The agreement page decides who may see the agreement at all.
 */
export async function getRevenueView(
  agreementId: string,
  viewerId: string,
  now = new Date(),
): Promise<RevenueView | null> {
  const agreement = await db.agreement.findUnique({
    where: { id: agreementId },
    select: {
      ...agreementSelect,
      revenueReports: {
        select: {
          id: true,
          component: true,
          periodStart: true,
          baseFen: true,
          shareDueFen: true,
          note: true,
          status: true,
          createdAt: true,
          settledAt: true,
          evidence: { select: { uploadId: true } },
        },
      },
    },
  });
  if (!agreement) return null;
  const components = revenueComponents(agreement.versions[0]?.terms);
  if (components.length === 0) return null;
  const viewer = await db.user.findUnique({
    where: { id: viewerId },
    select: { id: true, primaryRole: true, memberships: { select: { organisationId: true, role: true } } },
  });
  const acting =
    Boolean(viewer && isPayerSide(viewer, agreement)) && SHARING_STATES.includes(agreement.status);
  const spends = acting && viewer !== null && (await maySpend(viewer, payerWallet(agreement)));
  const reports = new Map(
    agreement.revenueReports.map((r) => [`${r.component}:${luoyangToday(r.periodStart)}`, r]),
  );
  return {
    agreementId,
    canReport: acting,
    canSettle: acting && spends,
    settleNeedsFinance: acting && !spends,
    components: components.map(({ index, component }) => ({
      index,
      shareBp: component.shareBp,
      base: component.base,
      period: component.period,
      startDate: component.startDate,
      termMonths: component.termMonths,
      floorFen: component.floorFen ?? null,
      capFen: component.capFen ?? null,
      periods: periodsOf(component, now).map((slot) => {
        const report = reports.get(`${index}:${slot.start}`);
        return {
          start: slot.start,
          end: slot.end,
          dueDate: slot.dueDate,
          status: report ? (report.status === "SETTLED" ? "settled" : "reported") : slot.timing,
          report: report
            ? {
                id: report.id,
                baseFen: report.baseFen,
                shareDueFen: report.shareDueFen,
                note: report.note,
                evidence: report.evidence.map((e) => ({
                  id: e.uploadId,
                  url: evidenceUrl(agreementId, e.uploadId),
                  thumbUrl: evidenceUrl(agreementId, e.uploadId, "thumb"),
                })),
                reportedAt: report.createdAt.toISOString(),
                settledAt: report.settledAt?.toISOString() ?? null,
              }
            : null,
        };
      }),
    })),
  };
}

/** Revenue evidence is the parties' business: served under the agreement, not by /uploads. */
export function evidenceUrl(
  agreementId: string,
  uploadId: string,
  variant: "full" | "thumb" = "full",
): string {
  return `/agreements/${encodeURIComponent(agreementId)}/evidence/${encodeURIComponent(uploadId)}${variant === "thumb" ? "?v=thumb" : ""}`;
}

/** Whether the viewer may see this evidence file: it belongs to the agreement and they are a party or bureau staff. */
export async function canReadRevenueEvidence(
  viewer: Actor,
  agreementId: string,
  uploadId: string,
): Promise<boolean> {
  const evidence = await db.revenueEvidence.findFirst({
    where: { uploadId, report: { agreementId } },
    select: { report: { select: { agreement: { select: agreementSelect } } } },
  });
  if (!evidence) return false;
  return partyOf(viewer, evidence.report.agreement) !== null || can(viewer, "dispute.resolve");
}
