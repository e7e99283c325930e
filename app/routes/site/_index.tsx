import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useRouteLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { getLocale } from "~/i18n/i18n.server";
import { translate, type MessageKey } from "~/i18n/i18n";
import { useT } from "~/i18n/use-t";
import { COUNTIES, INDUSTRIES, localName } from "~/modules/reference/reference";
import type { loader as rootLoader } from "~/root";
import { formatDate, formatMoney, formatNumber } from "~/i18n/format";
import { homePulse, type Pulse } from "~/modules/dashboard/pulse.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => {
  const locale = data?.locale ?? "zh";
  return [
    { title: `${translate(locale, "app.name")} · ${translate(locale, "app.tagline")}` },
    { name: "description", content: translate(locale, "app.description") },
  ];
};

export async function loader({ request }: LoaderFunctionArgs) {
  const [locale, pulse] = await Promise.all([getLocale(request), homePulse()]);
  return { locale, pulse };
}

const TARGETS: [MessageKey, MessageKey][] = [
  ["home.targetSpaces", "home.targetSpacesValue"],
  ["home.targetDemos", "home.targetDemosValue"],
  ["home.targetCommissioners", "home.targetCommissionersValue"],
];

const ROLE_LINES: MessageKey[] = [
  "home.roleVillage",
  "home.roleExpert",
  "home.roleInstitution",
  "home.roleBureau",
];

