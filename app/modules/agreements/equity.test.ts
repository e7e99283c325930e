import { describe, expect, it } from "vitest";
import { monthsBetween, vestedBp } from "./equity";

const day = (text: string) => new Date(`${text}T00:00:00+08:00`);
const schedule = { percentBp: 1200, vestingStart: day("2026-05-01"), vestingMonths: 24, cliffMonths: 6 };

describe("vesting", () => {
  it("counts whole calendar months in Luoyang", () => {
    expect(monthsBetween(day("2026-05-15"), day("2026-06-14"))).toBe(0);
    expect(monthsBetween(day("2026-05-15"), day("2026-06-15"))).toBe(1);
    expect(monthsBetween(day("2026-05-01"), day("2027-05-01"))).toBe(12);
  });

  it("vests nothing before the start or the cliff, then month by month, never beyond the holding", () => {
    expect(vestedBp(schedule, day("2026-04-30"))).toBe(0);
    expect(vestedBp(schedule, day("2026-10-31"))).toBe(0);
    expect(vestedBp(schedule, day("2026-11-01"))).toBe(300);
    expect(vestedBp(schedule, day("2027-05-01"))).toBe(600);
    expect(vestedBp(schedule, day("2030-01-01"))).toBe(1200);
  });

  it("vests everything at the start when there is no vesting period", () => {
    expect(vestedBp({ ...schedule, vestingMonths: 0, cliffMonths: 0 }, day("2026-05-01"))).toBe(1200);
  });
});
