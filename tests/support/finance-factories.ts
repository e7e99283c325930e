import { randomUUID } from "node:crypto";
import { approveDisbursement, proposeDisbursement } from "~/modules/programmes/programmes.cosign.server";
import {
  evaluateApplication,
  signEvaluation,
  type EvaluationInput,
} from "~/modules/programmes/programmes.cosign-evaluation.server";
import type { Actor } from "~/modules/users/permissions";
import { createUser } from "./factories";
import { actorOf } from "./needs-factories";

/** A city finance bureau officer (市财政局). */
export async function createFinance() {
  return actorOf((await createUser({ role: "FINANCE" })).id);
}

/** The whole payment: the science bureau proposes, finance signs; the ledger moves once, at the signature. */
export async function payWithCosign(
  bureau: Actor,
  finance: Actor,
  input: { applicationId: string; amountFen?: number; note?: string },
) {
  const { proposalId } = await proposeDisbursement(bureau, {
    note: "",
    ...input,
    idempotencyKey: randomUUID(),
  });
  return approveDisbursement(finance, { proposalId, idempotencyKey: randomUUID() });
}

/** The whole evaluation: the science bureau scores, finance agrees; the application is then EVALUATED. */
export async function evaluateWithCosign(
  bureau: Actor,
  finance: Actor,
  applicationId: string,
  evaluation: EvaluationInput,
) {
  await evaluateApplication(bureau, applicationId, evaluation);
  await signEvaluation(finance, applicationId, { agree: true, note: "资金使用符合规定" });
}
