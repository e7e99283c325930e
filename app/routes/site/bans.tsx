import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Form } from "~/components/form";
import { PublicBanCard } from "~/components/bans/public-ban-card";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { translate } from "~/i18n/i18n";
import { getLocale } from "~/i18n/i18n.server";
import { useT } from "~/i18n/use-t";
import {
  PUBLIC_BANS_PAGE_SIZE,
  PublicBanQuery,
  listPublicBans,
} from "~/modules/sanctions/public-bans.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  {
    title: data
      ? `${translate(data.locale, "bans.title")} · ${translate(data.locale, "app.name")}`
      : "XiangKe",
  },
];

const CREDIT_CODE = /^[0-9A-HJ-NPQRTUWXY]{18}$/i;

/** The published ban list: anyone may read it, no login. One box finds a name or a credit code. */
export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const q = (url.searchParams.get("q") ?? "").trim().slice(0, 60);
  const page = Math.min(Math.max(Number.parseInt(url.searchParams.get("page") ?? "1", 10) || 1, 1), 500);
  const parsed = PublicBanQuery.safeParse(CREDIT_CODE.test(q) ? { creditCode: q } : { name: q });
  const filters = parsed.success ? parsed.data : {};
  const { items, hasMore } = await listPublicBans(filters, {
    skip: (page - 1) * PUBLIC_BANS_PAGE_SIZE,
    take: PUBLIC_BANS_PAGE_SIZE,
  });
  return { locale: await getLocale(request), q, page, items, hasMore };
}

export default function BansPage() {
  const { t } = useT();
  const { q, page, items, hasMore } = useLoaderData<typeof loader>();
  const pageHref = (to: number) => `/bans?${new URLSearchParams({ ...(q ? { q } : {}), page: String(to) })}`;
  return (
    <section className="space-y-4">
      <h1 className="text-2xl font-bold">{t("bans.title")}</h1>
      <p className="text-stone-700">{t("bans.intro")}</p>
      <Form method="get" className="flex gap-2">
        <label className="sr-only" htmlFor="bans-q">
          {t("bans.query")}
        </label>
        <input id="bans-q" name="q" defaultValue={q} placeholder={t("bans.query")} className="input flex-1" />
        <button type="submit" className="btn-secondary">
          {t("bans.search")}
        </button>
      </Form>
      {items.length === 0 ? <p>{t("bans.none")}</p> : null}
      <ul className="space-y-3">
        {items.map((ban) => (
          <PublicBanCard key={ban.banId} ban={ban} />
        ))}
      </ul>
      <nav className="flex justify-between">
        {page > 1 ? <Link to={pageHref(page - 1)}>{t("bans.previous")}</Link> : <span />}
        {hasMore ? <Link to={pageHref(page + 1)}>{t("bans.next")}</Link> : null}
      </nav>
      <p className="text-sm text-stone-600">{t("bans.apiHint")}</p>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
