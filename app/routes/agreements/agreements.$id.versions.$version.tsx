import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { formatDateTime } from "~/i18n/format";
import { getLocale } from "~/i18n/i18n.server";
import { translate } from "~/i18n/i18n";
import { useT } from "~/i18n/use-t";
import { getAgreementVersion } from "~/modules/agreements/agreements.queries.server";
import { requireUser } from "~/modules/users/guards.server";
import { domainErrorResponse } from "~/utils/errors";
import { Parties, Signatures, StatusBadge, TermsView } from "~/components/agreements/agreement-views";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  {
    title: data
      ? `${translate(data.locale, "agreements.versionLabel", { version: data.view.version.version })} · ${data.view.agreement.title}`
      : "XiangKe",
  },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const number = Number(params.version);
  if (!Number.isInteger(number) || number < 1) throw new Response("Not Found", { status: 404 });
  const view = await getAgreementVersion(params.id ?? "", user, number).catch((error: unknown) => {
    throw domainErrorResponse(error);
  });
  return { view, locale: await getLocale(request) };
}

/** An earlier (or the current) version, read-only: amendments never erase what was signed. */
export default function AgreementVersionPage() {
  const { view } = useLoaderData<typeof loader>();
  const { t, locale } = useT();
  const { agreement, version } = view;
  return (
    <article className="mx-auto max-w-3xl space-y-4">
      <p className="text-sm text-stone-600">
        <Link to={`/agreements/${agreement.id}`} className="link">
          {agreement.title}
        </Link>{" "}
        · {t("agreements.number", { number: agreement.number })}
      </p>
      <div className="flex flex-wrap items-center gap-2">
        <h1 className="text-2xl font-bold">{t("agreements.versionLabel", { version: version.version })}</h1>
        <StatusBadge status={version.status} kind="version" />
        {version.signedAt ? (
          <span className="text-sm text-stone-600">
            {t("agreements.signedOn", { at: formatDateTime(locale, version.signedAt) })}
          </span>
        ) : null}
        <Link
          to={`/agreements/${agreement.id}/print?version=${version.version}`}
          className="link ml-auto text-sm"
        >
          {t("agreements.print")}
        </Link>
      </div>
      {version.note ? <p className="text-stone-700">{t("agreements.note", { note: version.note })}</p> : null}
      <section className="card space-y-4">
        <Parties payer={view.payer} payee={view.payee} />
        {version.complete ? (
          <TermsView terms={version.terms} />
        ) : (
          <p role="note" className="rounded-lg bg-amber-50 px-4 py-3">
            {t("agreements.incomplete")}
          </p>
        )}
        <p className="break-all text-sm text-stone-600">
          {t("agreements.hash", { hash: version.termsHash })}
        </p>
        <Signatures signatures={version.signatures} />
      </section>
    </article>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
