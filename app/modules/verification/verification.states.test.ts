import { describe, expect, it } from "vitest";
import { assertTransition } from "~/utils/state-machine";
import { VERIFICATION_TRANSITIONS } from "./verification.states";

describe("verification request transitions", () => {
  it("approves or rejects a pending request", () => {
    for (const to of ["APPROVED", "REJECTED"] as const)
      expect(() => assertTransition(VERIFICATION_TRANSITIONS, "PENDING", to)).not.toThrow();
  });

  it("refuses to decide a request twice", () => {
    for (const from of ["APPROVED", "REJECTED"] as const)
      for (const to of ["APPROVED", "REJECTED"] as const)
        expect(() =>
          assertTransition(VERIFICATION_TRANSITIONS, from, to, "verification.already_decided"),
        ).toThrow(expect.objectContaining({ code: "verification.already_decided", status: 409 }));
  });
});
