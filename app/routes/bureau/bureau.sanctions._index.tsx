import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FormErrors } from "~/components/forms";
import { getLocale } from "~/i18n/i18n.server";
import { translate } from "~/i18n/i18n";
import { useT } from "~/i18n/use-t";
import { listSanctions } from "~/modules/sanctions/sanctions.queries.server";
import { SANCTION_KINDS, SanctionFiltersSchema } from "~/modules/sanctions/sanctions.schema";
import { requirePermission } from "~/modules/users/guards.server";
import { requestMeta } from "~/utils/request.server";
import { sanctionAction } from "./+sanctions-action.server";
import { CollectForm, SanctionSummary } from "~/components/sanctions/sanction-views";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  {
    title: data
      ? `${translate(data.locale, "sanctions.title")} · ${translate(data.locale, "app.name")}`
      : "XiangKe",
  },
];

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "sanction.apply");
  const filters = SanctionFiltersSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const [sanctions, locale] = await Promise.all([listSanctions(filters), getLocale(request)]);
  return { ...sanctions, filters, locale };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, "sanction.apply");
  const url = new URL(request.url);
  return sanctionAction(
    user,
    await request.formData(),
    `${url.pathname}${url.search}`,
    await getLocale(request),
    requestMeta(request, context),
  );
}

export default function SanctionsPage() {
  const { active, history, filters } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useT();
  const tab = (kind: string | undefined, label: string) => (
    <Link
      key={kind ?? "all"}
      to={kind ? `?kind=${kind}` : "."}
      aria-current={filters.kind === kind ? "page" : undefined}
      className={`rounded-full px-3 py-1 text-sm ${filters.kind === kind ? "bg-brand-700 text-white" : "bg-stone-100"}`}
    >
      {label}
    </Link>
  );
  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-bold">{t("sanctions.title")}</h1>
        <Link to="/bureau/sanctions/new" className="btn-primary">
          {t("sanctions.new")}
        </Link>
      </div>
      <p className="text-stone-600">{t("sanctions.hint")}</p>
      <nav className="flex flex-wrap gap-2">
        {tab(undefined, t("sanctions.filter.all"))}
        {SANCTION_KINDS.map((kind) => tab(kind, t(`sanctions.kind.${kind}`)))}
      </nav>
      <FormErrors errors={actionData?.error?.[""]} />
      <section aria-labelledby="active" className="space-y-3">
        <h2 id="active" className="text-xl font-semibold">
          {t("sanctions.active")}
        </h2>
        {active.length === 0 ? <p className="card text-stone-600">{t("sanctions.empty")}</p> : null}
        <ul className="space-y-3">
          {active.map((sanction) => (
            <li key={sanction.id} className="card space-y-2">
              <SanctionSummary sanction={sanction} link />
              {sanction.kind === "CLAWBACK" && (sanction.owedFen ?? 0) > 0 ? (
                <CollectForm sanctionId={sanction.id} />
              ) : null}
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="history" className="space-y-3">
        <h2 id="history" className="text-xl font-semibold">
          {t("sanctions.history")}
        </h2>
        {history.length === 0 ? <p className="card text-stone-600">{t("sanctions.empty")}</p> : null}
        <ul className="space-y-3">
          {history.map((sanction) => (
            <li key={sanction.id} className="card">
              <SanctionSummary sanction={sanction} link />
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
