import { randomBytes } from "node:crypto";
import sharp from "sharp";
import { db } from "~/db.server";
import type { Prisma } from "~/generated/prisma/client";
import { CLEARING, ensureWallet, transfer, type Owner } from "~/modules/ledger/ledger.server";
import type { SessionUser } from "~/modules/users/session.server";
import { createBureau, createExpert, createVillage } from "./needs-factories";

export { createBureau };

export interface Payer {
  organisationId: string | null;
  head: SessionUser;
}

/** A village cooperative paying through its organisation wallet. */
export async function createPayer(): Promise<Payer> {
  const { organisation, head } = await createVillage();
  return { organisationId: organisation.id, head };
}

export function payerOwner(payer: Payer): Owner {
  return payer.organisationId ? { organisationId: payer.organisationId } : { userId: payer.head.id };
}

/** Credits a wallet as an offline bank transfer would. */
export async function deposit(owner: Owner, amountFen: number): Promise<string> {
  return db.$transaction(async (tx) => {
    const wallet = await ensureWallet(tx, owner);
    await transfer(tx, { from: CLEARING, to: wallet, amountFen, reason: "DEPOSIT" });
    return wallet;
  });
}

/**
 * An ACTIVE agreement with a SIGNED version whose terms carry a TECH_CONTRACT with the given
 * milestone amounts (plus any extra components), and its Milestone rows — inserted directly,
 * the way the agreements module leaves them after both signatures.
 */
export async function createActiveAgreement(
  options: {
    amounts?: number[];
    payer?: Payer;
    extraComponents?: Prisma.InputJsonObject[];
    reviewWindowDays?: number;
    /** The payee organisation the agreement names (the expert's institution), if any. */
    payeeOrganisationId?: string;
  } = {},
) {
  const amounts = options.amounts ?? [10_000, 20_000];
  const payer = options.payer ?? (await createPayer());
  const payee = await createExpert();
  if (options.payeeOrganisationId)
    await db.membership.create({
      data: { userId: payee.id, organisationId: options.payeeOrganisationId, role: "EXPERT" },
      select: { userId: true },
    });
  const milestones = amounts.map((amountFen, index) => ({
    title: `第 ${index + 1} 阶段：菌棒消毒`,
    deliverables: "现场指导记录与消毒流程",
    acceptanceCriteria: "污染率降到 5% 以下",
    amountFen,
  }));
  const terms: Prisma.InputJsonObject = {
    title: "香菇菌棒污染防治技术承包",
    startDate: "2026-03-01",
    endDate: "2026-12-31",
    reviewWindowDays: options.reviewWindowDays ?? 14,
    components: [
      { type: "TECH_CONTRACT", feeFen: amounts.reduce((a, b) => a + b, 0), milestones },
      ...(options.extraComponents ?? []),
    ],
  };
  const agreement = await db.agreement.create({
    data: {
      number: `XK-TEST-${randomBytes(4).toString("hex")}`,
      title: "香菇菌棒污染防治技术承包",
      status: "ACTIVE",
      payerOrganisationId: payer.organisationId,
      payerUserId: payer.head.id,
      payeeUserId: payee.id,
      payeeOrganisationId: options.payeeOrganisationId ?? null,
      reviewWindowDays: options.reviewWindowDays ?? 14,
      createdById: payer.head.id,
      activatedAt: new Date(),
      versions: {
        create: {
          version: 1,
          terms,
          termsHash: "test",
          status: "SIGNED",
          createdById: payer.head.id,
          signedAt: new Date(),
        },
      },
      milestones: { create: milestones.map((milestone, index) => ({ ...milestone, position: index + 1 })) },
    },
    select: { id: true, milestones: { orderBy: { position: "asc" }, select: { id: true, amountFen: true } } },
  });
  return { agreement: { id: agreement.id }, milestones: agreement.milestones, payer, payee };
}

export async function jpegFile(name = "field.jpg"): Promise<File> {
  const bytes = await sharp({ create: { width: 640, height: 480, channels: 3, background: "#8a6d3b" } })
    .jpeg()
    .toBuffer();
  return new File([new Uint8Array(bytes)], name, { type: "image/jpeg" });
}

export function milestoneStatus(id: string) {
  return db.milestone.findUniqueOrThrow({ where: { id }, select: { status: true } }).then((m) => m.status);
}

export function agreementStatus(id: string) {
  return db.agreement.findUniqueOrThrow({ where: { id }, select: { status: true } }).then((a) => a.status);
}
