import { randomUUID } from "node:crypto";
import { setFunders } from "~/modules/cofunding/cofunding.server";
import { programmeAccountId, walletId } from "~/modules/ledger/ledger.server";
import { grantFinance } from "~/modules/wallet/finance-members.server";
import { createActiveAgreement, deposit, payerOwner } from "./escrow-factories";
import { addMember, createVillage } from "./needs-factories";
import { createOpenProgramme } from "./programmes-factories";

export const key = () => randomUUID();

/**
 * Another verified cooperative that can co-fund, with a farmer member who pays for it (its head
 * granted them the finance permission) and money in its wallet.
 */
export async function createCoPayer(depositFen = 0) {
  const { organisation, head } = await createVillage();
  const farmer = await addMember(organisation.id, "FARMER");
  await grantFinance(head, organisation.id, { userId: farmer.id, granted: true });
  if (depositFen > 0) await deposit({ organisationId: organisation.id }, depositFen);
  return { organisation, head, farmer, accountId: walletId({ organisationId: organisation.id }) };
}

/** A published programme (budget in programme:<id>) and the bureau person who runs it. */
export async function createCoPayProgramme(budgetFen = 1_000_000) {
  const { programme, bureau } = await createOpenProgramme({ budgetFen });
  return { programme, bureau, accountId: programmeAccountId(programme.id) };
}

/**
 * An ACTIVE agreement with one milestone of `amountFen` shared by the cooperative (its wallet
 * holds its share) and a programme: `payerShareFen` for the cooperative, the rest for the programme.
 */
export async function createCoFundedMilestone({ amountFen = 10_000, payerShareFen = 3_000 } = {}) {
  const setup = await createActiveAgreement({ amounts: [amountFen] });
  const milestone = setup.milestones[0]!;
  const programme = await createCoPayProgramme();
  const payerAccount = walletId(payerOwner(setup.payer));
  await deposit(payerOwner(setup.payer), payerShareFen);
  await setFunders(setup.payer.head, milestone.id, [
    { accountId: payerAccount, shareFen: payerShareFen },
    { accountId: programme.accountId, shareFen: amountFen - payerShareFen },
  ]);
  return { ...setup, milestone, programme, payerAccount };
}
