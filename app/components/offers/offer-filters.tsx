import { FilterSelect } from "~/components/filter-select";
import {
  CountyFilter,
  FilterCheckbox,
  FilterSearch,
  IndustryFilter,
  ListingFilterForm,
  optionsOf,
} from "~/components/listings/listing-filters";
import { useT } from "~/i18n/use-t";
import {
  ARRANGEMENT_TYPES,
  OFFER_KINDS,
  OFFER_SORTS,
  type OfferFilters,
} from "~/modules/offers/offers.schema";

/** The offers list's search and filters, as a GET form that works without JavaScript. */
export function OfferFilterForm({ filters }: { filters: OfferFilters }) {
  const { t } = useT();
  const any = t("offers.filter.any");
  return (
    <ListingFilterForm ns="offers" resetTo="/offers">
      <FilterSearch label={t("offers.filter.q")} value={filters.q} />
      <IndustryFilter label={t("offers.industry")} value={filters.industry} anyLabel={any} />
      <CountyFilter label={t("offers.countiesServed")} value={filters.county} anyLabel={any} />
      <FilterSelect
        name="arrangement"
        label={t("offers.arrangements")}
        value={filters.arrangement}
        anyLabel={any}
        options={optionsOf(ARRANGEMENT_TYPES, (type) => t(`arrangement.${type}`))}
      />
      <FilterSelect
        name="kind"
        label={t("offers.kind")}
        value={filters.kind}
        anyLabel={any}
        options={optionsOf(OFFER_KINDS, (kind) => t(`offers.kind.${kind}`))}
      />
      <FilterSelect
        name="sort"
        label={t("offers.sort")}
        value={filters.sort}
        options={optionsOf(OFFER_SORTS, (sort) => t(`offers.sort.${sort}`))}
      />
      <FilterCheckbox name="verified" label={t("offers.filter.verified")} checked={filters.verified} />
    </ListingFilterForm>
  );
}
