import type { Tx } from "~/db.server";
import { balanceOf, ensureAccount, escrowId, transfer } from "~/modules/ledger/ledger.server";
import { DomainError, isDomainError, type DomainErrorCode } from "~/utils/errors";
import { moneyParam } from "~/i18n/format";

export interface EscrowPayment {
  from: string;
  amountFen: number;
  agreementId: string;
  milestoneId: string;
  actorId: string;
  memo?: string;
}

/** What a payer short of money is told, and which ledger refusals mean they are short. */
export interface Shortfall {
  code: DomainErrorCode;
  ledgerCodes: readonly DomainErrorCode[];
}

/**
 * Moves a payment into the milestone's escrow (the account is opened on first use) and returns
 * the transfer's id. A payer the ledger refuses for want of money gets `shortfall.code` with the
 * amount and what their account holds.
 */
export async function payIntoEscrow(tx: Tx, payment: EscrowPayment, shortfall: Shortfall): Promise<string> {
  const { milestoneId } = payment;
  const to = await ensureAccount(tx, { id: escrowId(milestoneId), kind: "ESCROW", milestoneId });
  try {
    const { id } = await transfer(tx, { ...payment, to, reason: "MILESTONE_FUND" });
    return id;
  } catch (error) {
    if (isDomainError(error) && shortfall.ledgerCodes.includes(error.code)) {
      throw new DomainError(shortfall.code, {
        amount: moneyParam(payment.amountFen),
        balance: moneyParam(await balanceOf(payment.from, tx)),
      });
    }
    throw error;
  }
}
