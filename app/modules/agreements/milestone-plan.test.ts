import { describe, expect, it } from "vitest";
import { dueDateOf, planMilestones, type ExistingMilestone } from "./milestone-plan";
import type { AgreementTerms, MilestoneTerms } from "./terms";

const m = (title: string, amountFen: number, dueDate?: string): MilestoneTerms => ({
  title,
  deliverables: "报告",
  acceptanceCriteria: "确认",
  amountFen,
  ...(dueDate ? { dueDate } : {}),
});

function terms(...milestones: MilestoneTerms[]): AgreementTerms {
  return {
    title: "技术承包",
    startDate: "2026-05-01",
    endDate: "2027-04-30",
    reviewWindowDays: 14,
    components: [
      { type: "TECH_CONTRACT", feeFen: milestones.reduce((s, x) => s + x.amountFen, 0), milestones },
    ],
  };
}

function row(
  position: number,
  status: ExistingMilestone["status"],
  milestone: MilestoneTerms,
): ExistingMilestone {
  const { dueDate, ...rest } = milestone;
  return { id: `m${position}`, position, status, ...rest, dueDate: dueDateOf(dueDate) };
}

describe("planMilestones", () => {
  it("creates every milestone the first time", () => {
    const { steps, conflicts } = planMilestones([], terms(m("诊断", 100), m("培训", 200)));
    expect(conflicts).toEqual([]);
    expect(steps.map((s) => [s.kind, s.kind === "create" ? s.position : null])).toEqual([
      ["create", 1],
      ["create", 2],
    ]);
  });

  it("updates or deletes planned milestones freely and keeps a funded one that did not change", () => {
    const existing = [
      row(1, "FUNDED", m("诊断", 100, "2026-06-30")),
      row(2, "PLANNED", m("培训", 200)),
      row(3, "PLANNED", m("回访", 50)),
    ];
    const { steps, conflicts } = planMilestones(
      existing,
      terms(m("诊断", 100, "2026-06-30"), m("培训（两次）", 300)),
    );
    expect(conflicts).toEqual([]);
    expect(steps.map((s) => `${s.kind}:${"id" in s ? s.id : s.position}`)).toEqual([
      "keep:m1",
      "update:m2",
      "delete:m3",
    ]);
  });

  it("refuses to change, move or remove a milestone whose money is in play", () => {
    const existing = [row(1, "RELEASED", m("诊断", 100)), row(2, "SUBMITTED", m("培训", 200))];
    expect(planMilestones(existing, terms(m("诊断", 150), m("培训", 200))).conflicts).toEqual([
      { position: 1, title: "诊断" },
    ]);
    expect(planMilestones(existing, terms(m("诊断", 100, "2026-09-30"), m("培训", 200))).conflicts).toEqual([
      { position: 1, title: "诊断" },
    ]);
    expect(planMilestones(existing, terms(m("诊断", 100))).conflicts).toEqual([
      { position: 2, title: "培训" },
    ]);
    expect(
      planMilestones(existing, terms(m("新增", 10), m("诊断", 100), m("培训", 200))).conflicts.map(
        (c) => c.position,
      ),
    ).toEqual([1, 2]);
  });
});
