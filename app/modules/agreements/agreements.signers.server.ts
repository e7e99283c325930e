import type { AgreementParty } from "~/generated/prisma/enums";
import type { db, Tx } from "~/db.server";
import type { AgreementSides } from "~/modules/escrow/parties";

export type SignerRefusal = "agreement.signer_unverified" | "agreement.signer_no_permission";

/**
 * Who may sign for a side. A side that is an organisation is bound only by a member the bureau
 * verified as a person and to whom the organisation's administrator granted the signing
 * permission (签约权限); a person contracting for themselves signs for themselves. Asked by the
 * sign page before a password is typed and again inside the signing transaction.
 */
export async function signerRefusal(
  client: Tx | typeof db,
  userId: string,
  sides: AgreementSides,
  party: AgreementParty,
): Promise<SignerRefusal | null> {
  const organisationId = party === "PAYER" ? sides.payerOrganisationId : sides.payeeOrganisationId;
  if (!organisationId) return null;
  const user = await client.user.findUnique({
    where: { id: userId },
    select: {
      verifiedAt: true,
      memberships: { where: { organisationId }, select: { signingGrantedAt: true } },
    },
  });
  if (!user?.verifiedAt) return "agreement.signer_unverified";
  if (!user.memberships[0]?.signingGrantedAt) return "agreement.signer_no_permission";
  return null;
}
