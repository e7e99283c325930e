import { ReputationCard } from "~/components/reputation-card";
import type { ExpertReputation, OrganisationReputation } from "~/modules/reviews/reputation.server";
import { ReviewsSection, type ReviewCardData } from "./review-card";

type Trust = {
  reviews: { items: ReviewCardData[]; total: number };
  loggedIn: boolean;
  redirectTo: string;
} & (
  | { kind: "expert"; reputation: ExpertReputation }
  | { kind: "organisation"; reputation: OrganisationReputation }
);

/** The reputation card and the reviews received, for /experts/:id and /orgs/:id. */
export function TrustSections({ trust }: { trust: Trust }) {
  return (
    <>
      {trust.kind === "expert" ? (
        <ReputationCard kind="expert" reputation={trust.reputation} />
      ) : (
        <ReputationCard kind="organisation" reputation={trust.reputation} />
      )}
      <ReviewsSection list={trust.reviews} redirectTo={trust.redirectTo} loggedIn={trust.loggedIn} />
    </>
  );
}
