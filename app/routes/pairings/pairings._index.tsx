import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { PairingList } from "~/components/pairings/pairing-list";
import { getLocale } from "~/i18n/i18n.server";
import { useT } from "~/i18n/use-t";
import { myPairings, proposingInstitutions } from "~/modules/pairings/pairings.queries.server";
import { talentScopeOf } from "~/modules/pairings/talent.server";
import { scopeOf } from "~/modules/oversight/county-access";
import { requireUser } from "~/modules/users/guards.server";
import { titleMeta } from "~/utils/meta";

export const meta: MetaFunction<typeof loader> = titleMeta("pairings.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const [pairings, institutions, talentScope, locale] = await Promise.all([
    myPairings(user),
    proposingInstitutions(user),
    talentScopeOf(user),
    getLocale(request),
  ]);
  return {
    ...pairings,
    city: scopeOf(user)?.kind === "city",
    mayPropose: institutions.length > 0,
    keepsTalent: talentScope !== null,
    locale,
  };
}

export default function PairingsPage() {
  const { own, overseen, oversees, city, mayPropose, keepsTalent } = useLoaderData<typeof loader>();
  const { t } = useT();
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <header className="space-y-2">
        <h1 className="text-2xl font-bold">{t("pairings.title")}</h1>
        <p className="text-stone-600">{t("pairings.intro")}</p>
        <div className="flex flex-wrap gap-2">
          {mayPropose ? (
            <Link to="/pairings/new" className="btn-primary">
              {t("pairings.propose")}
            </Link>
          ) : null}
          {keepsTalent ? (
            <Link to="/pairings/talent" className="btn-secondary">
              {t("pairings.talentLink")}
            </Link>
          ) : null}
        </div>
      </header>
      {mayPropose || own.length > 0 ? (
        <section className="space-y-3">
          <h2 className="text-lg font-semibold">{t("pairings.own")}</h2>
          <PairingList items={own} />
        </section>
      ) : null}
      {oversees ? (
        <section className="space-y-3">
          <h2 className="text-lg font-semibold">{t(city ? "pairings.overseenCity" : "pairings.overseen")}</h2>
          <PairingList items={overseen} />
        </section>
      ) : null}
      {!mayPropose && !oversees && own.length === 0 ? (
        <p className="text-stone-600">{t("pairings.none")}</p>
      ) : null}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
