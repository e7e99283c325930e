import { db } from "~/db.server";
import type { Actor } from "~/modules/users/permissions";
import { getAgreementVersion } from "./agreements.queries.server";

/**
 * The printed contract: one version with its parties in full. An organisation's credit code,
 * address and legal representative are what it entered on its profile; a person's ID number is
 * known only by its last four characters, from their approved verification. What is missing is
 * returned as null and printed as "not provided", never made up.
 */
export async function getContract(agreementId: string, viewer: Actor, versionNumber?: number) {
  const view = await getAgreementVersion(agreementId, viewer, versionNumber);
  const organisationIds = [view.payer.organisation?.id, view.payee.organisation?.id].filter(
    (id): id is string => Boolean(id),
  );
  const organisations = await db.organisation.findMany({
    where: { id: { in: organisationIds } },
    select: { id: true, creditCode: true, address: true, legalRepresentative: true },
  });
  const verifications = await db.verificationRequest.findMany({
    where: {
      subject: "PERSON",
      status: "APPROVED",
      personId: { in: [view.payer.user.id, view.payee.user.id] },
    },
    orderBy: { decidedAt: "desc" },
    select: { personId: true, details: true },
  });
  const idLast4 = (userId: string) => {
    const details = verifications.find((v) => v.personId === userId)?.details as
      { idLast4?: unknown } | undefined;
    return typeof details?.idLast4 === "string" && /^[\dX]{4}$/.test(details.idLast4)
      ? details.idLast4
      : null;
  };
  const party = (side: typeof view.payer) => {
    const details = organisations.find((o) => o.id === side.organisation?.id);
    return {
      organisation: side.organisation
        ? {
            name: side.organisation.name,
            verified: side.organisation.verified,
            creditCode: details?.creditCode ?? null,
            address: details?.address ?? null,
            legalRepresentative: details?.legalRepresentative ?? null,
          }
        : null,
      person: { name: side.user.name, verified: side.user.verified, idLast4: idLast4(side.user.id) },
    };
  };
  return {
    agreement: view.agreement,
    contract: {
      number: view.agreement.number,
      version: view.version,
      payer: party(view.payer),
      payee: party(view.payee),
    },
  };
}
