import { db } from "~/db.server";
import { createUser } from "./factories";

/** A county officer of the county, and a city bureau officer, as the reports services take them. */
export async function reportActors(countyCode = "410324") {
  const county = await createUser({ role: "COUNTY", countyCode });
  const bureau = await createUser({ role: "BUREAU" });
  const finance = await createUser({ role: "FINANCE" });
  const actor = (id: string, primaryRole: "COUNTY" | "BUREAU" | "FINANCE", code: string | null) => ({
    id,
    primaryRole,
    countyCode: code,
    memberships: [],
  });
  return {
    county: actor(county.id, "COUNTY", countyCode),
    bureau: actor(bureau.id, "BUREAU", null),
    finance: actor(finance.id, "FINANCE", null),
  };
}

/** An agreement on the need signed at `signedAt` (its first version). */
export async function signAgreementAt(agreementId: string, signedAt: Date) {
  const agreement = await db.agreement.findUniqueOrThrow({
    where: { id: agreementId },
    select: { createdById: true },
  });
  await db.agreementVersion.create({
    data: {
      agreementId,
      version: 1,
      terms: {},
      termsHash: "test",
      status: "SIGNED",
      createdById: agreement.createdById,
      signedAt,
    },
  });
}
