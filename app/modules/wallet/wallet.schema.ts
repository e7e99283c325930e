import { z } from "zod";
import { userText, optionalUserText } from "~/utils/user-text";
import { amountProblem, normaliseAmountText } from "~/utils/money";
import { IdempotencyKeySchema, MAX_TRANSFER_FEN } from "~/modules/ledger/ledger.schema";

type AmountResult = { fen: number } | { error: string };

/**
 * Reads an amount of yuan as people type it ("1,234.5", "¥20", "-3") into integer fen without
 * floating point. Each way it can be wrong has its own message: not a number, more than two
 * decimals, zero or negative (unless `signed`), above one transfer's limit.
 */
export function parseYuanAmount(raw: string, { signed = false } = {}): AmountResult {
  if (raw.trim() === "") return { error: "ledger.errors.amount_invalid" };
  const text = normaliseAmountText(raw);
  // Digits and separators in a shape that could mean two amounts ("1,5"): show the accepted form.
  if (text === null) return { error: amountProblem(raw, "ledger.errors.amount_invalid") };
  const negative = text.startsWith("-");
  const match = /^(\d+)(?:\.(\d+))?$/.exec(negative ? text.slice(1) : text);
  if (!match) return { error: "ledger.errors.amount_invalid" };
  const [, whole = "", fraction = ""] = match;
  // "1.50" and "1.500" are the same amount; "1.505" asks for half a fen.
  if (/[1-9]/.test(fraction.slice(2))) return { error: "ledger.errors.amount_fraction" };
  if (whole.replace(/^0+/, "").length > 10) return { error: "ledger.errors.amount_too_large" };
  const fen = Number(whole) * 100 + Number(fraction.slice(0, 2).padEnd(2, "0"));
  if (fen > MAX_TRANSFER_FEN) return { error: "ledger.errors.amount_too_large" };
  if (signed) return { fen: negative && fen > 0 ? -fen : fen };
  if (negative || fen === 0) return { error: "ledger.errors.amount_positive" };
  return { fen };
}

/** A form field holding an amount in yuan, read into integer fen (see parseYuanAmount). */
export function yuanField({ signed = false } = {}) {
  return z
    .string({ message: "ledger.errors.amount_invalid" })
    .max(30, "ledger.errors.amount_invalid")
    .transform((value, ctx) => {
      const parsed = parseYuanAmount(value, { signed });
      if ("error" in parsed) {
        ctx.addIssue({ code: "custom", message: parsed.error });
        return z.NEVER;
      }
      return parsed.fen;
    });
}

const text = (min: number, max: number, message: string) => userText(min, max, message);

/** Bank references are compared without spaces and case, so "ab 12" and "AB12" are one transfer. */
export const BankReferenceSchema = z
  .string({ message: "errors.required" })
  .transform((value) => value.replace(/\s+/g, "").toUpperCase())
  .pipe(
    z
      .string()
      .min(1, "errors.required")
      .regex(/^[A-Z0-9/_.-]{4,64}$/, "wallet.errors.bank_reference"),
  );

const AccountIdSchema = z
  .string({ message: "errors.required" })
  .trim()
  .min(1, "errors.required")
  .max(120, "wallet.errors.not_a_wallet");

export const DepositFormSchema = z.object({
  intent: z.literal("deposit"),
  accountId: AccountIdSchema,
  amount: yuanField(),
  bankReference: BankReferenceSchema,
  payerName: text(1, 60, "wallet.errors.name_length"),
  note: optionalUserText(500, "wallet.errors.note_length", { multiline: true }),
  idempotencyKey: IdempotencyKeySchema,
});

/** Staff decisions on a withdrawal request, and the deposit form, on /admin/finance. */
export const FinanceActionSchema = z.discriminatedUnion("intent", [
  DepositFormSchema,
  z.object({
    intent: z.literal("markPaid"),
    withdrawalId: z.string().min(1),
    bankReference: BankReferenceSchema,
    idempotencyKey: IdempotencyKeySchema,
  }),
  z.object({
    intent: z.literal("reject"),
    withdrawalId: z.string().min(1),
    reason: text(2, 200, "wallet.errors.reason_length"),
    idempotencyKey: IdempotencyKeySchema,
  }),
]);

export const WithdrawalFormSchema = z.object({
  accountId: AccountIdSchema,
  amount: yuanField(),
  bankName: text(2, 60, "wallet.errors.bank_name"),
  accountName: text(1, 60, "wallet.errors.name_length"),
  accountNumber: z
    .string({ message: "errors.required" })
    .transform((value) => value.replace(/[\s-]/g, ""))
    .pipe(
      z
        .string()
        .min(1, "errors.required")
        .regex(/^\d{8,30}$/, "wallet.errors.account_number"),
    ),
  idempotencyKey: IdempotencyKeySchema,
});

export interface DepositInput {
  accountId: string;
  amountFen: number;
  bankReference: string;
  payerName: string;
  note?: string;
}

export interface WithdrawalInput {
  accountId: string;
  amountFen: number;
  bankName: string;
  accountName: string;
  accountNumber: string;
}

/** The organisation administrator's form: grant or revoke one member's finance permission. */
export const MEMBER_PERMISSIONS = ["finance", "signing"] as const;
export type MemberPermission = (typeof MEMBER_PERMISSIONS)[number];

/** The administrator grants or revokes one member's 财务权限 (finance) or 签约权限 (signing). */
export const FinancePermissionSchema = z.object({
  userId: z.string({ message: "errors.required" }).regex(/^[\w-]{1,64}$/, "errors.required"),
  permission: z.enum(MEMBER_PERMISSIONS).default("finance"),
  granted: z.enum(["true", "false"]).transform((value) => value === "true"),
});
export type FinancePermissionInput = z.infer<typeof FinancePermissionSchema>;
