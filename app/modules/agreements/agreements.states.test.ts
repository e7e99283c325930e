import { describe, expect, it } from "vitest";
import { assertTransition, statesThatMayBecome } from "~/utils/state-machine";
import { AGREEMENT_VERSION_TRANSITIONS, EQUITY_TRANSITIONS } from "./agreements.states";

describe("agreement version transitions", () => {
  it("proposes a draft and signs a proposal", () => {
    expect(() => assertTransition(AGREEMENT_VERSION_TRANSITIONS, "DRAFT", "PROPOSED")).not.toThrow();
    expect(() => assertTransition(AGREEMENT_VERSION_TRANSITIONS, "PROPOSED", "SIGNED")).not.toThrow();
  });

  it("refuses to propose a version that is no longer a draft", () => {
    for (const from of ["PROPOSED", "SIGNED", "SUPERSEDED", "WITHDRAWN"] as const)
      expect(() =>
        assertTransition(AGREEMENT_VERSION_TRANSITIONS, from, "PROPOSED", "agreement.not_draft"),
      ).toThrow(expect.objectContaining({ code: "agreement.not_draft", status: 409 }));
  });

  it("refuses to sign a version that is not proposed", () => {
    for (const from of ["DRAFT", "SIGNED", "SUPERSEDED", "WITHDRAWN"] as const)
      expect(() =>
        assertTransition(AGREEMENT_VERSION_TRANSITIONS, from, "SIGNED", "agreement.not_proposed"),
      ).toThrow(expect.objectContaining({ code: "agreement.not_proposed", status: 409 }));
  });

  it("withdraws only open versions and supersedes only the signed one", () => {
    expect(statesThatMayBecome(AGREEMENT_VERSION_TRANSITIONS, "WITHDRAWN")).toEqual(["DRAFT", "PROPOSED"]);
    expect(statesThatMayBecome(AGREEMENT_VERSION_TRANSITIONS, "SUPERSEDED")).toEqual(["SIGNED"]);
  });
});

describe("equity holding transitions", () => {
  it("supersedes or ends only an active holding", () => {
    expect(statesThatMayBecome(EQUITY_TRANSITIONS, "SUPERSEDED")).toEqual(["ACTIVE"]);
    expect(statesThatMayBecome(EQUITY_TRANSITIONS, "ENDED")).toEqual(["ACTIVE"]);
    expect(() => assertTransition(EQUITY_TRANSITIONS, "ENDED", "ACTIVE")).toThrow(
      expect.objectContaining({ code: "marketplace.invalid_transition", status: 409 }),
    );
  });
});
