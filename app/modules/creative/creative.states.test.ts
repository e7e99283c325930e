import { describe, expect, it } from "vitest";
import { assertTransition } from "~/utils/state-machine";
import { BRAND_TRANSITIONS, DEMO_TRANSITIONS } from "./creative.states";

describe("demo site transitions", () => {
  it("plans, builds and designates a site, and revokes it at any point", () => {
    expect(() => assertTransition(DEMO_TRANSITIONS, "PLANNED", "BUILDING")).not.toThrow();
    expect(() => assertTransition(DEMO_TRANSITIONS, "BUILDING", "DESIGNATED")).not.toThrow();
    expect(() => assertTransition(DEMO_TRANSITIONS, "DESIGNATED", "REVOKED")).not.toThrow();
  });

  it("refuses to designate a site that was never built or to restore a revoked one", () => {
    for (const [from, to] of [
      ["PLANNED", "DESIGNATED"],
      ["REVOKED", "BUILDING"],
      ["DESIGNATED", "PLANNED"],
    ] as const) {
      expect(() => assertTransition(DEMO_TRANSITIONS, from, to, "creative.demo_transition")).toThrow(
        expect.objectContaining({ code: "creative.demo_transition", status: 409 }),
      );
    }
  });
});

describe("brand stage transitions", () => {
  it("refuses to skip a stage or to go back one", () => {
    expect(() => assertTransition(BRAND_TRANSITIONS, "RESEARCH", "DESIGN")).not.toThrow();
    for (const [from, to] of [
      ["RESEARCH", "LAUNCH"],
      ["DESIGN", "RESEARCH"],
    ] as const) {
      expect(() => assertTransition(BRAND_TRANSITIONS, from, to, "creative.brand_stage_order")).toThrow(
        expect.objectContaining({ code: "creative.brand_stage_order", status: 409 }),
      );
    }
  });
});
