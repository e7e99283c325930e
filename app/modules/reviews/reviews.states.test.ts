import { describe, expect, it } from "vitest";
import { assertTransition, statesThatMayBecome } from "~/utils/state-machine";
import { REVIEW_REPORT_TRANSITIONS } from "./reviews.states";

describe("review report transitions", () => {
  it("upholds or dismisses an open report", () => {
    for (const to of ["UPHELD", "DISMISSED"] as const)
      expect(() => assertTransition(REVIEW_REPORT_TRANSITIONS, "OPEN", to)).not.toThrow();
    expect(statesThatMayBecome(REVIEW_REPORT_TRANSITIONS, "UPHELD")).toEqual(["OPEN"]);
  });

  it("refuses to decide a report twice", () => {
    for (const from of ["UPHELD", "DISMISSED"] as const)
      for (const to of ["UPHELD", "DISMISSED"] as const)
        expect(() =>
          assertTransition(REVIEW_REPORT_TRANSITIONS, from, to, "reviews.already_decided"),
        ).toThrow(expect.objectContaining({ code: "reviews.already_decided", status: 409 }));
  });
});
