import { describe, expect, it } from "vitest";
import {
  AgreementTerms,
  addMonths,
  bpToPercentText,
  defaultTerms,
  parsePercentToBp,
  plannedMilestones,
} from "./terms";

const milestone = {
  title: "现场诊断",
  deliverables: "诊断报告",
  acceptanceCriteria: "报告经合作社确认",
  amountFen: 500_000,
};

function valid(): Record<string, unknown> & { components: Record<string, unknown>[] } {
  return {
    title: "香菇菌棒污染防治技术承包",
    startDate: "2026-05-01",
    endDate: "2027-04-30",
    reviewWindowDays: 14,
    components: [
      {
        type: "TECH_CONTRACT",
        feeFen: 1_200_000,
        milestones: [
          milestone,
          { ...milestone, title: "技术培训", amountFen: 700_000, dueDate: "2026-08-31" },
        ],
      },
      {
        type: "REVENUE_SHARE",
        shareBp: 1000,
        base: "REVENUE",
        period: "QUARTER",
        startDate: "2026-07-01",
        termMonths: 24,
        floorFen: 100_000,
        capFen: 5_000_000,
      },
      {
        type: "TECH_EQUITY",
        enterpriseName: "栾川协心菌业有限公司",
        valuationFen: 50_000_000,
        equityBp: 500,
        vestingStart: "2026-05-01",
        vestingMonths: 36,
        cliffMonths: 12,
      },
      {
        type: "PAID_SERVICE",
        description: "每季度一次现场检测",
        feeFen: 300_000,
        milestones: [{ ...milestone, amountFen: 300_000 }],
      },
      { type: "GRANT_FUNDED", programmeName: "洛阳市科技扶贫专项", amountFen: 2_000_000 },
    ],
  };
}

/** The refusals of terms changed by `change`, as "path: message". */
function issues(change: (terms: ReturnType<typeof valid>) => void): string[] {
  const terms = valid();
  change(terms);
  const result = AgreementTerms.safeParse(terms);
  return result.success
    ? []
    : result.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
}

const component = (terms: ReturnType<typeof valid>, index: number) =>
  terms.components[index] as Record<string, unknown>;

