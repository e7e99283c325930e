import { describe, expect, it } from "vitest";
import { assertTransition } from "~/utils/state-machine";
import { TRIAGE_TRANSITIONS } from "./reach.states";

describe("triage assignment transitions", () => {
  it("closes a waiting assignment by applying, declining or taking it back", () => {
    for (const to of ["APPLIED", "DECLINED", "WITHDRAWN"] as const)
      expect(() => assertTransition(TRIAGE_TRANSITIONS, "ASSIGNED", to)).not.toThrow();
  });

  it("refuses to decline or take back an assignment that is already closed", () => {
    for (const [from, to] of [
      ["DECLINED", "DECLINED"],
      ["APPLIED", "DECLINED"],
      ["WITHDRAWN", "ASSIGNED"],
      ["DECLINED", "WITHDRAWN"],
    ] as const) {
      expect(() => assertTransition(TRIAGE_TRANSITIONS, from, to, "reach.assignment_closed")).toThrow(
        expect.objectContaining({ code: "reach.assignment_closed", status: 409 }),
      );
    }
  });
});
