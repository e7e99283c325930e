import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { CardList } from "~/components/card-list";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { PageHeader } from "~/components/page-header";
import { getLocale } from "~/i18n/i18n.server";
import { useT } from "~/i18n/use-t";
import { listAllProgrammes } from "~/modules/programmes/programmes.queries.server";
import { requirePermission } from "~/modules/users/guards.server";
import { MoneySummary } from "~/components/programmes/programme-views";
import { titleMeta } from "~/utils/meta";

export const meta: MetaFunction<typeof loader> = titleMeta("programmes.bureauTitle");

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "programme.review");
  return { locale: await getLocale(request), programmes: await listAllProgrammes() };
}

export default function BureauProgrammesPage() {
  const { t } = useT();
  const { programmes } = useLoaderData<typeof loader>();
  return (
    <section className="space-y-4">
      <PageHeader
        title={t("programmes.bureauTitle")}
        link={{ to: "/bureau/programmes/new", label: t("programmes.new") }}
      />
      <CardList items={programmes} empty={t("programmes.none")}>
        {(programme) => (
          <>
            <h2 className="text-lg font-semibold">
              <Link to={`/bureau/programmes/${programme.id}`} className="link">
                {programme.title}
              </Link>
            </h2>
            <p className="text-sm text-stone-700">
              {programme.year} · {t(`programmes.kind.${programme.kind}`)} ·{" "}
              {t(`programmes.status.${programme.status}`)}
            </p>
            {programme.awaitingDecision > 0 ? (
              <p className="font-semibold text-amber-900">
                {t("programmes.awaitingDecision", { count: programme.awaitingDecision })}
              </p>
            ) : null}
            <MoneySummary money={programme.money} />
          </>
        )}
      </CardList>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
