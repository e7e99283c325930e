import type { Tx } from "~/db.server";
import type { AgreementTerms } from "~/modules/agreements/terms";
import { recordAudit } from "~/modules/audit/audit.server";
import { signedAgreementData } from "./seed-agreement.server";
import {
  CLEARING,
  ensureAccount,
  ensureWallet,
  escrowId,
  programmeAccountId,
  transfer,
  walletId,
} from "~/modules/ledger/ledger.server";
import { addMonths, luoyangToday } from "~/utils/dates";

const DAY = 24 * 3600_000;

/**
 * Co-funding in the demo: an agreement in force for greenhouse mushroom-shed renovation whose
 * first milestone (¥20,000) is paid 30 % by the cooperative and 70 % by a programme co-pay. The
 * cooperative has paid its share into escrow already; the programme's share waits for bureau
 * staff to press "出资" on the payers page. The second milestone is paid by the cooperative alone.
 * Call inside the seed transaction once the cooperative, its head, the expert, the bureau person
 * and the programmes exist; `programmeId` defaults to the first open programme.
 */
export async function seedCofundingDemo(
  tx: Tx,
  ids: {
    coopOrganisationId: string;
    villageHeadId: string;
    expertId: string;
    bureauUserId: string;
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
  const startedAt = new Date(now.getTime() - 10 * DAY);
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
  const agreement = await tx.agreement.create({
    data: {
      ...(await signedAgreementData(tx, terms, ids, startedAt, now)),
      status: "ACTIVE",
      milestones: { create: milestones.map((milestone, index) => ({ ...milestone, position: index + 1 })) },
    },
    select: { id: true, milestones: { where: { position: 1 }, select: { id: true } } },
  });
  const milestoneId = agreement.milestones[0]!.id;
  const coopWallet = walletId({ organisationId: ids.coopOrganisationId });
  const [coopShare, programmeShare] = await Promise.all([
    tx.milestoneFunder.create({
      data: { milestoneId, position: 0, accountId: coopWallet, shareFen: 600_000 },
      select: { id: true },
    }),
    tx.milestoneFunder.create({
      data: { milestoneId, position: 1, accountId: programmeAccountId(programmeId), shareFen: 1_400_000 },
      select: { id: true },
    }),
  ]);
  // The cooperative's share came in by bank transfer and went straight into escrow.
  await ensureWallet(tx, { organisationId: ids.coopOrganisationId });
  await transfer(tx, {
    from: CLEARING,
    to: coopWallet,
    amountFen: 600_000,
    reason: "DEPOSIT",
    actorId: ids.bureauUserId,
    memo: "演示：合作社线下转账",
  });
  await ensureAccount(tx, { id: escrowId(milestoneId), kind: "ESCROW", milestoneId });
  const funded = await transfer(tx, {
    from: coopWallet,
    to: escrowId(milestoneId),
    amountFen: 600_000,
    reason: "MILESTONE_FUND",
    agreementId: agreement.id,
    milestoneId,
    actorId: ids.villageHeadId,
    memo: `share:${coopShare.id}`,
  });
  await tx.milestoneFunder.update({
    where: { id: coopShare.id },
    data: {
      fundedAt: new Date(now.getTime() - 2 * DAY),
      fundedById: ids.villageHeadId,
      transferId: funded.id,
    },
  });
  await recordAudit(tx, {
    actorId: null,
    action: "demo.seeded",
    subjectType: "Agreement",
    subjectId: agreement.id,
  });
  return { agreementId: agreement.id, milestoneId, programmeFunderId: programmeShare.id };
}
