import { db, type Tx } from "~/db.server";

/**
 * Small questions other modules ask about verification. Verification itself (requests and the
 * bureau's decisions) lives in verification.server.ts.
 */

/**
 * A viewer counts as verified when the bureau verified the person, or when they belong to an
 * organisation the bureau verified. Contact details on profiles are shown only to such viewers.
 */
export async function isVerifiedViewer(
  viewer: { id: string } | null | undefined,
  client: Tx = db,
): Promise<boolean> {
  if (!viewer) return false;
  const user = await client.user.findUnique({
    where: { id: viewer.id },
    select: {
      verifiedAt: true,
      memberships: {
        where: { organisation: { verifiedAt: { not: null } } },
        select: { organisationId: true },
        take: 1,
      },
    },
  });
  return Boolean(user && (user.verifiedAt || user.memberships.length > 0));
}

/**
 * Whether content may be published: for an organisation, the organisation must be verified;
 * for a person posting on their own, the person. Drafts never need this.
 */
export async function getPublisherVerification(
  { userId, organisationId }: { userId?: string | null; organisationId?: string | null },
  client: Tx = db,
): Promise<boolean> {
  if (organisationId) {
    const organisation = await client.organisation.findUnique({
      where: { id: organisationId },
      select: { verifiedAt: true },
    });
    return Boolean(organisation?.verifiedAt);
  }
  if (!userId) return false;
  const user = await client.user.findUnique({ where: { id: userId }, select: { verifiedAt: true } });
  return Boolean(user?.verifiedAt);
}
