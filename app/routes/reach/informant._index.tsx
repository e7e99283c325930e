import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { PageHeader } from "~/components/page-header";
import { STATUS_TONE } from "~/components/needs/need-labels";
import { formatDate } from "~/i18n/format";
import { getLocale } from "~/i18n/i18n.server";
import { useT } from "~/i18n/use-t";
import { getActiveInformant, listMyProxyPostings } from "~/modules/reach/informants.server";
import { requireUser } from "~/modules/users/guards.server";
import { titleMeta } from "~/utils/meta";

export const meta: MetaFunction<typeof loader> = titleMeta("reach.mine.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  // A revoked informant still sees what they posted, but may not post more.
  const [informant, postings, locale] = await Promise.all([
    getActiveInformant(user.id),
    listMyProxyPostings(user.id),
    getLocale(request),
  ]);
  if (!informant && postings.length === 0) throw new Response("Forbidden", { status: 403 });
  return { active: Boolean(informant), postings, locale };
}

export default function InformantPage() {
  const { active, postings } = useLoaderData<typeof loader>();
  const { t, locale } = useT();
  return (
    <section className="mx-auto max-w-3xl space-y-4">
      <PageHeader
        title={t("reach.mine.title")}
        link={active ? { to: "/informant/new", label: t("reach.mine.post") } : null}
      />
      {active ? (
        <p>
          <Link to="/villages" className="btn-secondary inline-flex">
            {t("bureau.tool.villages")}
          </Link>
        </p>
      ) : null}
      {postings.length === 0 ? <p className="card text-stone-600">{t("reach.mine.empty")}</p> : null}
      <ul className="space-y-2">
        {postings.map((posting) => (
          <li key={posting.needId} className="card flex flex-wrap items-center gap-2 p-3">
            <span className={`rounded-full px-2 py-0.5 text-xs ${STATUS_TONE[posting.need.status]}`}>
              {t(`needs.status.${posting.need.status}`)}
            </span>
            <Link to={`/needs/${posting.needId}`} className="font-medium hover:underline">
              {posting.need.title}
            </Link>
            <span className="text-sm text-stone-600">
              {t("reach.mine.farmer", { name: posting.farmerName })}
            </span>
            <span
              className={`rounded-full px-2 py-0.5 text-xs ${posting.claimedAt ? "bg-brand-100 text-brand-800" : "bg-amber-100 text-amber-900"}`}
            >
              {t(posting.claimedAt ? "reach.mine.claimed" : "reach.mine.unclaimed")}
            </span>
            <span className="ml-auto text-sm text-stone-600">
              {t("needs.applicationsCount", { count: posting.need._count.applications })} ·{" "}
              {formatDate(locale, posting.createdAt)}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
