import { describe, expect, it } from "vitest";
import { addMonths, luoyangToday } from "~/utils/dates";
import { periodsOf, shareDue } from "./periods";

describe("shareDue: base × rate, rounded down to the fen, then floor and cap", () => {
  const tenPercent = { shareBp: 1_000 };

  it("rounds down, never up", () => {
    expect(shareDue(12_345, tenPercent)).toBe(1_234); // 1234.5 fen → 1234
    expect(shareDue(19, tenPercent)).toBe(1); // 1.9 fen → 1
    expect(shareDue(9, tenPercent)).toBe(0);
    expect(shareDue(10_001, { shareBp: 3_333 })).toBe(3_333); // 3333.3333 → 3333
    expect(shareDue(1, { shareBp: 9_999 })).toBe(0);
    expect(shareDue(100, { shareBp: 10_000 })).toBe(100);
  });

  it("stays exact for large bases", () => {
    expect(shareDue(1_999_999_999, { shareBp: 9_999 })).toBe(1_999_799_999);
  });

  it("counts a loss as zero", () => {
    expect(shareDue(-50_000, tenPercent)).toBe(0);
  });

  it("applies the floor even when the base is zero or a loss", () => {
    expect(shareDue(0, { ...tenPercent, floorFen: 5_000 })).toBe(5_000);
    expect(shareDue(-1, { ...tenPercent, floorFen: 5_000 })).toBe(5_000);
    expect(shareDue(100_000, { ...tenPercent, floorFen: 5_000 })).toBe(10_000);
  });

  it("limits the share to the cap", () => {
    expect(shareDue(1_000_000, { ...tenPercent, capFen: 50_000 })).toBe(50_000);
    expect(shareDue(500_000, { ...tenPercent, capFen: 50_000 })).toBe(50_000);
    expect(shareDue(499_999, { ...tenPercent, capFen: 50_000 })).toBe(49_999);
    expect(shareDue(0, { ...tenPercent, floorFen: 100, capFen: 100 })).toBe(100);
  });

  it("refuses a fractional base", () => {
    expect(() => shareDue(10.5, tenPercent)).toThrow(TypeError);
  });
});

describe("periodsOf", () => {
  it("cuts a term into quarters with a due date 15 days after each end", () => {
    const periods = periodsOf({ period: "QUARTER", startDate: "2026-01-01", termMonths: 12 }, "2026-04-10");
    expect(periods.map((p) => [p.start, p.end, p.dueDate, p.timing])).toEqual([
      ["2026-01-01", "2026-03-31", "2026-04-15", "due"],
      ["2026-04-01", "2026-06-30", "2026-07-15", "upcoming"],
      ["2026-07-01", "2026-09-30", "2026-10-15", "upcoming"],
      ["2026-10-01", "2026-12-31", "2027-01-15", "upcoming"],
    ]);
  });

  it("marks a period overdue the day after its due date", () => {
    const rule = { period: "MONTH", startDate: "2026-01-01", termMonths: 2 } as const;
    expect(periodsOf(rule, "2026-02-15")[0]!.timing).toBe("due");
    expect(periodsOf(rule, "2026-02-16")[0]!.timing).toBe("overdue");
    expect(periodsOf(rule, "2026-01-31")[0]!.timing).toBe("upcoming");
  });

  it("ends a term that is not whole periods with a shorter one", () => {
    const periods = periodsOf({ period: "YEAR", startDate: "2026-07-15", termMonths: 18 }, "2026-01-01");
    expect(periods.map((p) => [p.start, p.end])).toEqual([
      ["2026-07-15", "2027-07-14"],
      ["2027-07-15", "2028-01-14"],
    ]);
  });

  it("keeps month-end starts from drifting", () => {
    expect(addMonths("2026-01-31", 1)).toBe("2026-02-28");
    expect(addMonths("2024-01-31", 1)).toBe("2024-02-29");
    const periods = periodsOf({ period: "MONTH", startDate: "2026-01-31", termMonths: 3 }, "2026-01-01");
    expect(periods.map((p) => [p.start, p.end])).toEqual([
      ["2026-01-31", "2026-02-27"],
      ["2026-02-28", "2026-03-30"],
      ["2026-03-31", "2026-04-29"],
    ]);
  });

  it("reads a moment as the day in Luoyang", () => {
    expect(luoyangToday(new Date("2026-03-31T16:00:00Z"))).toBe("2026-04-01");
    expect(luoyangToday(new Date("2026-03-31T15:59:59Z"))).toBe("2026-03-31");
  });
});
