import { Link } from "@remix-run/react";
import { formatDate } from "~/i18n/format";
import { useT } from "~/i18n/use-t";
import { countyName } from "~/modules/reference/reference";

export interface PairingItem {
  id: string;
  status: "PROPOSED" | "ACTIVE" | "ENDED";
  countyCode: string;
  startsOn: Date | string;
  endsOn: Date | string | null;
  organisation: { name: string };
  village: { name: string; township: string } | null;
  _count: { reports: number };
}

export function PairingPlace({ item }: { item: Pick<PairingItem, "countyCode" | "village"> }) {
  const { t, locale } = useT();
  const county = countyName(item.countyCode, locale) ?? item.countyCode;
  return (
    <>
      {item.village
        ? t("pairings.placeVillage", { county, township: item.village.township, village: item.village.name })
        : t("pairings.place", { county })}
    </>
  );
}

/** Pairings as cards: institution, place, status, dates and how many reports were filed. */
export function PairingList({ items }: { items: PairingItem[] }) {
  const { t, locale } = useT();
  if (items.length === 0) return <p className="text-stone-600">{t("pairings.none")}</p>;
  return (
    <ul className="space-y-3">
      {items.map((item) => (
        <li key={item.id} className="card space-y-1 p-3">
          <Link to={`/pairings/${item.id}`} className="font-semibold text-emerald-800 underline">
            {item.organisation.name}
          </Link>
          <p>
            <PairingPlace item={item} />
          </p>
          <p className="text-sm text-stone-600">
            {t(`pairings.status.${item.status}`)} ·{" "}
            {item.endsOn
              ? t("pairings.periodEnds", {
                  start: formatDate(locale, item.startsOn),
                  end: formatDate(locale, item.endsOn),
                })
              : t("pairings.period", { start: formatDate(locale, item.startsOn) })}{" "}
            · {t("pairings.reportsCount", { count: item._count.reports })}
          </p>
        </li>
      ))}
    </ul>
  );
}
