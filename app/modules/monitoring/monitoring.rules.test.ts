import { describe, expect, it } from "vitest";
import { changeKinds, diffPlans, scaleLines, touchesMoney, type PlanContent } from "./monitoring.budget";
import { addMonths, reportDueDates, sameName, spendingFindings } from "./monitoring.rules";

const plan: PlanContent = {
  budgetLines: [
    { category: "EQUIPMENT", amountFen: 30_000 },
    { category: "TRAVEL", amountFen: 10_000 },
  ],
  scope: "建设菌棒生产线",
  endsOn: null,
  milestones: [],
  team: ["李明"],
  suppliers: ["洛阳农资公司"],
};

describe("scaleLines", () => {
  it("keeps each line's share and adds up to the approved amount to the fen", () => {
    for (const total of [1, 7, 33_333, 39_999, 40_000]) {
      const lines = scaleLines(
        [
          { category: "EQUIPMENT", amountFen: 20_001 },
          { category: "MATERIALS", amountFen: 9_999 },
          { category: "LABOUR", amountFen: 10_000 },
        ],
        total,
      );
      expect(lines.reduce((sum, line) => sum + line.amountFen, 0)).toBe(total);
    }
    expect(scaleLines(plan.budgetLines, 20_000)).toEqual([
      { category: "EQUIPMENT", amountFen: 15_000 },
      { category: "TRAVEL", amountFen: 5_000 },
    ]);
  });
});

describe("diffPlans", () => {
  it("names each kind of change, and money for lines or suppliers only", () => {
    const schedule = { ...plan, endsOn: "2027-06-30" };
    expect(changeKinds(diffPlans(plan, schedule))).toEqual(["SCHEDULE"]);
    expect(touchesMoney(diffPlans(plan, schedule))).toBe(false);
    const supplier = { ...plan, suppliers: ["洛阳农资公司", "栾川菌种场"] };
    expect(changeKinds(diffPlans(plan, supplier))).toEqual(["TEAM"]);
    expect(touchesMoney(diffPlans(plan, supplier))).toBe(true);
    expect(diffPlans(plan, plan).lines).toEqual([]);
    expect(changeKinds(diffPlans(plan, plan))).toEqual([]);
  });
});

describe("spendingFindings", () => {
  const base = {
    lines: plan.budgetLines,
    earlierSpentFen: {},
    organisationName: "协心村香菇合作社",
    knownTeam: plan.team,
    knownSuppliers: plan.suppliers,
  };
  it("finds nothing in spending within approved lines to known payees", () => {
    expect(
      spendingFindings({
        ...base,
        payments: [
          { category: "EQUIPMENT", payeeName: "洛阳农资公司", payeeKind: "SUPPLIER", amountFen: 30_000 },
          {
            category: "TRAVEL",
            payeeName: "协心村香菇合作社",
            payeeKind: "OWN_ORGANISATION",
            amountFen: 100,
          },
        ],
      }),
    ).toEqual([]);
  });
  it("adds the payments of one unknown payee together", () => {
    const findings = spendingFindings({
      ...base,
      payments: [
        { category: "EQUIPMENT", payeeName: "张三", payeeKind: "OTHER", amountFen: 100 },
        { category: "TRAVEL", payeeName: "张 三", payeeKind: "OTHER", amountFen: 200 },
      ],
    });
    expect(findings).toEqual([
      { rule: "UNKNOWN_PAYEE", payeeName: "张三", payeeKind: "OTHER", amountFen: 300 },
    ]);
  });
  it("compares names without spaces or full-width forms", () => {
    expect(sameName("洛阳（农资）公司", "洛阳 (农资) 公司")).toBe(true);
  });
});

describe("report schedule", () => {
  it("falls due every three months, to the planned end or for a year", () => {
    const approved = new Date("2026-01-31T00:00:00Z");
    expect(addMonths(approved, 1).toISOString().slice(0, 10)).toBe("2026-02-28");
    expect(reportDueDates(approved, null)).toHaveLength(4);
    expect(
      reportDueDates(approved, new Date("2026-08-01T00:00:00Z")).map((d) => d.toISOString().slice(0, 10)),
    ).toEqual(["2026-04-30", "2026-07-31", "2026-10-31"]);
  });

  it("follows the programme's interval: monthly for a year, half-yearly to the planned end", () => {
    const approved = new Date("2026-01-31T00:00:00Z");
    const monthly = reportDueDates(approved, null, 1).map((d) => d.toISOString().slice(0, 10));
    expect(monthly).toHaveLength(12);
    expect(monthly.slice(0, 3)).toEqual(["2026-02-28", "2026-03-31", "2026-04-30"]);
    expect(
      reportDueDates(approved, new Date("2027-03-01T00:00:00Z"), 6).map((d) => d.toISOString().slice(0, 10)),
    ).toEqual(["2026-07-31", "2027-01-31", "2027-07-31"]);
    expect(reportDueDates(approved, null, 12).map((d) => d.toISOString().slice(0, 10))).toEqual([
      "2027-01-31",
    ]);
  });
});

describe("form schemas", () => {
  it("refuses days that do not exist and payments beyond one column's integer", async () => {
    const { ChangeRequestSchema, ProgressReportSchema } = await import("./monitoring.schema");
    const change = ChangeRequestSchema.safeParse({
      scope: "建设菌棒生产线，培训农户",
      reason: "推迟",
      endsOn: "2027-02-30",
      milestones: "2027-02-29 建成生产线",
    });
    expect(change.success).toBe(false);
    expect(change.error?.issues.map((issue) => issue.path[0])).toEqual(
      expect.arrayContaining(["endsOn", "milestones"]),
    );
    const report = ProgressReportSchema.safeParse({
      period: "1",
      progress: "设备到位，试产两批菌棒。",
      spending: [{ category: "EQUIPMENT", payeeName: "农资店", payeeKind: "SUPPLIER", amount: "99999999" }],
    });
    expect(report.error?.issues[0]?.path).toEqual(["spending", 0, "amount"]);
  });
});
