import { describe, expect, it } from "vitest";
import { can, type Actor } from "./permissions";

const coop = "org-coop";
const villageHead: Actor = {
  id: "u1",
  primaryRole: "VILLAGE",
  memberships: [{ organisationId: coop, role: "VILLAGE" }],
};
const expert: Actor = { id: "u2", primaryRole: "EXPERT", memberships: [] };
const bureau: Actor = {
  id: "u3",
  primaryRole: "BUREAU",
  memberships: [{ organisationId: "org-bureau", role: "BUREAU" }],
};
const admin: Actor = { id: "u4", primaryRole: "ADMIN", memberships: [] };

describe("can", () => {
  it("gives each role its own actions and not the others'", () => {
    expect(can(villageHead, "need.post")).toBe(true);
    expect(can(expert, "need.post")).toBe(false);
    expect(can(expert, "application.submit")).toBe(true);
    expect(can(villageHead, "verification.review")).toBe(false);
    expect(can(bureau, "verification.review")).toBe(true);
    expect(can(bureau, "user.manage")).toBe(false);
  });

  it("requires the role inside the named organisation for scoped actions", () => {
    expect(can(villageHead, "need.manage", { organisationId: coop })).toBe(true);
    expect(can(villageHead, "need.manage", { organisationId: "another-coop" })).toBe(false);
  });

  it("lets a platform admin do everything and an anonymous visitor nothing", () => {
    expect(can(admin, "sanction.apply")).toBe(true);
    expect(can(null, "account.use")).toBe(false);
  });
});
