import { describe, expect, it } from "vitest";
import { ChangePasswordSchema, LoginSchema, RegisterSchema, normaliseIdentifier } from "./users.schema";

describe("normaliseIdentifier", () => {
  it.each([
    ["13800000001", "+8613800000001"],
    ["138 0000 0001", "+8613800000001"],
    ["138-0000-0001", "+8613800000001"],
    ["+86 138 0000 0001", "+8613800000001"],
    ["0086 13800000001", "+8613800000001"],
    ["8613800000001", "+8613800000001"],
  ])("reads the mobile number %s", (raw, expected) => {
    expect(normaliseIdentifier(raw)).toEqual({ kind: "phone", value: expected });
  });

  it("lower-cases e-mail addresses", () => {
    expect(normaliseIdentifier(" Zhang.Ming@HAUST.edu.cn ")).toEqual({
      kind: "email",
      value: "zhang.ming@haust.edu.cn",
    });
  });

  it.each(["12800000001", "1380000000", "138000000012", "+1 555 0100", "not an address", ""])(
    "refuses %s",
    (raw) => {
      expect(normaliseIdentifier(raw)).toBeNull();
    },
  );
});

const farmer = {
  identifier: "13800000009",
  displayName: "李秀英",
  password: "wheat2026",
  confirmPassword: "wheat2026",
  role: "FARMER",
};

function issuesOf(result: {
  success: boolean;
  error?: { issues: { path: PropertyKey[]; message: string }[] };
}) {
  return Object.fromEntries(
    (result.error?.issues ?? []).map((issue) => [issue.path.join("."), issue.message]),
  );
}

describe("RegisterSchema", () => {
  it("accepts a farmer without an organisation", () => {
    expect(RegisterSchema.safeParse(farmer).success).toBe(true);
  });

  it("asks an organisation role for the organisation's name and a fitting type", () => {
    const result = RegisterSchema.safeParse({ ...farmer, role: "VILLAGE", organisationType: "UNIVERSITY" });
    expect(issuesOf(result)).toMatchObject({
      organisationName: "errors.organisation_required",
      organisationType: "errors.organisation_type_invalid",
    });
  });

  it("refuses mismatched, short and letter-only passwords with message keys", () => {
    expect(issuesOf(RegisterSchema.safeParse({ ...farmer, confirmPassword: "wheat2027" }))).toMatchObject({
      confirmPassword: "errors.password_mismatch",
    });
    expect(
      issuesOf(RegisterSchema.safeParse({ ...farmer, password: "a1", confirmPassword: "a1" })),
    ).toMatchObject({
      password: "errors.password_too_short",
    });
    expect(
      issuesOf(
        RegisterSchema.safeParse({ ...farmer, password: "onlyletters", confirmPassword: "onlyletters" }),
      ),
    ).toMatchObject({
      password: "errors.password_too_weak",
    });
  });

  it("refuses roles people cannot give themselves and counties outside Luoyang", () => {
    expect(issuesOf(RegisterSchema.safeParse({ ...farmer, role: "BUREAU" }))).toMatchObject({
      role: "errors.role_invalid",
    });
    expect(issuesOf(RegisterSchema.safeParse({ ...farmer, countyCode: "110101" }))).toMatchObject({
      countyCode: "errors.county_invalid",
    });
  });
});

describe("LoginSchema and ChangePasswordSchema", () => {
  it("normalises the login identifier", () => {
    const result = LoginSchema.parse({ identifier: "+86 138 0000 0001", password: "x" });
    expect(result.identifier).toEqual({ kind: "phone", value: "+8613800000001" });
  });

  it("refuses a new password equal to the current one", () => {
    const result = ChangePasswordSchema.safeParse({
      currentPassword: "wheat2026",
      newPassword: "wheat2026",
      confirmPassword: "wheat2026",
    });
    expect(issuesOf(result)).toMatchObject({ newPassword: "errors.password_same" });
  });
});
