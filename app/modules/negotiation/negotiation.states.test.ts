import { describe, expect, it } from "vitest";
import { assertTransition, statesThatMayBecome } from "~/utils/state-machine";
import { INVITATION_TRANSITIONS, REVISION_TRANSITIONS, revisionOutcomes } from "./negotiation.states";

describe("invitation transitions", () => {
  it("answers a pending invitation by applying or declining", () => {
    for (const to of ["APPLIED", "DECLINED"] as const)
      expect(() => assertTransition(INVITATION_TRANSITIONS, "PENDING", to)).not.toThrow();
    expect(statesThatMayBecome(INVITATION_TRANSITIONS, "APPLIED")).toEqual(["PENDING"]);
  });

  it("refuses to decline an invitation that was already answered", () => {
    for (const from of ["APPLIED", "DECLINED"] as const)
      expect(() =>
        assertTransition(INVITATION_TRANSITIONS, from, "DECLINED", "negotiation.invitation_not_pending"),
      ).toThrow(expect.objectContaining({ code: "negotiation.invitation_not_pending", status: 409 }));
  });
});

describe("revision transitions", () => {
  it("answers or supersedes only a proposed revision", () => {
    for (const to of ["ACCEPTED", "DECLINED", "SUPERSEDED"] as const)
      expect(() => assertTransition(REVISION_TRANSITIONS, "PROPOSED", to)).not.toThrow();
    expect(statesThatMayBecome(REVISION_TRANSITIONS, "SUPERSEDED")).toEqual(["PROPOSED"]);
  });

  it("refuses to answer a revision twice or after it was superseded", () => {
    for (const from of ["ACCEPTED", "DECLINED", "SUPERSEDED"] as const)
      for (const to of ["ACCEPTED", "DECLINED"] as const)
        expect(() =>
          assertTransition(REVISION_TRANSITIONS, from, to, "negotiation.revision_not_pending"),
        ).toThrow(expect.objectContaining({ code: "negotiation.revision_not_pending", status: 409 }));
  });
});

describe("revisionOutcomes", () => {
  it("reads the original as in force until a counter-offer is accepted, then as replaced", () => {
    expect(
      revisionOutcomes([
        { number: 0, status: "ACCEPTED" },
        { number: 1, status: "PROPOSED" },
      ]),
    ).toEqual(["ORIGINAL", "PROPOSED"]);
    expect(
      revisionOutcomes([
        { number: 0, status: "ACCEPTED" },
        { number: 1, status: "DECLINED" },
      ]),
    ).toEqual(["ORIGINAL", "DECLINED"]);
    expect(
      revisionOutcomes([
        { number: 0, status: "ACCEPTED" },
        { number: 1, status: "ACCEPTED" },
        { number: 2, status: "SUPERSEDED" },
        { number: 3, status: "ACCEPTED" },
      ]),
    ).toEqual(["REPLACED", "REPLACED", "SUPERSEDED", "ACCEPTED"]);
  });
});