export default function HomePage() {
  const { t, locale } = useT();
  const user = useRouteLoaderData<typeof rootLoader>("root")?.user;
  const { pulse } = useLoaderData<typeof loader>();
  return (
    <div className="space-y-10">
      <section className="rounded-2xl bg-brand-800 px-5 py-8 text-white sm:px-10 sm:py-12">
        <h1 className="text-2xl font-bold leading-snug sm:text-4xl">{t("home.heroTitle")}</h1>
        <p className="mt-4 max-w-2xl text-brand-50 sm:text-lg">{t("home.heroBody")}</p>
        <div className="mt-6 flex flex-wrap gap-3">
          {user ? (
            <Link to="/account" className="btn bg-white text-brand-800 hover:bg-brand-50">
              {t("home.ctaAccount")}
            </Link>
          ) : (
            <>
              <Link to="/register" className="btn bg-white text-brand-800 hover:bg-brand-50">
                {t("home.ctaRegister")}
              </Link>
              <Link to="/login" className="btn border border-white/60 text-white hover:bg-white/10">
                {t("home.ctaLogin")}
              </Link>
            </>
          )}
        </div>
      </section>

      <PulseSection pulse={pulse} />

      <section aria-labelledby="targets">
        <h2 id="targets" className="text-xl font-semibold">
          {t("home.targetsTitle")}
        </h2>
        <ul className="mt-4 grid gap-3 sm:grid-cols-3">
          {TARGETS.map(([label, value]) => (
            <li key={label} className="card">
              <p className="text-3xl font-bold text-brand-700">{t(value)}</p>
              <p className="mt-1 text-stone-700">{t(label)}</p>
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="industries">
        <h2 id="industries" className="text-xl font-semibold">
          {t("home.industriesTitle")}
        </h2>
        <ul className="mt-4 flex flex-wrap gap-2">
          {INDUSTRIES.map((industry) => (
            <li
              key={industry.code}
              className="rounded-full border border-brand-600/30 bg-brand-50 px-3 py-1 text-brand-800"
            >
              {localName(industry, locale)}
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="roles">
        <h2 id="roles" className="text-xl font-semibold">
          {t("home.rolesTitle")}
        </h2>
        <ul className="mt-4 grid gap-3 sm:grid-cols-2">
          {ROLE_LINES.map((line) => (
            <li key={line} className="card text-stone-800">
              {t(line)}
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="counties">
        <h2 id="counties" className="text-xl font-semibold">
          {t("home.countiesTitle")}
        </h2>
        <ul className="mt-4 grid grid-cols-2 gap-2 text-stone-800 sm:grid-cols-4">
          {COUNTIES.map((county) => (
            <li key={county.code}>{localName(county, locale)}</li>
          ))}
        </ul>
      </section>
    </div>
  );
}

/** What the platform did lately: live figures, the county map, the newest needs and offers. */
function PulseSection({ pulse }: { pulse: Pulse }) {
  const { t, locale } = useT();
  const industry = (code: string) => {
    const found = INDUSTRIES.find((item) => item.code === code);
    return found ? localName(found, locale) : code;
  };
  const county = (code: string) => {
    const found = COUNTIES.find((item) => item.code === code);
    return found ? localName(found, locale) : code;
  };
  const figures: { label: MessageKey; value: string; note?: string; testId: string }[] = [
    {
      label: "home.pulse.needsMatched",
      value: formatNumber(locale, pulse.needsMatched),
      note: t("home.pulse.needsMatchedOf", { posted: pulse.needsPosted }),
      testId: "pulse-needs-matched",
    },
    {
      label: "home.pulse.expertsActive",
      value: formatNumber(locale, pulse.expertsActive),
      testId: "pulse-experts",
    },
    { label: "home.pulse.escrow", value: formatMoney(locale, pulse.escrowHeldFen), testId: "pulse-escrow" },
    {
      label: "home.pulse.counties",
      value: formatNumber(locale, pulse.countiesCovered),
      note: t("home.pulse.countiesOf", { total: COUNTIES.length }),
      testId: "pulse-counties",
    },
    {
      label: "home.pulse.households",
      value: formatNumber(locale, pulse.householdsReached),
      testId: "pulse-households",
    },
  ];
  return (
    <section aria-labelledby="pulse" className="space-y-4">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="pulse" className="text-xl font-semibold">
          {t("home.pulse.title")}
        </h2>
        <p className="text-sm text-stone-600">{t("home.pulse.asOf", { year: pulse.year })}</p>
      </div>
      <ul className="grid grid-cols-2 gap-3 sm:grid-cols-5">
        {figures.map((figure) => (
          <li key={figure.label} className="card">
            <p className="text-2xl font-bold tabular-nums text-brand-700" data-testid={figure.testId}>
              {figure.value}
            </p>
            <p className="mt-1 text-sm text-stone-700">{t(figure.label)}</p>
            {figure.note ? <p className="text-xs text-stone-500">{figure.note}</p> : null}
          </li>
        ))}
      </ul>
      <div className="grid gap-4 md:grid-cols-2">
        <div className="card space-y-2">
          <h3 className="font-semibold">{t("home.pulse.recentNeeds")}</h3>
          {pulse.recentNeeds.length === 0 ? (
            <p className="text-sm text-stone-600">{t("home.pulse.none")}</p>
          ) : (
            <ul className="divide-y divide-stone-200">
              {pulse.recentNeeds.map((need) => (
                <li key={need.id} className="py-2">
                  <Link to={`/needs/${need.id}`} className="link font-medium">
                    {need.title}
                  </Link>
                  <p className="text-xs text-stone-600">
                    {county(need.countyCode)} · {industry(need.industry)} · {need.poster} ·{" "}
                    {formatDate(locale, need.publishedAt)}
                  </p>
                </li>
              ))}
            </ul>
          )}
          <Link to="/needs" className="link text-sm">
            {t("home.pulse.allNeeds")}
          </Link>
        </div>
        <div className="card space-y-2">
          <h3 className="font-semibold">{t("home.pulse.recentOffers")}</h3>
          {pulse.recentOffers.length === 0 ? (
            <p className="text-sm text-stone-600">{t("home.pulse.none")}</p>
          ) : (
            <ul className="divide-y divide-stone-200">
              {pulse.recentOffers.map((offer) => (
                <li key={offer.id} className="py-2">
                  <Link to={`/offers/${offer.id}`} className="link font-medium">
                    {offer.title}
                  </Link>
                  <p className="text-xs text-stone-600">
                    {industry(offer.industry)} · {offer.provider} · {formatDate(locale, offer.publishedAt)}
                  </p>
                </li>
              ))}
            </ul>
          )}
          <Link to="/offers" className="link text-sm">
            {t("home.pulse.allOffers")}
          </Link>
        </div>
      </div>
      <figure className="card">
        {/* A separate, cached image: the page itself stays a few kilobytes on a phone. */}
        <img
          src={`/pulse-map.svg?lang=${locale}`}
          alt={t("home.pulse.mapAlt")}
          loading="lazy"
          width={480}
          height={480}
          className="mx-auto h-auto w-full max-w-md"
        />
      </figure>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
