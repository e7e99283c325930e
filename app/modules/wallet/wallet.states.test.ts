import { describe, expect, it } from "vitest";
import { assertTransition } from "~/utils/state-machine";
import { WITHDRAWAL_TRANSITIONS } from "./wallet.states";

describe("withdrawal transitions", () => {
  it("lets the finance desk pay or reject a requested withdrawal", () => {
    expect(() => assertTransition(WITHDRAWAL_TRANSITIONS, "REQUESTED", "PAID")).not.toThrow();
    expect(() => assertTransition(WITHDRAWAL_TRANSITIONS, "REQUESTED", "REJECTED")).not.toThrow();
  });

  it("refuses to decide a withdrawal that was already decided", () => {
    for (const [from, to] of [
      ["PAID", "REJECTED"],
      ["REJECTED", "PAID"],
      ["PAID", "PAID"],
    ] as const) {
      expect(() => assertTransition(WITHDRAWAL_TRANSITIONS, from, to, "wallet.withdrawal_decided")).toThrow(
        expect.objectContaining({ code: "wallet.withdrawal_decided", status: 409 }),
      );
    }
  });
});
