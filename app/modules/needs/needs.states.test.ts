import { describe, expect, it } from "vitest";
import { assertTransition, statesThatMayBecome } from "~/utils/state-machine";
import { NEED_TRANSITIONS } from "./needs.states";

describe("need transitions", () => {
  it("lets the expiry job expire only open needs", () => {
    expect(statesThatMayBecome(NEED_TRANSITIONS, "EXPIRED")).toEqual(["OPEN"]);
  });

  it("refuses to reopen a closed or expired need", () => {
    for (const from of ["CLOSED", "EXPIRED", "COMPLETED"] as const)
      expect(() => assertTransition(NEED_TRANSITIONS, from, "OPEN", "need.invalid_transition")).toThrow(
        expect.objectContaining({ code: "need.invalid_transition", status: 409 }),
      );
  });
});
