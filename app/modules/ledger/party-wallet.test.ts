import { describe, expect, it } from "vitest";
import { payeeWallet, payerWallet } from "~/modules/escrow/parties";
import { partyWallet } from "./party-wallet";

describe("who is paid", () => {
  it("pays the organisation a contract names, never the person acting for it", () => {
    expect(partyWallet({ userId: "zhang", organisationId: "haust" })).toEqual({ organisationId: "haust" });
  });

  it("pays a person only when they contract for themselves", () => {
    expect(partyWallet({ userId: "zhang", organisationId: null })).toEqual({ userId: "zhang" });
  });

  it("applies the same rule to both sides of an agreement", () => {
    const sides = {
      payerUserId: "wang",
      payerOrganisationId: "coop",
      payeeUserId: "zhang",
      payeeOrganisationId: "haust",
    };
    expect(payerWallet(sides)).toEqual({ organisationId: "coop" });
    expect(payeeWallet(sides)).toEqual({ organisationId: "haust" });
    expect(payeeWallet({ ...sides, payeeOrganisationId: null })).toEqual({ userId: "zhang" });
  });
});
