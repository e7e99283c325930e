import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { formatDate } from "~/i18n/format";
import { getLocale } from "~/i18n/i18n.server";
import { translate } from "~/i18n/i18n";
import { useT } from "~/i18n/use-t";
import { listMine } from "~/modules/agreements/agreements.queries.server";
import { requireUser } from "~/modules/users/guards.server";
import { PartyName, StatusBadge } from "~/components/agreements/agreement-views";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  {
    title: data
      ? `${translate(data.locale, "agreements.title")} · ${translate(data.locale, "app.name")}`
      : "XiangKe",
  },
];

// The order people look for them: what needs doing first, finished ones last.
const GROUPS = ["PROPOSED", "DRAFT", "ACTIVE", "DISPUTED", "SIGNED", "COMPLETED", "TERMINATED"] as const;

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const [agreements, locale] = await Promise.all([listMine(user), getLocale(request)]);
  return { agreements, locale };
}

export default function AgreementsPage() {
  const { agreements } = useLoaderData<typeof loader>();
  const { t, locale } = useT();
  const groups = GROUPS.map((status) => ({
    status,
    items: agreements.filter((a) => a.agreement.status === status),
  })).filter((g) => g.items.length > 0);
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-bold">{t("agreements.title")}</h1>
        <Link to="/equity" className="btn-secondary">
          {t("equity.title")}
        </Link>
      </div>
      {agreements.length === 0 ? <p className="card text-stone-600">{t("agreements.none")}</p> : null}
      {groups.map((group) => (
        <section key={group.status} aria-labelledby={`group-${group.status}`} className="space-y-2">
          <h2 id={`group-${group.status}`} className="text-lg font-semibold">
            {t(`agreements.agreementStatus.${group.status}`)} ({group.items.length})
          </h2>
          <ul className="space-y-2">
            {group.items.map((item) => {
              const other = item.party === "PAYER" ? item.payee : item.payer;
              return (
                <li key={item.agreement.id} className="card space-y-1 p-3">
                  <div className="flex flex-wrap items-center gap-2">
                    <StatusBadge status={item.agreement.status} />
                    <Link to={`/agreements/${item.agreement.id}`} className="font-medium hover:underline">
                      {item.agreement.title}
                    </Link>
                    {item.awaitingMe ? (
                      <span className="rounded-full bg-amber-100 px-2 py-0.5 text-xs text-amber-900">
                        {t("agreements.awaitingMe")}
                      </span>
                    ) : null}
                  </div>
                  <p className="flex flex-wrap items-center gap-2 text-sm text-stone-600">
                    <span>{item.agreement.number}</span>
                    <span>·</span>
                    <PartyName side={other} />
                    <span className="ml-auto">{formatDate(locale, item.updatedAt)}</span>
                  </p>
                </li>
              );
            })}
          </ul>
        </section>
      ))}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
