import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useRouteLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { getLocale } from "~/i18n/i18n.server";
import { translate, type MessageKey } from "~/i18n/i18n";
import { useT } from "~/i18n/use-t";
import { COUNTIES, INDUSTRIES, localName } from "~/modules/reference/reference";
import type { loader as rootLoader } from "~/root";

export const meta: MetaFunction<typeof loader> = ({ data }) => {
  const locale = data?.locale ?? "zh";
  return [
    { title: `${translate(locale, "app.name")} · ${translate(locale, "app.tagline")}` },
    { name: "description", content: translate(locale, "app.description") },
  ];
};

export async function loader({ request }: LoaderFunctionArgs) {
  return { locale: await getLocale(request) };
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

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
