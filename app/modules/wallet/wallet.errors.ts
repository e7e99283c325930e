import type { ErrorSpec } from "~/utils/errors";

export const walletErrors = {
  "wallet.not_found": { status: 404, message: "error.404" },
  "wallet.forbidden": { status: 403, message: "error.403" },
  "wallet.not_a_wallet": { status: 400, message: "wallet.errors.not_a_wallet", field: "accountId" },
  "wallet.bank_reference_used": {
    status: 409,
    message: "wallet.errors.bank_reference_used",
    field: "bankReference",
  },
  "wallet.withdrawal_not_found": { status: 404, message: "error.404" },
  "wallet.debt_open": { status: 409, message: "wallet.errors.debt_open" },
  "wallet.not_a_member": { status: 404, message: "error.404" },
  "wallet.finance_permission_required": {
    status: 403,
    message: "wallet.errors.finance_permission_required",
  },
  "wallet.not_administrator": { status: 403, message: "wallet.errors.not_administrator" },
  "wallet.withdrawal_seized": { status: 409, message: "wallet.errors.withdrawal_seized" },
  "wallet.withdrawal_decided": { status: 409, message: "wallet.errors.withdrawal_decided" },
} as const satisfies Record<string, ErrorSpec>;
