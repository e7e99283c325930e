import { z } from "zod";

/** The most one transfer may move: ¥10,000,000 (a city programme's largest grant). */
export const MAX_TRANSFER_FEN = 1_000_000_000;

export const AmountFen = z
  .number({ message: "ledger.errors.amount_invalid" })
  .int("ledger.errors.amount_fraction")
  .positive("ledger.errors.amount_positive")
  .max(MAX_TRANSFER_FEN, "ledger.errors.amount_too_large");

/** A client's key for one money-moving request (forms carry one; the API takes Idempotency-Key). */
export const IdempotencyKeySchema = z
  .string({ message: "ledger.errors.idempotency_key" })
  .trim()
  .regex(/^[A-Za-z0-9_-]{8,100}$/, "ledger.errors.idempotency_key");

export const LEDGER_REASONS = [
  "DEPOSIT",
  "WITHDRAWAL_HOLD",
  "WITHDRAWAL_PAID",
  "WITHDRAWAL_RETURNED",
  "MILESTONE_FUND",
  "MILESTONE_RELEASE",
  "MILESTONE_REFUND",
  "DISPUTE_RELEASE",
  "DISPUTE_REFUND",
  "REVENUE_SHARE",
  "PROGRAMME_BUDGET",
  "DISBURSEMENT",
  "CLAWBACK",
  "REASSIGNMENT",
] as const;
export type LedgerReasonCode = (typeof LEDGER_REASONS)[number];

export const StatementFiltersSchema = z.object({
  from: z.iso.date().optional().catch(undefined),
  to: z.iso.date().optional().catch(undefined),
  reason: z.enum(LEDGER_REASONS).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).default(1).catch(1),
});
export type StatementFilters = z.output<typeof StatementFiltersSchema>;
