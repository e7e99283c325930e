import { randomBytes } from "node:crypto";
import { db } from "~/db.server";
import { postFinancingNeed } from "~/modules/financing/financing.server";
import type { PostNeedInput } from "~/modules/financing/financing.schema";
import type { SessionUser } from "~/modules/users/session.server";
import { FOUNDER, createUser } from "./factories";
import { actorOf, createVillage, meta } from "./needs-factories";

/** A bank (金融机构) with one institution account. */
export async function createBank(name = `农商银行 ${randomBytes(2).toString("hex")}`) {
  const organisation = await db.organisation.create({
    data: { type: "FINANCIAL_INSTITUTION", name, countyCode: "410324", verifiedAt: new Date() },
    select: { id: true, name: true },
  });
  const user = await createUser({ role: "INSTITUTION", displayName: "信贷员" });
  await db.membership.create({
    data: { userId: user.id, organisationId: organisation.id, role: "INSTITUTION", ...FOUNDER },
  });
  return { organisation, actor: await actorOf(user.id) };
}

/** A cooperative whose head posts financing needs; its contact phone is on the organisation. */
export async function createBorrower() {
  const village = await createVillage();
  await db.organisation.update({
    where: { id: village.organisation.id },
    data: { contactPhone: "13912345678", contactEmail: "coop@example.com" },
  });
  return village;
}

export function needInput(organisationId: string, overrides: Partial<PostNeedInput> = {}): PostNeedInput {
  return {
    intent: "post",
    organisationId,
    amount: 30_000_000,
    use: "购置香菇烘干设备",
    termMonths: 24,
    collateralKind: "EQUIPMENT",
    collateralText: "",
    countyCode: "410324",
    programmeApplicationId: undefined,
    agreementId: undefined,
    ...overrides,
  };
}

export async function postNeed(
  head: SessionUser,
  organisationId: string,
  overrides: Partial<PostNeedInput> = {},
) {
  return postFinancingNeed(head, needInput(organisationId, overrides), meta);
}

export const loanOffer = {
  product: "LOAN" as const,
  amountFen: 30_000_000,
  rateBp: 435,
  termMonths: 24,
  conditions: "土地经营权抵押",
};
