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
import type { SpaceFilters } from "~/modules/spaces/space-directory.schema";
import { SERVICE_CATEGORIES, SERVICE_SORTS, type ServiceFilters } from "~/modules/spaces/spaces.schema";

/** The kind of service a space offers. */
function CategoryFilter({ value, anyLabel }: { value?: string; anyLabel: string }) {
  const { t } = useT();
  return (
    <FilterSelect
      name="category"
      label={t("spaces.category")}
      value={value}
      anyLabel={anyLabel}
      options={optionsOf(SERVICE_CATEGORIES, (category) => t(`spaces.category.${category}`))}
    />
  );
}

/** The services catalogue's search and filters. */
export function ServiceFilterForm({ filters }: { filters: ServiceFilters }) {
  const { t } = useT();
  const any = t("spaces.filter.any");
  return (
    <ListingFilterForm ns="spaces" resetTo="/services">
      <FilterSearch label={t("spaces.filter.q")} value={filters.q} />
      <CategoryFilter value={filters.category} anyLabel={any} />
      <CountyFilter label={t("spaces.countiesServed")} value={filters.county} anyLabel={any} />
      <IndustryFilter label={t("spaces.industries")} value={filters.industry} anyLabel={any} />
      <FilterSelect
        name="sort"
        label={t("spaces.sort")}
        value={filters.sort}
        options={optionsOf(SERVICE_SORTS, (sort) => t(`spaces.sort.${sort}`))}
      />
      <FilterCheckbox name="free" label={t("spaces.filter.free")} checked={filters.free} />
      <FilterCheckbox name="verified" label={t("spaces.filter.verified")} checked={filters.verified} />
    </ListingFilterForm>
  );
}

/** The spaces directory's filters: county, the kind of service offered, recognised spaces only. */
export function SpaceFilterForm({ filters }: { filters: SpaceFilters }) {
  const { t } = useT();
  const any = t("spaces.filter.any");
  return (
    <ListingFilterForm ns="spaces" resetTo="/spaces">
      <CountyFilter label={t("spaces.filter.county")} value={filters.county} anyLabel={any} />
      <CategoryFilter value={filters.category} anyLabel={any} />
      <FilterCheckbox name="recognised" label={t("spaces.filter.recognised")} checked={filters.recognised} />
    </ListingFilterForm>
  );
}
