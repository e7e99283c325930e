import { describe, expect, it } from "vitest";
import { hashPassword, verifyPassword } from "./password.server";

describe("passwords", () => {
  it("verifies the right password and refuses a wrong one", async () => {
    const stored = await hashPassword("香菇2026mushroom");
    expect(stored).toMatch(/^scrypt\$16384\$8\$1\$/);
    expect(await verifyPassword("香菇2026mushroom", stored)).toBe(true);
    expect(await verifyPassword("香菇2026mushroon", stored)).toBe(false);
  });

  it("salts every hash", async () => {
    expect(await hashPassword("same-password-1")).not.toBe(await hashPassword("same-password-1"));
  });

  it("refuses a malformed stored hash instead of throwing", async () => {
    expect(await verifyPassword("anything1", "plain-text")).toBe(false);
  });
});
