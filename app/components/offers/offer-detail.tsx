import type { SubmissionResult } from "@conform-to/react";
import { Form } from "~/components/form";
import { ListingDetail } from "~/components/listings/listing-detail";
import { useT } from "~/i18n/use-t";
import type { getOfferPage } from "~/modules/offers/offers.queries.server";
import { KindLabel, OfferFacts, ProviderName } from "./offer-card";

type OfferPage = Awaited<ReturnType<typeof getOfferPage>>;

/** An offer's page: the listing's shape, the offer's facts, and a village's way to draft an agreement. */
export function OfferDetail({
  offer,
  isOwner,
  canModerate,
  canDraftAgreement,
  lastResult,
}: Pick<OfferPage, "offer" | "isOwner" | "canModerate"> & {
  canDraftAgreement: boolean;
  lastResult: SubmissionResult<string[]> | undefined;
}) {
  const { t } = useT();
  return (
    <ListingDetail
      ns="offers"
      listing={offer}
      basePath="/offers"
      moderationFormId="hide-offer"
      isOwner={isOwner}
      canModerate={canModerate}
      lastResult={lastResult}
      label={<KindLabel kind={offer.kind} />}
      provider={<ProviderName offer={offer} />}
      facts={<OfferFacts offer={offer} />}
      aside={
        canDraftAgreement ? (
          <Form method="post" action="/agreements/new" className="card">
            <input type="hidden" name="source" value="offer" />
            <input type="hidden" name="offerId" value={offer.id} />
            <input type="hidden" name="redirectTo" value={`/offers/${offer.id}`} />
            <button type="submit" className="btn-primary w-full sm:w-auto">
              {t("agreements.action.draft")}
            </button>
          </Form>
        ) : null
      }
    />
  );
}
