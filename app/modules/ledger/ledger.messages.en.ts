import type { ledgerMessagesZh } from "./ledger.messages";

/** English for ledger.messages.ts: typed against the Chinese, so a missing or extra key fails the type check. */
export const ledgerMessagesEn: Record<keyof typeof ledgerMessagesZh, string> = {
  "ledger.errors.amount_invalid": "Enter an amount",
  "ledger.errors.amount_fraction": "Amounts go down to the fen (0.01), no further",
  "ledger.errors.amount_positive": "The amount must be more than zero",
  "ledger.errors.amount_too_large": "That is above the ¥10,000,000 limit for one transfer",
  "ledger.errors.insufficient_funds": "Not enough money in the wallet; top it up first",
  "ledger.errors.debt_open":
    "This account owes a claw-back: nothing can be paid out or withdrawn until it is repaid; money that arrives pays it first",
  "ledger.errors.same_account": "Money cannot move from an account to itself",
  "ledger.errors.key_reused":
    "This request's key was already used for a different operation; reload the page and try again",
  "ledger.errors.idempotency_key": "The request key is missing or malformed; reload the page and try again",
  "ledger.reason.DEPOSIT": "Bank transfer received",
  "ledger.reason.WITHDRAWAL_HOLD": "Withdrawal on hold",
  "ledger.reason.WITHDRAWAL_PAID": "Withdrawal paid",
  "ledger.reason.WITHDRAWAL_RETURNED": "Withdrawal returned",
  "ledger.reason.MILESTONE_FUND": "Milestone funded into escrow",
  "ledger.reason.MILESTONE_RELEASE": "Milestone paid",
  "ledger.reason.MILESTONE_REFUND": "Milestone refunded",
  "ledger.reason.DISPUTE_RELEASE": "Dispute ruling: paid",
  "ledger.reason.DISPUTE_REFUND": "Dispute ruling: refunded",
  "ledger.reason.REVENUE_SHARE": "Revenue share",
  "ledger.reason.PROGRAMME_BUDGET": "Programme budget",
  "ledger.reason.DISBURSEMENT": "Programme disbursement",
  "ledger.reason.CLAWBACK": "Claw-back",
  "ledger.reason.REASSIGNMENT": "Moved to the contracting organisation",
};
