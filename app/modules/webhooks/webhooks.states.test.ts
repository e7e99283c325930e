import { describe, expect, it } from "vitest";
import { assertTransition } from "~/utils/state-machine";
import { WEBHOOK_DELIVERY_TRANSITIONS } from "./webhooks.states";

describe("webhook delivery transitions", () => {
  it("ends a pending delivery as delivered or failed", () => {
    expect(() => assertTransition(WEBHOOK_DELIVERY_TRANSITIONS, "PENDING", "DELIVERED")).not.toThrow();
    expect(() => assertTransition(WEBHOOK_DELIVERY_TRANSITIONS, "PENDING", "FAILED")).not.toThrow();
  });

  it("refuses to change a delivery that has ended (a replay is a new delivery)", () => {
    for (const [from, to] of [
      ["FAILED", "DELIVERED"],
      ["DELIVERED", "FAILED"],
      ["FAILED", "PENDING"],
    ] as const) {
      expect(() =>
        assertTransition(WEBHOOK_DELIVERY_TRANSITIONS, from, to, "webhooks.invalid_transition"),
      ).toThrow(expect.objectContaining({ code: "webhooks.invalid_transition", status: 409 }));
    }
  });
});