describe("AgreementTerms", () => {
  it("accepts complete terms with every kind of component and defaults the review window", () => {
    expect(issues(() => {})).toEqual([]);
    const { reviewWindowDays: _omit, ...rest } = valid();
    expect(AgreementTerms.parse(rest).reviewWindowDays).toBe(14);
  });

  it.each<[string, (terms: ReturnType<typeof valid>) => void, string]>([
    ["a short title", (t) => (t.title = "协议"), "title: agreements.errors.title_length"],
    ["a malformed date", (t) => (t.startDate = "2026/05/01"), "startDate: agreements.errors.date"],
    [
      "an end before the start",
      (t) => (t.endDate = "2026-04-30"),
      "endDate: agreements.errors.end_before_start",
    ],
    [
      "an end on the start day",
      (t) => (t.endDate = "2026-05-01"),
      "endDate: agreements.errors.end_before_start",
    ],
    [
      "a review window of 0 days",
      (t) => (t.reviewWindowDays = 0),
      "reviewWindowDays: agreements.errors.review_window",
    ],
    [
      "a review window of 61 days",
      (t) => (t.reviewWindowDays = 61),
      "reviewWindowDays: agreements.errors.review_window",
    ],
    [
      "special terms over 4000 characters",
      (t) => (t.specialTerms = "款".repeat(4001)),
      "specialTerms: agreements.errors.too_long",
    ],
    ["no components", (t) => (t.components = []), "components: agreements.errors.components_count"],
    [
      "six components",
      (t) => t.components.push(t.components[4]!),
      "components: agreements.errors.components_count",
    ],
    [
      "an unknown component type",
      (t) => (component(t, 4).type = "LOAN"),
      "components.4.type: agreements.errors.component_type",
    ],
    [
      "the same type twice",
      (t) => (t.components[4] = { ...t.components[1]! }),
      "components.4.type: agreements.errors.component_duplicate",
    ],
    [
      "milestones that do not add up to the fee",
      (t) => (component(t, 0).feeFen = 1_200_001),
      "components.0.feeFen: agreements.errors.milestones_sum",
    ],
    [
      "a contract without milestones",
      (t) => (component(t, 0).milestones = []),
      "components.0.milestones: agreements.errors.milestones_count",
    ],
    [
      "21 milestones",
      (t) => (component(t, 3).milestones = Array.from({ length: 21 }, () => milestone)),
      "components.3.milestones: agreements.errors.milestones_count",
    ],
    [
      "a fractional fen",
      (t) => (component(t, 0).feeFen = 1_200_000.5),
      "components.0.feeFen: agreements.errors.money",
    ],
    [
      "a zero fee",
      (t) => (component(t, 4).amountFen = 0),
      "components.4.amountFen: agreements.errors.money_positive",
    ],
    [
      "a negative amount",
      (t) => (component(t, 2).valuationFen = -1),
      "components.2.valuationFen: agreements.errors.money_positive",
    ],
    [
      "a milestone above one transfer's limit",
      (t) =>
        Object.assign(component(t, 3), {
          feeFen: 1_000_000_001,
          milestones: [{ ...milestone, amountFen: 1_000_000_001 }],
        }),
      "components.3.milestones.0.amountFen: agreements.errors.money_too_large",
    ],
    [
      "a milestone due after the end",
      (t) =>
        (component(t, 0).milestones = [
          milestone,
          { ...milestone, amountFen: 700_000, dueDate: "2027-05-01" },
        ]),
      "components.0.milestones.1.dueDate: agreements.errors.due_date_range",
    ],
    [
      "a milestone due before the start",
      (t) =>
        (component(t, 0).milestones = [
          milestone,
          { ...milestone, amountFen: 700_000, dueDate: "2026-04-30" },
        ]),
      "components.0.milestones.1.dueDate: agreements.errors.due_date_range",
    ],
    [
      "a one-character milestone title",
      (t) =>
        (component(t, 0).milestones = [
          { ...milestone, title: "诊" },
          { ...milestone, amountFen: 700_000 },
        ]),
      "components.0.milestones.0.title: agreements.errors.milestone_title",
    ],
    [
      "empty acceptance criteria",
      (t) =>
        (component(t, 0).milestones = [
          { ...milestone, acceptanceCriteria: " " },
          { ...milestone, amountFen: 700_000 },
        ]),
      "components.0.milestones.0.acceptanceCriteria: errors.required",
    ],
    [
      "a short service description",
      (t) => (component(t, 3).description = "检测"),
      "components.3.description: agreements.errors.description_length",
    ],
    [
      "a share of 0 %",
      (t) => (component(t, 1).shareBp = 0),
      "components.1.shareBp: agreements.errors.percent_range",
    ],
    [
      "a share above 100 %",
      (t) => (component(t, 1).shareBp = 10_001),
      "components.1.shareBp: agreements.errors.percent_range",
    ],
    [
      "no revenue base",
      (t) => delete component(t, 1).base,
      "components.1.base: agreements.errors.revenue_base",
    ],
    [
      "an unknown period",
      (t) => (component(t, 1).period = "WEEK"),
      "components.1.period: agreements.errors.revenue_period",
    ],
    [
      "a share term of 0 months",
      (t) => (component(t, 1).termMonths = 0),
      "components.1.termMonths: agreements.errors.term_months",
    ],
    [
      "a share term of 241 months",
      (t) => (component(t, 1).termMonths = 241),
      "components.1.termMonths: agreements.errors.term_months",
    ],
    [
      "a floor above the cap",
      (t) => (component(t, 1).floorFen = 5_000_001),
      "components.1.capFen: agreements.errors.floor_above_cap",
    ],
    [
      "a share starting before the agreement",
      (t) => (component(t, 1).startDate = "2026-04-01"),
      "components.1.startDate: agreements.errors.revenue_start_range",
    ],
    [
      "a share starting on the end day",
      (t) => (component(t, 1).startDate = "2027-04-30"),
      "components.1.startDate: agreements.errors.revenue_start_range",
    ],
    [
      "no enterprise",
      (t) => (component(t, 2).enterpriseName = ""),
      "components.2.enterpriseName: agreements.errors.enterprise_name",
    ],
    [
      "equity of 0 basis points",
      (t) => (component(t, 2).equityBp = 0),
      "components.2.equityBp: agreements.errors.percent_range",
    ],
    [
      "equity above 100 %",
      (t) => (component(t, 2).equityBp = 10_001),
      "components.2.equityBp: agreements.errors.percent_range",
    ],
    [
      "vesting over 120 months",
      (t) => (component(t, 2).vestingMonths = 121),
      "components.2.vestingMonths: agreements.errors.vesting_months",
    ],
    [
      "a cliff longer than the vesting",
      (t) => (component(t, 2).cliffMonths = 37),
      "components.2.cliffMonths: agreements.errors.cliff_after_vesting",
    ],
    [
      "vesting before the agreement starts",
      (t) => (component(t, 2).vestingStart = "2026-04-30"),
      "components.2.vestingStart: agreements.errors.vesting_start",
    ],
    [
      "a grant without its programme",
      (t) => (component(t, 4).programmeName = "项"),
      "components.4.programmeName: agreements.errors.programme_name",
    ],
  ])("refuses %s", (_name, change, expected) => {
    expect(issues(change)).toContain(expected);
  });

  it("allows a cliff equal to the vesting period and no vesting at all", () => {
    expect(issues((t) => Object.assign(component(t, 2), { vestingMonths: 12, cliffMonths: 12 }))).toEqual([]);
    expect(issues((t) => Object.assign(component(t, 2), { vestingMonths: 0, cliffMonths: 0 }))).toEqual([]);
  });

  it("numbers milestones 1..n across components in order", () => {
    const terms = AgreementTerms.parse(valid());
    expect(plannedMilestones(terms).map((m) => [m.position, m.title, m.amountFen])).toEqual([
      [1, "现场诊断", 500_000],
      [2, "技术培训", 700_000],
      [3, "现场诊断", 300_000],
    ]);
  });
});

