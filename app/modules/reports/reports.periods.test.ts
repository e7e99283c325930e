import { describe, expect, it } from "vitest";
import { lastEndedPeriodKey, periodKeyAt } from "./reports.periods";

describe("the period whose returns are due", () => {
  it("is the month, quarter or year before the one running, in Luoyang time", () => {
    // 2026-12-07 03:00 in Luoyang.
    const now = new Date("2026-12-06T19:00:00Z");
    expect(periodKeyAt("MONTH", now)).toBe("2026-12");
    expect(lastEndedPeriodKey("MONTH", now)).toBe("2026-11");
    expect(lastEndedPeriodKey("QUARTER", now)).toBe("2026-Q3");
    expect(lastEndedPeriodKey("YEAR", now)).toBe("2025");
  });

  it("crosses the year and turns at Luoyang's midnight, not UTC's", () => {
    // 2027-01-01 00:30 in Luoyang is still 2026-12-31 in UTC.
    const newYear = new Date("2026-12-31T16:30:00Z");
    expect(lastEndedPeriodKey("MONTH", newYear)).toBe("2026-12");
    expect(lastEndedPeriodKey("QUARTER", newYear)).toBe("2026-Q4");
    expect(lastEndedPeriodKey("YEAR", newYear)).toBe("2026");
    // Half an hour earlier, December is still running.
    expect(lastEndedPeriodKey("MONTH", new Date("2026-12-31T15:30:00Z"))).toBe("2026-11");
  });
});
