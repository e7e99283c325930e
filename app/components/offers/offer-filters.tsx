import { Link } from "@remix-run/react";
import { Form } from "~/components/form";
import { FilterSelect } from "~/components/filter-select";
import { useT } from "~/i18n/use-t";
import {
  ARRANGEMENT_TYPES,
  OFFER_KINDS,
  OFFER_SORTS,
  type OfferFilters,
} from "~/modules/offers/offers.schema";
import { COUNTIES, INDUSTRIES, localName } from "~/modules/reference/reference";

/** The offers list's search and filters, as a GET form that works without JavaScript. */
export function OfferFilterForm({ filters }: { filters: OfferFilters }) {
  const { t, locale } = useT();
  const any = t("offers.filter.any");
  return (
    <Form
      method="get"
      className="card grid grid-cols-2 gap-3 sm:grid-cols-3"
      aria-label={t("offers.filter.title")}
    >
      <label className="col-span-2 block space-y-1 text-sm sm:col-span-3">
        <span className="font-medium text-stone-800">{t("offers.filter.q")}</span>
        <input type="search" name="q" defaultValue={filters.q ?? ""} className="input" />
      </label>
      <FilterSelect
        name="industry"
        label={t("offers.industry")}
        value={filters.industry}
        anyLabel={any}
        options={INDUSTRIES.map((item) => ({ value: item.code, label: localName(item, locale) }))}
      />
      <FilterSelect
        name="county"
        label={t("offers.countiesServed")}
        value={filters.county}
        anyLabel={any}
        options={COUNTIES.map((item) => ({ value: item.code, label: localName(item, locale) }))}
      />
      <FilterSelect
        name="arrangement"
        label={t("offers.arrangements")}
        value={filters.arrangement}
        anyLabel={any}
        options={ARRANGEMENT_TYPES.map((type) => ({
          value: type,
          label: t(`arrangement.${type}`),
        }))}
      />
      <FilterSelect
        name="kind"
        label={t("offers.kind")}
        value={filters.kind}
        anyLabel={any}
        options={OFFER_KINDS.map((kind) => ({
          value: kind,
          label: t(`offers.kind.${kind}`),
        }))}
      />
      <FilterSelect
        name="sort"
        label={t("offers.sort")}
        value={filters.sort}
        options={OFFER_SORTS.map((sort) => ({
          value: sort,
          label: t(`offers.sort.${sort}`),
        }))}
      />
      <label className="col-span-2 flex min-h-11 items-center gap-2 text-sm sm:col-span-1 sm:self-end">
        <input
          type="checkbox"
          name="verified"
          value="1"
          defaultChecked={filters.verified}
          className="h-5 w-5"
        />
        {t("offers.filter.verified")}
      </label>
      <div className="col-span-2 flex flex-wrap gap-3 sm:col-span-3">
        <button type="submit" className="btn-primary">
          {t("offers.filter.submit")}
        </button>
        <Link to="/offers" className="btn-secondary">
          {t("offers.filter.reset")}
        </Link>
      </div>
    </Form>
  );
}
