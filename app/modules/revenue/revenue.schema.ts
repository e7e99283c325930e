import { z } from "zod";
import { IdempotencyKeySchema } from "~/modules/ledger/ledger.schema";
import { yuanField } from "~/modules/wallet/wallet.schema";
import type { PeriodTiming } from "./periods";
import { optionalUserText } from "~/utils/user-text";

export const MAX_EVIDENCE_FILES = 6;

// A file input arrives as one File, several, or nothing; an empty input (no file chosen) is dropped.
const evidenceFiles = z.preprocess(
  (value) => (Array.isArray(value) ? value : value === undefined ? [] : [value]),
  z
    .array(z.any())
    .transform((files) =>
      files.filter(
        (file): file is File => typeof File !== "undefined" && file instanceof File && file.size > 0,
      ),
    )
    .pipe(
      z
        .array(z.instanceof(File))
        .min(1, "revenue.errors.evidence_required")
        .max(MAX_EVIDENCE_FILES, "revenue.errors.evidence_too_many"),
    ),
);

/** The revenue panel's two forms on /agreements/:id, posted to /agreements/:id/revenue. */
export const RevenueActionSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("report"),
    component: z.coerce.number().int().min(0).max(20),
    periodStart: z.iso.date(),
    // A loss (negative profit) may be reported; the share then counts it as zero.
    base: yuanField({ signed: true }),
    note: optionalUserText(1000, "revenue.errors.note_length", { multiline: true }),
    evidence: evidenceFiles,
  }),
  z.object({
    intent: z.literal("settle"),
    reportId: z.string().min(1),
    idempotencyKey: IdempotencyKeySchema,
  }),
]);

export interface ReportRevenueInput {
  component: number;
  periodStart: string;
  baseFen: number;
  note?: string;
  evidence: File[];
}

/** A period as the panel shows it: not ended, to report, overdue, reported (to settle) or settled. */
export type RevenuePeriodStatus = PeriodTiming | "reported" | "settled";

export interface RevenueView {
  agreementId: string;
  /** The viewer is on the paying side and the agreement is running: report and settle forms show. */
  canReport: boolean;
  /** …and may pay from the paying wallet (an organisation's needs the finance permission). */
  canSettle: boolean;
  /** On the paying side without the finance permission: the page says who can pay instead. */
  settleNeedsFinance: boolean;
  components: {
    index: number;
    shareBp: number;
    base: "REVENUE" | "PROFIT";
    period: "MONTH" | "QUARTER" | "YEAR";
    startDate: string;
    termMonths: number;
    floorFen: number | null;
    capFen: number | null;
    periods: {
      start: string;
      end: string;
      dueDate: string;
      status: RevenuePeriodStatus;
      report: {
        id: string;
        baseFen: number;
        shareDueFen: number;
        note: string;
        evidence: { id: string; url: string; thumbUrl: string }[];
        reportedAt: string;
        settledAt: string | null;
      } | null;
    }[];
  }[];
}
