import { describe, expect, it } from "vitest";
import { minutesToTime, quietUntil } from "./quiet-hours";

const overnight = { start: 21 * 60 + 30, end: 7 * 60 + 30 };
const at = (luoyang: string) => new Date(`${luoyang}+08:00`);

describe("quiet hours", () => {
  it("holds a text sent late at night until the morning, Luoyang time", () => {
    expect(quietUntil(at("2026-12-06T23:10:00"), overnight)).toEqual(at("2026-12-07T07:30:00"));
    expect(quietUntil(at("2026-12-07T06:00:45"), overnight)).toEqual(at("2026-12-07T07:30:00"));
  });

  it("lets a text through outside the hours and at their last minute's end", () => {
    expect(quietUntil(at("2026-12-06T21:29:59"), overnight)).toBeNull();
    expect(quietUntil(at("2026-12-07T07:30:00"), overnight)).toBeNull();
    expect(quietUntil(at("2026-12-07T12:00:00"), overnight)).toBeNull();
  });

  it("handles hours within one day, none, and equal bounds", () => {
    const noon = { start: 12 * 60, end: 14 * 60 };
    expect(quietUntil(at("2026-12-07T13:00:00"), noon)).toEqual(at("2026-12-07T14:00:00"));
    expect(quietUntil(at("2026-12-07T11:59:00"), noon)).toBeNull();
    expect(quietUntil(at("2026-12-07T13:00:00"), null)).toBeNull();
    expect(quietUntil(at("2026-12-07T13:00:00"), { start: 600, end: 600 })).toBeNull();
  });

  it("writes minutes as a time of day", () => {
    expect(minutesToTime(overnight.start)).toBe("21:30");
    expect(minutesToTime(7 * 60 + 5)).toBe("07:05");
  });
});
