import type { Actor } from "~/modules/users/permissions";
import { expertReputation, organisationReputation } from "./reputation.server";
import { reviewsFor } from "./reviews.queries.server";

/** What a profile page shows about trust: the reputation figures and the first page of reviews received. */
export async function expertTrust(userId: string, viewer: Actor | null) {
  const [reputation, reviews] = await Promise.all([
    expertReputation(userId),
    reviewsFor({ userId }, { viewer }),
  ]);
  return {
    kind: "expert" as const,
    reputation,
    reviews,
    loggedIn: viewer !== null,
    redirectTo: `/experts/${userId}`,
  };
}

export async function organisationTrust(organisationId: string, viewer: Actor | null) {
  const [reputation, reviews] = await Promise.all([
    organisationReputation(organisationId),
    reviewsFor({ organisationId }, { viewer }),
  ]);
  return {
    kind: "organisation" as const,
    reputation,
    reviews,
    loggedIn: viewer !== null,
    redirectTo: `/orgs/${organisationId}`,
  };
}
