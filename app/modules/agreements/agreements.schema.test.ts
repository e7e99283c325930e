import { parseWithZod } from "@conform-to/zod/v4";
import { describe, expect, it } from "vitest";
import { isMessageKey } from "~/i18n/i18n";
import { TermsFormSchema, termsFormDefaults } from "./agreements.schema";
import { AgreementTerms } from "./terms";

function form(fields: Record<string, string>) {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.append(name, value);
  return data;
}

const contract = {
  title: "香菇菌棒污染防治技术承包",
  startDate: "2026-05-01",
  endDate: "2027-04-30",
  "components[0].type": "TECH_CONTRACT",
  "components[0].fee": "12000.50",
  "components[0].milestones[0].title": "现场诊断",
  "components[0].milestones[0].deliverables": "诊断报告",
  "components[0].milestones[0].acceptanceCriteria": "报告经合作社确认",
  "components[0].milestones[0].amount": "5000",
  "components[0].milestones[1].title": "技术培训",
  "components[0].milestones[1].deliverables": "两次培训",
  "components[0].milestones[1].acceptanceCriteria": "培训 30 人次",
  "components[0].milestones[1].amount": "7000.50",
  "components[1].type": "REVENUE_SHARE",
  "components[1].sharePercent": "12.5",
  "components[1].base": "PROFIT",
  "components[1].period": "YEAR",
  "components[1].startDate": "2026-06-01",
  "components[1].termMonths": "36",
};

describe("the terms form", () => {
  it("reads yuan into fen and percentages into basis points", () => {
    const submission = parseWithZod(form(contract), { schema: TermsFormSchema });
    expect(submission.status).toBe("success");
    if (submission.status !== "success") return;
    expect(AgreementTerms.safeParse(submission.value).success).toBe(true);
    expect(submission.value).toMatchObject({
      reviewWindowDays: 14,
      components: [
        {
          type: "TECH_CONTRACT",
          feeFen: 1_200_050,
          milestones: [{ amountFen: 500_000 }, { amountFen: 700_050 }],
        },
        { type: "REVENUE_SHARE", shareBp: 1250, base: "PROFIT", period: "YEAR", termMonths: 36 },
      ],
    });
  });

  it("reports cross-field rules on the form's own field names, as message keys", () => {
    const submission = parseWithZod(
      form({
        ...contract,
        "components[0].fee": "12000",
        "components[1].floor": "9000",
        "components[1].cap": "100",
        "components[0].milestones[0].dueDate": "2028-01-01",
      }),
      { schema: TermsFormSchema },
    );
    expect(submission.status).toBe("error");
    const error = submission.status === "error" ? submission.error : null;
    expect(error).toMatchObject({
      "components[0].fee": ["agreements.errors.milestones_sum"],
      "components[1].cap": ["agreements.errors.floor_above_cap"],
      "components[0].milestones[0].dueDate": ["agreements.errors.due_date_range"],
    });
    for (const messages of Object.values(error ?? {}))
      for (const message of messages ?? []) expect(isMessageKey(message), message).toBe(true);
  });

  it("refuses money and percentages people mistype", () => {
    const submission = parseWithZod(
      form({
        ...contract,
        "components[0].fee": "1234.567",
        "components[1].sharePercent": "百分之十",
        "components[0].milestones[0].amount": "0",
      }),
      { schema: TermsFormSchema },
    );
    expect(submission.status === "error" ? submission.error : null).toMatchObject({
      "components[0].fee": ["agreements.errors.money"],
      "components[1].sharePercent": ["agreements.errors.percent"],
      "components[0].milestones[0].amount": ["agreements.errors.money_positive"],
    });
  });

  it("fills from stored terms and reads back to the same terms", () => {
    const submission = parseWithZod(form(contract), { schema: TermsFormSchema });
    if (submission.status !== "success") throw new Error("expected valid terms");
    const defaults = termsFormDefaults(submission.value);
    expect(defaults.components[0]).toMatchObject({
      fee: "12000.50",
      milestones: [{ amount: "5000" }, { amount: "7000.50" }],
    });
    expect(defaults.components[1]).toMatchObject({ sharePercent: "12.5", termMonths: "36" });
  });
});
