import { z } from "zod";

/** Audit rows shown per page on /bureau/audit. */
export const AUDIT_PAGE_SIZE = 50;

/** Subject types that other modules record today; offered as suggestions in the filter form. */
export const AUDIT_SUBJECT_TYPES = [
  "Agreement",
  "Application",
  "Conversation",
  "ExpertProfile",
  "Milestone",
  "Need",
  "Offer",
  "OfflineDeposit",
  "Organisation",
  "RevenuePeriod",
  "RevenueReport",
  "SpaceService",
  "User",
  "VerificationRequest",
  "WithdrawalRequest",
] as const;

// Filters come from a hand-editable URL: each field falls back to "no filter" instead of throwing,
// so a mistyped or truncated link still shows a page.
const text = (max: number, pattern = /^[^\p{Cc}]*$/u) =>
  z
    .string()
    .trim()
    .max(max)
    .regex(pattern)
    .transform((value) => value || undefined)
    .optional()
    .catch(undefined);

export const AuditFiltersSchema = z.object({
  /** A fragment of the actor's name, phone number or e-mail address. */
  actor: text(60),
  /** An action prefix such as "milestone." or a whole action such as "need.published". */
  action: text(60, /^[A-Za-z0-9_.]+$/),
  subjectType: text(40, /^[A-Za-z]+$/),
  subjectId: text(100),
  from: z.iso.date().optional().catch(undefined),
  to: z.iso.date().optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).default(1).catch(1),
});
export type AuditFilters = z.output<typeof AuditFiltersSchema>;

/** The filters of a URL's query string; never throws. */
export function parseAuditFilters(searchParams: URLSearchParams): AuditFilters {
  return AuditFiltersSchema.parse(Object.fromEntries(searchParams));
}

/** The most rows one CSV export carries; the file says so in its last line when it is cut. */
export const AUDIT_CSV_LIMIT = 10_000;
