import type { ErrorSpec } from "~/utils/errors";

export const ledgerErrors = {
  "ledger.insufficient_funds": { status: 409, message: "ledger.errors.insufficient_funds", field: "amount" },
  "ledger.invalid_amount": { status: 400, message: "ledger.errors.amount_invalid", field: "amount" },
  "ledger.account_missing": { status: 404, message: "error.404" },
  "ledger.debt_open": { status: 409, message: "ledger.errors.debt_open" },
  "ledger.same_account": { status: 400, message: "ledger.errors.same_account" },
  "idempotency.key_reused": { status: 409, message: "ledger.errors.key_reused" },
  "idempotency.key_invalid": { status: 400, message: "ledger.errors.idempotency_key" },
} as const satisfies Record<string, ErrorSpec>;
