import { Form } from "~/components/form";
import { ListingDetail, type ListingPageProps } from "~/components/listings/listing-detail";
import { useT } from "~/i18n/use-t";
import { OFFER_LISTING } from "~/modules/listings/listing-kinds";
import type { getOfferPage } from "~/modules/offers/offers.queries.server";
import { KindLabel, OfferFacts, ProviderName } from "./offer-card";

type OfferDetailProps = Pick<Awaited<ReturnType<typeof getOfferPage>>, "offer" | "canDraftAgreement"> &
  ListingPageProps;

/** An offer's page: the listing's shape, the offer's facts, and a village's way to draft an agreement. */
export function OfferDetail({ offer, canDraftAgreement, ...page }: OfferDetailProps) {
  return (
    <ListingDetail
      {...page}
      kind={OFFER_LISTING}
      listing={offer}
      label={<KindLabel kind={offer.kind} />}
      provider={<ProviderName offer={offer} />}
      facts={<OfferFacts offer={offer} />}
      aside={canDraftAgreement ? <DraftAgreementForm offerId={offer.id} /> : null}
    />
  );
}

/** Starts an agreement with the offer's provider, coming back to the offer when abandoned. */
function DraftAgreementForm({ offerId }: { offerId: string }) {
  const { t } = useT();
  return (
    <Form method="post" action="/agreements/new" className="card">
      <input type="hidden" name="source" value="offer" />
      <input type="hidden" name="offerId" value={offerId} />
      <input type="hidden" name="redirectTo" value={`/offers/${offerId}`} />
      <button type="submit" className="btn-primary w-full sm:w-auto">
        {t("agreements.action.draft")}
      </button>
    </Form>
  );
}
