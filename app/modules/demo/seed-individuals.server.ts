import type { Tx } from "~/db.server";
import { recordAudit } from "~/modules/audit/audit.server";
import { CLEARING, ensureAccount, programmeAccountId, transfer } from "~/modules/ledger/ledger.server";
import { banEndsAt } from "~/modules/sanctions/bans.server";
import { luoyangYear } from "~/utils/dates";
import { DAY, type DemoTimeline } from "./demo-timeline";

/**
 * Individual applicants and the public ban list in the demo: the demo expert serves in this
 * year's commissioner cohort (dispatched to 栾川), a call open to commissioners and their teams,
 * and one published ban (a made-up cooperative, hidden from the directory) so /bans shows a row.
 */
export async function seedIndividualsDemo(
  tx: Tx,
  ids: { bureauUserId: string; expertId: string },
  time: DemoTimeline,
) {
  const { now, ago, callsOpenedAt } = time;
  const year = luoyangYear(now);
  const cohort = await tx.commissionerCohort.upsert({
    where: { year_kind: { year, kind: "STANDARD" } },
    create: { year, name: `${year} 年度洛阳市科技特派员`, createdById: ids.bureauUserId, createdAt: ago(90) },
    update: {},
    select: { id: true },
  });
  await tx.commissionerAssignment.create({
    data: {
      cohortId: cohort.id,
      userId: ids.expertId,
      countyCode: "410324",
      villages: ["陶湾镇协心村", "潭头镇大王庙村"],
      startDate: new Date(Date.UTC(year, 0, 1)),
      endDate: new Date(Date.UTC(year + 1, 11, 31)),
      createdById: ids.bureauUserId,
      createdAt: ago(89),
    },
  });

  const programme = await tx.programme.create({
    data: {
      kind: "GRANT",
      year,
      title: `${year} 年科技特派员创新创业项目资助`,
      description:
        "支持在派科技特派员以个人或团队名义，在服务村开展新品种、新技术示范推广和技术培训，立项后一次拨付，资金拨入特派员（团队牵头人）本人账户。",
      budgetFen: 5_000_000,
      maxAwardFen: 500_000,
      applicantKinds: ["INDIVIDUAL", "TEAM"],
      deadline: new Date(now.getTime() + 45 * DAY),
      status: "OPEN",
      createdAt: new Date(callsOpenedAt.getTime() - 2 * DAY),
      publishedAt: callsOpenedAt,
      createdById: ids.bureauUserId,
    },
    select: { id: true, budgetFen: true, title: true },
  });
  const account = await ensureAccount(tx, { id: programmeAccountId(programme.id), kind: "PROGRAMME" });
  await transfer(tx, {
    from: CLEARING,
    to: account,
    amountFen: programme.budgetFen,
    reason: "PROGRAMME_BUDGET",
    actorId: ids.bureauUserId,
    memo: programme.title,
  });

  const banned = await tx.organisation.create({
    data: {
      type: "COOPERATIVE",
      name: "洛宁县示例果品专业合作社",
      countyCode: "410328",
      creditCode: "93410328MA0XK0005Y",
      hiddenAt: ago(200),
      hiddenReason: "演示用：禁止承担科技项目",
      createdAt: ago(400),
    },
    select: { id: true },
  });
  const startsAt = ago(200);
  const sanction = await tx.sanction.create({
    data: {
      kind: "BAN",
      organisationId: banned.id,
      reason: "虚报项目完成情况，套取后补助资金",
      startsAt,
      endsAt: banEndsAt(startsAt),
      createdById: ids.bureauUserId,
      createdAt: startsAt,
    },
    select: { id: true },
  });
  for (const [subjectType, subjectId] of [
    ["Programme", programme.id],
    ["Sanction", sanction.id],
  ] as const) {
    await recordAudit(tx, { actorId: null, action: "demo.seeded", subjectType, subjectId });
  }
}
