import { randomBytes } from "node:crypto";
import { db } from "~/db.server";
import type { OrganisationType, Role } from "~/generated/prisma/enums";
import { hashPassword } from "~/modules/users/password.server";

export const TEST_PASSWORD = "field-test-2026";
let cachedHash: Promise<string> | undefined;

/** Membership columns of the person who registered an organisation: administrator, with finance and signing. */
export const FOUNDER = {
  administrator: true,
  financeGrantedAt: new Date("2026-01-01T00:00:00Z"),
  signingGrantedAt: new Date("2026-01-01T00:00:00Z"),
} as const;

/** A mainland mobile number no other test uses. */
export function uniquePhone(): string {
  return `+86139${String(randomBytes(4).readUInt32BE() % 1e8).padStart(8, "0")}`;
}

export async function createUser(
  overrides: { role?: Role; phone?: string; email?: string; displayName?: string; countyCode?: string } = {},
) {
  cachedHash ??= hashPassword(TEST_PASSWORD);
  return db.user.create({
    data: {
      phone: overrides.email ? undefined : (overrides.phone ?? uniquePhone()),
      email: overrides.email,
      displayName: overrides.displayName ?? "测试用户",
      passwordHash: await cachedHash,
      primaryRole: overrides.role ?? "FARMER",
      countyCode: overrides.countyCode,
    },
    select: { id: true, phone: true, email: true, primaryRole: true },
  });
}

export async function createOrganisation(type: OrganisationType = "COOPERATIVE", verified = true) {
  return db.organisation.create({
    data: {
      type,
      name: `测试组织 ${randomBytes(3).toString("hex")}`,
      countyCode: "410324",
      verifiedAt: verified ? new Date() : null,
    },
    select: { id: true, name: true },
  });
}
