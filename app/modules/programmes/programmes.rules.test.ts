import { describe, expect, it } from "vitest";
import {
  averageScore,
  disbursementBlocker,
  ineligibleReasons,
  missingScores,
  outstandingFen,
} from "./programmes.rules";
import { ApplyFormSchema, BureauApplicationIntentSchema, CompletionReportSchema } from "./programmes.schema";

describe("programme rules", () => {
  const rules = {
    eligibleCounties: ["410324"],
    eligibleIndustries: ["PLANTING"],
    eligibleOrgTypes: ["COOPERATIVE" as const],
  };

  it("says which eligibility rule an organisation's project fails, and treats empty lists as any", () => {
    expect(
      ineligibleReasons(rules, { countyCode: "410323", industry: "BREEDING", orgType: "FAMILY_FARM" }),
    ).toEqual(["orgType", "county", "industry"]);
    expect(
      ineligibleReasons(rules, { countyCode: "410324", industry: "PLANTING", orgType: "COOPERATIVE" }),
    ).toEqual([]);
    expect(
      ineligibleReasons(
        { eligibleCounties: [], eligibleIndustries: [], eligibleOrgTypes: [] },
        { countyCode: "410323", orgType: "ENTERPRISE" },
      ),
    ).toEqual([]);
  });

  it("counts as owed only approved money not yet paid", () => {
    expect(outstandingFen({ approvedFen: 40_000, disbursedFen: 15_000, status: "APPROVED" })).toBe(25_000);
    expect(outstandingFen({ approvedFen: 40_000, disbursedFen: 40_000, status: "DISBURSED" })).toBe(0);
    expect(outstandingFen({ approvedFen: null, disbursedFen: 0, status: "SUBMITTED" })).toBe(0);
  });

  it("averages the scores of reviewers who did not stand aside", () => {
    expect(
      averageScore([
        { conflict: false, score: 80 },
        { conflict: true, score: null },
        { conflict: false, score: 71 },
      ]),
    ).toBe(75.5);
    expect(averageScore([{ conflict: true, score: null }])).toBeNull();
  });
});

describe("programme forms", () => {
  it("reads the requested amount in yuan into fen and an empty link as none", () => {
    const parsed = ApplyFormSchema.parse({
      organisationId: "org",
      title: "香菇菌棒标准化生产",
      summary: "建设标准化菌棒生产线，培训 50 户农户，降低污染率。",
      countyCode: "410324",
      industry: "PLANTING",
      requested: "1,234.5",
      link: "",
    });
    expect(parsed).toMatchObject({ requestedFen: 123_450, link: undefined });
  });

  it("refuses a score without the no-conflict declaration, and a score above 100", () => {
    const missing = BureauApplicationIntentSchema.safeParse({ intent: "review", score: "80" });
    expect(missing.success ? [] : missing.error.issues.map((issue) => issue.message)).toEqual([
      "programmes.errors.declaration",
    ]);
    expect(
      BureauApplicationIntentSchema.safeParse({ intent: "review", score: "101", noConflict: "on" }).success,
    ).toBe(false);
  });

  it("takes a negative income change", () => {
    const parsed = CompletionReportSchema.parse({
      intent: "report",
      summary: "完成菌棒生产线建设，培训农户 52 户，污染率降到 4%。",
      farmersTrained: "52",
      incomeChange: "-300.5",
      jobsCreated: "0",
      sales: "0",
    });
    expect(parsed).toMatchObject({ incomeChange: -30_050, farmersTrained: 52, photos: [] });
  });
});

describe("disbursementBlocker", () => {
  const approved = {
    kind: "GRANT" as const,
    status: "APPROVED" as const,
    approvedFen: 1_938_272,
    disbursedFen: 0,
    suspendedAt: null,
    suspensionReason: null,
    score: null,
  };

  it("lets an approved grant be paid until it is paid in full", () => {
    expect(disbursementBlocker(approved)).toBeNull();
    expect(disbursementBlocker({ ...approved, disbursedFen: 1_938_272, status: "DISBURSED" })).toEqual({
      code: "programme.over_approved",
      params: { remaining: "¥0" },
    });
  });

  it("holds a post-subsidy until a passing evaluation", () => {
    const postSubsidy = { ...approved, kind: "POST_SUBSIDY" as const };
    expect(disbursementBlocker(postSubsidy)?.code).toBe("programme.not_evaluated");
    expect(disbursementBlocker({ ...postSubsidy, status: "EVALUATED", score: 59 })).toEqual({
      code: "programme.evaluation_failed",
      params: { score: 59, pass: 60 },
    });
    expect(disbursementBlocker({ ...postSubsidy, status: "EVALUATED", score: 60 })).toBeNull();
  });

  it("refuses a suspended or undecided application", () => {
    expect(disbursementBlocker({ ...approved, suspendedAt: new Date(), suspensionReason: "审计" })).toEqual({
      code: "programme.suspended",
      params: { reason: "审计" },
    });
    expect(disbursementBlocker({ ...approved, status: "SUBMITTED", approvedFen: null })?.code).toBe(
      "programme.not_disbursable",
    );
  });
});

describe("missingScores", () => {
  it("counts scores that are not conflicts, never below zero", () => {
    const reviews = [
      { conflict: false, score: 80 },
      { conflict: true, score: null },
      { conflict: false, score: null },
    ];
    expect(missingScores(2, reviews)).toBe(1);
    expect(missingScores(1, reviews)).toBe(0);
    expect(missingScores(0, [])).toBe(0);
  });
});
