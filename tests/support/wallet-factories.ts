import { randomBytes } from "node:crypto";
import sharp from "sharp";
import { db } from "~/db.server";
import type { AgreementStatus } from "~/generated/prisma/enums";
import { CLEARING, ensureWallet, transfer, type Owner } from "~/modules/ledger/ledger.server";
import type { SessionUser } from "~/modules/users/session.server";
import { createUser } from "./factories";
import { actorOf, createExpert, createVillage } from "./needs-factories";

/** Platform finance staff (an admin). */
export async function createFinanceStaff(): Promise<SessionUser> {
  return actorOf((await createUser({ role: "ADMIN" })).id);
}

/** Credits a wallet straight through the ledger, as a deposit would. */
export async function fund(owner: Owner, amountFen: number): Promise<string> {
  return db.$transaction(async (tx) => {
    const id = await ensureWallet(tx, owner);
    await transfer(tx, { from: CLEARING, to: id, amountFen, reason: "DEPOSIT" });
    return id;
  });
}

export interface RevenueShareFields {
  shareBp?: number;
  base?: "REVENUE" | "PROFIT";
  period?: "MONTH" | "QUARTER" | "YEAR";
  startDate?: string;
  termMonths?: number;
  floorFen?: number;
  capFen?: number;
}

/**
 * An agreement between a village cooperative (payer) and an expert (payee) whose signed terms
 * hold one REVENUE_SHARE component after a grant component (so its index is 1).
 */
export async function createRevenueAgreement({
  status = "ACTIVE",
  share = {},
}: { status?: AgreementStatus; share?: RevenueShareFields } = {}) {
  const { organisation, head } = await createVillage();
  const expert = await createExpert();
  const component = {
    type: "REVENUE_SHARE",
    shareBp: 1_000,
    base: "REVENUE",
    period: "QUARTER",
    startDate: "2026-01-01",
    termMonths: 12,
    ...share,
  };
  const terms = {
    title: "香菇菌棒技术收益分成",
    startDate: "2026-01-01",
    endDate: "2027-12-31",
    reviewWindowDays: 14,
    components: [{ type: "GRANT_FUNDED", programmeName: "科技扶贫专项", amountFen: 100_000 }, component],
  };
  const agreement = await db.agreement.create({
    data: {
      number: `XK-TEST-${randomBytes(4).toString("hex")}`,
      title: "香菇菌棒技术收益分成",
      status,
      payerOrganisationId: organisation.id,
      payerUserId: head.id,
      payeeUserId: expert.id,
      createdById: head.id,
      versions: {
        create: {
          version: 1,
          terms,
          termsHash: "test",
          status: "SIGNED",
          createdById: head.id,
          signedAt: new Date(),
        },
      },
    },
    select: { id: true, title: true },
  });
  return { agreement, organisation, payer: head, payee: expert, componentIndex: 1 };
}

/** A small real JPEG, as a phone photo of an account book would arrive. */
export async function evidencePhoto(name = "ledger.jpg"): Promise<File> {
  const jpeg = await sharp({ create: { width: 320, height: 240, channels: 3, background: "#c8b88a" } })
    .jpeg()
    .toBuffer();
  return new File([new Uint8Array(jpeg)], name, { type: "image/jpeg" });
}
