import { describe, expect, it } from "vitest";
import { assertTransition } from "~/utils/state-machine";
import { REVENUE_REPORT_TRANSITIONS } from "./revenue.states";

describe("revenue report transitions", () => {
  it("settles a reported period once", () => {
    expect(() => assertTransition(REVENUE_REPORT_TRANSITIONS, "REPORTED", "SETTLED")).not.toThrow();
  });

  it("refuses to settle a settled report again or to reopen it", () => {
    for (const to of ["SETTLED", "REPORTED"] as const) {
      expect(() =>
        assertTransition(REVENUE_REPORT_TRANSITIONS, "SETTLED", to, "revenue.already_settled"),
      ).toThrow(expect.objectContaining({ code: "revenue.already_settled", status: 409 }));
    }
  });
});
