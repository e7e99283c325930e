import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { NeedCard } from "~/components/needs/need-card";
import { NeedFilterForm } from "~/components/needs/need-filters";
import { Pager } from "~/components/pager";
import { getLocale } from "~/i18n/i18n.server";
import { translate } from "~/i18n/i18n";
import { useT } from "~/i18n/use-t";
import { listNeeds } from "~/modules/needs/needs.queries.server";
import { NeedFiltersSchema } from "~/modules/needs/needs.schema";
import { getOptionalUser } from "~/modules/users/guards.server";
import { can } from "~/modules/users/permissions";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  {
    title: data
      ? `${translate(data.locale, "needs.title")} · ${translate(data.locale, "app.name")}`
      : "XiangKe",
  },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const filters = NeedFiltersSchema.parse(Object.fromEntries(url.searchParams));
  const [result, locale, user] = await Promise.all([
    listNeeds(filters),
    getLocale(request),
    getOptionalUser(request),
  ]);
  return { ...result, filters, locale, canPost: can(user, "need.post") };
}

export default function NeedsPage() {
  const { items, total, page, pages, filters, canPost } = useLoaderData<typeof loader>();
  const { t } = useT();
  const [searchParams] = useSearchParams();
  const pageLink = (target: number) => {
    const next = new URLSearchParams(searchParams);
    next.set("page", String(target));
    return `?${next}`;
  };
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-2xl font-bold">{t("needs.title")}</h1>
          <p className="text-stone-700">{t("needs.browseIntro")}</p>
        </div>
        {canPost ? (
          <Link to="/needs/new" className="btn-primary">
            {t("needs.post")}
          </Link>
        ) : null}
      </div>
      <NeedFilterForm filters={filters} />
      <p className="text-sm text-stone-600" aria-live="polite">
        {t("needs.count", { count: total })}
      </p>
      {items.length === 0 ? (
        <p className="card text-center text-stone-600">{t("needs.empty")}</p>
      ) : (
        <ul className="space-y-3">
          {items.map((need) => (
            <NeedCard key={need.id} need={need} />
          ))}
        </ul>
      )}
      <Pager page={page} pages={pages} hrefOf={pageLink} />
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
