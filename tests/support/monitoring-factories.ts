import { db } from "~/db.server";
import type { BudgetLine } from "~/modules/monitoring/monitoring.budget";
import type { ChangeRequestFields, ProgressReportFields } from "~/modules/monitoring/monitoring.schema";
import { decideApplication } from "~/modules/programmes/programmes.server";
import { recordCountyOpinion } from "~/modules/counties/prescreen.server";
import type { ApplyFields } from "~/modules/programmes/programmes.schema";
import { createUser } from "./factories";
import { actorOf } from "./needs-factories";
import { addScores, createApplication, createOpenProgramme } from "./programmes-factories";

export const DAY = 86_400_000;

/** 30,000 on equipment and 10,000 on travel: the 400-yuan application of applyFields. */
export const REQUESTED_LINES: BudgetLine[] = [
  { category: "EQUIPMENT", amountFen: 30_000 },
  { category: "TRAVEL", amountFen: 10_000 },
];

/**
 * A funded project: applied with budget lines (unless `lines` is null, as an API application or
 * one made before budgets by line), scored, approved for `approvedFen`, approved `approvedDaysAgo` ago.
 */
export async function createFundedProject({
  lines = REQUESTED_LINES,
  team = ["李明"],
  suppliers = ["洛阳农资公司"],
  approvedFen = 40_000,
  approvedDaysAgo = 10,
  countyCode = "410324",
}: {
  lines?: BudgetLine[] | null;
  team?: string[];
  suppliers?: string[];
  approvedFen?: number;
  approvedDaysAgo?: number;
  countyCode?: ApplyFields["countyCode"];
} = {}) {
  const { programme, bureau } = await createOpenProgramme();
  const { application, organisation, head } = await createApplication(programme.id, {
    countyCode,
    requestedFen: 40_000,
    plan: lines ? { budgetLines: lines, team, suppliers } : undefined,
  });
  // Where the county has an officer, the city reviews and decides after the county's opinion.
  const officer = await db.user.findFirst({
    where: { primaryRole: "COUNTY", countyCode },
    select: { id: true },
  });
  if (officer)
    await recordCountyOpinion(await actorOf(officer.id), application.id, {
      recommend: true,
      note: "同意推荐",
    });
  await addScores(application.id);
  const decidedAt = new Date(Date.now() - approvedDaysAgo * DAY);
  await decideApplication(bureau, application.id, { approve: true, approvedFen }, decidedAt);
  return { applicationId: application.id, organisation, head, bureau };
}

export async function createOfficer(role: "COUNTY" | "FINANCE" | "BUREAU", countyCode?: string) {
  return actorOf((await createUser({ role, countyCode })).id);
}

export function changeFields(overrides: Partial<ChangeRequestFields> = {}): ChangeRequestFields {
  return {
    budget: [
      { category: "EQUIPMENT", amountFen: 25_000 },
      { category: "TRAVEL", amountFen: 10_000 },
      { category: "TESTING", amountFen: 5_000 },
    ],
    scope: "建设标准化菌棒生产线，培训 50 户农户，降低污染率。",
    endsOn: undefined,
    milestones: [],
    team: ["李明"],
    suppliers: ["洛阳农资公司"],
    reason: "菌棒需要送检，增加测试化验费",
    ...overrides,
  };
}

export function reportFields(overrides: Partial<ProgressReportFields> = {}): ProgressReportFields {
  return {
    period: 1,
    progress: "生产线设备已到位，完成两批菌棒试产。",
    spending: [
      { category: "EQUIPMENT", payeeName: "洛阳农资公司", payeeKind: "SUPPLIER", amountFen: 20_000 },
      { category: "TRAVEL", payeeName: "李明", payeeKind: "TEAM_MEMBER", amountFen: 3_000 },
    ],
    ...overrides,
  };
}

/** The flags of a project, by rule, as the database holds them. */
export async function flagRules(applicationId: string) {
  const flags = await db.monitoringFlag.findMany({ where: { applicationId }, select: { rule: true } });
  return flags.map((flag) => flag.rule).sort();
}
