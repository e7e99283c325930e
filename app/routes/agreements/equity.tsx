import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { VerifiedBadge } from "~/components/verified-badge";
import { formatDate, formatMoney } from "~/i18n/format";
import { getLocale } from "~/i18n/i18n.server";
import { translate } from "~/i18n/i18n";
import { useT } from "~/i18n/use-t";
import { listEquityRegister } from "~/modules/agreements/agreements.queries.server";
import { bpToPercentText } from "~/modules/agreements/terms";
import { requireUser } from "~/modules/users/guards.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  {
    title: data
      ? `${translate(data.locale, "equity.title")} · ${translate(data.locale, "app.name")}`
      : "XiangKe",
  },
];

/** The equity register is open to every logged-in user: who holds technology equity where. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  const [enterprises, locale] = await Promise.all([listEquityRegister(), getLocale(request)]);
  return { enterprises, locale };
}

export default function EquityRegisterPage() {
  const { enterprises } = useLoaderData<typeof loader>();
  const { t, locale } = useT();
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-bold">{t("equity.title")}</h1>
        <p className="mt-1 text-stone-700">{t("equity.intro")}</p>
      </div>
      {enterprises.length === 0 ? <p className="card text-stone-600">{t("equity.none")}</p> : null}
      {enterprises.map((enterprise) => (
        <section key={enterprise.name} className="card space-y-3" aria-label={enterprise.name}>
          <div className="flex flex-wrap items-baseline gap-2">
            <h2 className="text-lg font-semibold">{enterprise.name}</h2>
            <span className="text-sm text-stone-600">
              {t("equity.total", { percent: bpToPercentText(enterprise.totalBp) })}
            </span>
          </div>
          <ul className="divide-y divide-stone-200">
            {enterprise.holdings.map((holding) => (
              <li key={holding.id} className="space-y-1 py-3">
                <p className="flex flex-wrap items-center gap-2">
                  <span className="font-medium">{holding.holderName}</span>
                  <VerifiedBadge verified={holding.holderVerified} compact />
                  {holding.holderOrganisation ? (
                    <span className="text-sm text-stone-600">{holding.holderOrganisation}</span>
                  ) : null}
                  <span className="ml-auto text-lg font-semibold text-brand-800">
                    {bpToPercentText(holding.percentBp)}%
                  </span>
                </p>
                <p className="text-sm text-stone-700">
                  {holding.vestingMonths === 0
                    ? t("equity.vestedAtOnce", { start: formatDate(locale, holding.vestingStart) })
                    : t("equity.vesting", {
                        start: formatDate(locale, holding.vestingStart),
                        months: holding.vestingMonths,
                        cliff: holding.cliffMonths,
                      })}
                  {" · "}
                  {t("equity.vestedNow", { percent: bpToPercentText(holding.vestedBp) })}
                </p>
                <p className="text-sm text-stone-600">
                  {t("equity.valuation", { amount: formatMoney(locale, holding.valuationFen) })} ·{" "}
                  {t("equity.source", { number: holding.agreement.number, title: holding.agreement.title })}
                </p>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
