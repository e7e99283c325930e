import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { formatMoney } from "~/i18n/format";
import { translate } from "~/i18n/i18n";
import { getLocale } from "~/i18n/i18n.server";
import { useT } from "~/i18n/use-t";
import { bureauHub, isBureauStaff } from "~/modules/bureau/bureau-hub.server";
import { requireUser } from "~/modules/users/guards.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  {
    title: data
      ? `${translate(data.locale, "bureau.title")} · ${translate(data.locale, "app.name")}`
      : "XiangKe",
  },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  // Anyone with one of the bureau's permissions has a workbench; others have nothing here.
  if (!isBureauStaff(user)) {
    throw new Response("Forbidden", { status: 403 });
  }
  const [hub, locale] = await Promise.all([bureauHub(user), getLocale(request)]);
  return { ...hub, locale };
}

export default function BureauHubPage() {
  const { tools, owedFen, desk } = useLoaderData<typeof loader>();
  const { t, locale } = useT();
  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <h1 className="text-2xl font-bold">{t("bureau.title")}</h1>
      <p className="text-stone-600">
        {t(
          desk === "county"
            ? "bureau.introCounty"
            : desk === "finance"
              ? "bureau.introFinance"
              : "bureau.intro",
        )}
      </p>
      <ul className="grid gap-3 sm:grid-cols-2">
        {tools.map((tool) => (
          <li key={tool.key}>
            <Link to={tool.to} className="card block h-full hover:border-brand-600">
              <span className="flex items-baseline justify-between gap-2">
                <span className="text-lg font-semibold text-brand-800">{t(`bureau.tool.${tool.key}`)}</span>
                {tool.waiting ? (
                  <span className="rounded-full bg-amber-100 px-2 py-0.5 text-sm text-amber-900">
                    {t("bureau.waiting", { count: tool.waiting })}
                  </span>
                ) : null}
              </span>
              <span className="mt-1 block text-sm text-stone-600">{t(`bureau.tool.${tool.key}.hint`)}</span>
              {tool.key === "sanctions" && owedFen > 0 ? (
                <span className="mt-1 block text-sm text-red-800">
                  {t("bureau.owed", { amount: formatMoney(locale, owedFen) })}
                </span>
              ) : null}
            </Link>
          </li>
        ))}
      </ul>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
