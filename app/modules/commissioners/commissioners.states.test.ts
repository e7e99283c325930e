import { describe, expect, it } from "vitest";
import { assertTransition } from "~/utils/state-machine";
import { TRAINING_TRANSITIONS } from "./commissioners.states";

describe("training transitions", () => {
  it("cancels or holds an open training, and lets a held one's attendance be marked again", () => {
    expect(() => assertTransition(TRAINING_TRANSITIONS, "OPEN", "CANCELLED")).not.toThrow();
    expect(() => assertTransition(TRAINING_TRANSITIONS, "OPEN", "HELD")).not.toThrow();
    expect(() => assertTransition(TRAINING_TRANSITIONS, "HELD", "HELD")).not.toThrow();
  });

  it("refuses to hold a cancelled training or to cancel one already held", () => {
    for (const [from, to] of [
      ["CANCELLED", "HELD"],
      ["HELD", "CANCELLED"],
      ["CANCELLED", "OPEN"],
    ] as const) {
      expect(() => assertTransition(TRAINING_TRANSITIONS, from, to, "commissioner.training_closed")).toThrow(
        expect.objectContaining({ code: "commissioner.training_closed", status: 409 }),
      );
    }
  });
});