describe("defaultTerms", () => {
  const base = {
    priceFen: 1_200_000,
    title: "香菇菌棒污染防治",
    approach: "现场诊断并调整灭菌流程",
    today: "2026-05-10",
  };

  it("makes one milestone of the whole price for a contract or a paid service, valid at once", () => {
    for (const arrangement of ["TECH_CONTRACT", "PAID_SERVICE"] as const) {
      const terms = defaultTerms({ ...base, arrangement });
      expect(AgreementTerms.safeParse(terms).success).toBe(true);
      expect(terms).toMatchObject({ startDate: "2026-05-10", endDate: "2027-05-10", reviewWindowDays: 14 });
      expect(plannedMilestones(terms)).toMatchObject([
        { position: 1, amountFen: 1_200_000, deliverables: base.approach },
      ]);
    }
  });

  it("shares 10 % of revenue quarterly for a revenue share", () => {
    const terms = defaultTerms({ ...base, arrangement: "REVENUE_SHARE" });
    expect(terms.components).toEqual([
      {
        type: "REVENUE_SHARE",
        shareBp: 1000,
        base: "REVENUE",
        period: "QUARTER",
        startDate: "2026-05-10",
        termMonths: 12,
      },
    ]);
    expect(AgreementTerms.safeParse(terms).success).toBe(true);
  });

  it("leaves the enterprise and the valuation of technology equity to be entered", () => {
    const result = AgreementTerms.safeParse(defaultTerms({ ...base, arrangement: "TECH_EQUITY" }));
    expect(result.success).toBe(false);
    const paths = result.error!.issues.map((issue) => issue.path.join("."));
    expect(paths).toEqual(
      expect.arrayContaining(["components.0.enterpriseName", "components.0.valuationFen"]),
    );
  });
});

describe("percentages and dates", () => {
  it.each([
    ["10", 1000],
    ["12.5", 1250],
    ["0.01", 1],
    ["100", 10_000],
    ["7.25%", 725],
  ])("reads %s %% as %i basis points", (text, bp) => {
    expect(parsePercentToBp(text)).toBe(bp);
    expect(parsePercentToBp(bpToPercentText(bp))).toBe(bp);
  });

  it.each(["", "abc", "1.234", "-5", "1e2"])("refuses %s as a percentage", (text) => {
    expect(parsePercentToBp(text)).toBeNull();
  });

  it("adds months, clamping to the month's last day", () => {
    expect(addMonths("2026-01-31", 1)).toBe("2026-02-28");
    expect(addMonths("2026-05-10", 12)).toBe("2027-05-10");
  });
});
