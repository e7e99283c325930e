import type { Tx } from "~/db.server";
import type { AgreementTerms } from "~/modules/agreements/terms";
import { recordAudit } from "~/modules/audit/audit.server";
import { payIntoEscrow } from "~/modules/escrow/escrow-funding.server";
import { programmeAccountId, walletId } from "~/modules/ledger/ledger.server";
import { creditOfflineDeposit } from "~/modules/wallet/deposits.server";
import { addMonths, luoyangToday } from "~/utils/dates";
import { signedAgreementData } from "./seed-agreement.server";
import { DAY } from "./demo-timeline";

/** The bank's reference of the cooperative's demo transfer (one deposit per reference). */
export const DEMO_DEPOSIT_REFERENCE = "DEMO-COOP-0001";

/**
 * Co-funding in the demo: an agreement in force for greenhouse mushroom-shed renovation whose
 * first milestone (¥20,000) is paid 30 % by the cooperative and 70 % by a programme co-pay. The
 * cooperative has paid its share into escrow already; the programme's share waits for bureau
 * staff to press "出资" on the payers page. The second milestone is paid by the cooperative alone.
 * The money moves as the real services move it: platform finance records the cooperative's bank
 * transfer as an offline deposit (creditOfflineDeposit), and the cooperative's share goes into
 * escrow with the transfer, funder row and audit entry fundShare writes.
 * Call inside the seed transaction once the cooperative, its head, the expert, the bureau person,
 * a finance officer and the programmes exist; `programmeId` defaults to the first open programme.
 */
export async function seedCofundingDemo(
  tx: Tx,
  ids: {
    coopOrganisationId: string;
    villageHeadId: string;
    expertId: string;
    bureauUserId: string;
    /** Platform finance staff (finance.manage), who record the bank transfer. */
    financeUserId: string;
    programmeId?: string;
  },
  now: Date,
) {
  const programmeId =
    ids.programmeId ??
    (
      await tx.programme.findFirst({
        where: { status: "OPEN" },
        orderBy: { createdAt: "asc" },
        select: { id: true },
      })
    )?.id;
  if (!programmeId) throw new Error("seedCofundingDemo needs an open programme");
  const startedAt = new Date(now.getTime() - 30 * DAY);
  const startDate = luoyangToday(startedAt);
  const milestones = [
    {
      title: "菇棚改造方案与遮阳通风设备安装",
      deliverables: "改造方案一份；遮阳网、风机安装到位",
      acceptanceCriteria: "棚内夏季午间温度不高于 28℃",
      amountFen: 2_000_000,
    },
    {
      title: "出菇管理培训与首茬验收",
      deliverables: "培训社员 20 人次；首茬出菇记录",
      acceptanceCriteria: "首茬单棒产量不低于 0.4 公斤",
      amountFen: 1_000_000,
    },
  ];
  const terms: AgreementTerms = {
    title: "香菇大棚夏季出菇改造技术承包",
    startDate,
    endDate: addMonths(startDate, 6),
    reviewWindowDays: 14,
    components: [{ type: "TECH_CONTRACT", feeFen: 3_000_000, milestones }],
  };
  const signed = await signedAgreementData(tx, terms, ids, startedAt);
  const agreement = await tx.agreement.create({
    data: {
      ...signed,
      status: "ACTIVE",
      milestones: {
        create: milestones.map((milestone, index) => ({
          ...milestone,
          position: index + 1,
          createdAt: signed.createdAt,
        })),
      },
    },
    select: { id: true, milestones: { where: { position: 1 }, select: { id: true } } },
  });
  const milestoneId = agreement.milestones[0]!.id;
  const coopWallet = walletId({ organisationId: ids.coopOrganisationId });
  const [coopShare, programmeShare] = await Promise.all([
    tx.milestoneFunder.create({
      data: {
        milestoneId,
        position: 0,
        accountId: coopWallet,
        shareFen: 600_000,
        createdAt: signed.createdAt,
      },
      select: { id: true, shareFen: true },
    }),
    tx.milestoneFunder.create({
      data: {
        milestoneId,
        position: 1,
        accountId: programmeAccountId(programmeId),
        shareFen: 1_400_000,
        createdAt: signed.createdAt,
      },
      select: { id: true },
    }),
  ]);
  // The cooperative's share came in by bank transfer, recorded by platform finance, and the
  // cooperative's head paid it into escrow.
  const coop = await tx.organisation.findUniqueOrThrow({
    where: { id: ids.coopOrganisationId },
    select: { name: true },
  });
  await creditOfflineDeposit(tx, ids.financeUserId, {
    accountId: coopWallet,
    amountFen: coopShare.shareFen,
    bankReference: DEMO_DEPOSIT_REFERENCE,
    payerName: coop.name,
    note: "",
  });
  const transferId = await payIntoEscrow(
    tx,
    {
      from: coopWallet,
      amountFen: coopShare.shareFen,
      agreementId: agreement.id,
      milestoneId,
      actorId: ids.villageHeadId,
      memo: `share:${coopShare.id}`,
    },
    { code: "cofunding.insufficient_funds", ledgerCodes: ["ledger.insufficient_funds"] },
  );
  // The ledger stamps the transfer with the database's clock; the share is funded at that moment.
  const { createdAt: fundedAt } = await tx.ledgerTransfer.findUniqueOrThrow({
    where: { id: transferId },
    select: { createdAt: true },
  });
  await tx.milestoneFunder.update({
    where: { id: coopShare.id },
    data: { fundedAt, fundedById: ids.villageHeadId, transferId },
    select: { id: true },
  });
  await recordAudit(tx, {
    actorId: ids.villageHeadId,
    action: "milestone.share_funded",
    subjectType: "Milestone",
    subjectId: milestoneId,
    after: { funderId: coopShare.id, accountId: coopWallet, shareFen: coopShare.shareFen, transferId },
    ip: null,
  });
  await recordAudit(tx, {
    actorId: null,
    action: "demo.seeded",
    subjectType: "Agreement",
    subjectId: agreement.id,
  });
  return { agreementId: agreement.id, milestoneId, programmeFunderId: programmeShare.id };
}
