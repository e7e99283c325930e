import { Link } from "@remix-run/react";
import { useT } from "~/i18n/use-t";
import { AUDIENCE_GROUPS } from "~/modules/spaces/audiences.schema";

interface AudienceYearData {
  year: number;
  requested: Partial<Record<string, number>>;
  reported: Partial<Record<string, number>>;
}

/**
 * The people a space serves, by group: requests it received (with UNKNOWN for requests made
 * before the group was asked) and people served as it reported them. One small table per year,
 * narrow enough for a phone.
 */
export function AudienceSection({ years, basesHref }: { years: AudienceYearData[]; basesHref?: string }) {
  const { t } = useT();
  const groups = [...AUDIENCE_GROUPS, "UNKNOWN"] as const;
  return (
    <section className="card space-y-3" aria-labelledby="audiences">
      <h2 id="audiences" className="text-lg font-semibold">
        {t("spaces.audience.title")}
      </h2>
      {years.length === 0 ? <p className="text-stone-600">{t("spaces.audience.none")}</p> : null}
      {years.map((row) => (
        <table key={row.year} className="w-full text-sm" data-testid={`audience-${row.year}`}>
          <caption className="text-left font-medium">{row.year}</caption>
          <thead>
            <tr className="text-left text-stone-600">
              <th scope="col">{t("spaces.audience.group")}</th>
              <th scope="col" className="text-right">
                {t("spaces.audience.requested")}
              </th>
              <th scope="col" className="text-right">
                {t("spaces.audience.reported")}
              </th>
            </tr>
          </thead>
          <tbody>
            {groups
              .filter((group) => group !== "UNKNOWN" || row.requested.UNKNOWN)
              .map((group) => (
                <tr key={group} className="border-t border-stone-100">
                  <th scope="row" className="py-1 text-left font-normal">
                    {t(`spaces.audience.${group}`)}
                  </th>
                  <td className="text-right">{row.requested[group] ?? 0}</td>
                  <td className="text-right">{group === "UNKNOWN" ? "" : (row.reported[group] ?? "—")}</td>
                </tr>
              ))}
          </tbody>
        </table>
      ))}
      {basesHref ? (
        <Link to={basesHref} className="link">
          {t("spaces.page.bases")}
        </Link>
      ) : null}
    </section>
  );
}
