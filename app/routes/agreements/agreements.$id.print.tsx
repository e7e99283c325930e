import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { formatDateTime } from "~/i18n/format";
import { getLocale } from "~/i18n/i18n.server";
import { translate } from "~/i18n/i18n";
import { useT } from "~/i18n/use-t";
import { getAgreementVersion } from "~/modules/agreements/agreements.queries.server";
import { plannedMilestones, type AgreementTerms } from "~/modules/agreements/terms";
import { requireUser } from "~/modules/users/guards.server";
import { domainErrorResponse } from "~/utils/errors";
import { ContractArticles } from "~/components/agreements/contract-articles";
import { PrintButton, SignatureBlock, useAmount } from "~/components/agreements/contract-print";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  {
    title: data
      ? `${data.view.agreement.number} ${data.view.agreement.title} · ${translate(data.locale, "app.name")}`
      : "XiangKe",
  },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const raw = new URL(request.url).searchParams.get("version");
  const number = raw && /^\d{1,4}$/.test(raw) ? Number(raw) : undefined;
  const view = await getAgreementVersion(params.id ?? "", user, number).catch((error: unknown) => {
    throw domainErrorResponse(error);
  });
  return { view, locale: await getLocale(request), printedAt: new Date().toISOString() };
}

/** The printable contract: A4 proportions on screen, the site's chrome hidden on paper. */
export default function PrintAgreementPage() {
  const { view, printedAt } = useLoaderData<typeof loader>();
  const { t, locale } = useT();
  const amount = useAmount();
  const { agreement, version, payer, payee } = view;
  const terms: AgreementTerms = version.terms;
  const hasMilestones = plannedMilestones(terms).length > 0;
  const signatureOf = (party: "PAYER" | "PAYEE") => version.signatures.find((s) => s.party === party);
  return (
    <div className="mx-auto max-w-[210mm] space-y-6 bg-white p-6 text-stone-900 shadow-sm sm:p-12 print:max-w-none print:p-0 print:shadow-none">
      <PrintButton />
      <header className="space-y-2 text-center">
        <h1 className="text-2xl font-bold tracking-widest">{t("contract.heading")}</h1>
        <p className="text-lg">{terms.title}</p>
        <p className="text-sm">{t("contract.number", { number: agreement.number })}</p>
        {version.status !== "SIGNED" ? (
          <p className="text-sm font-semibold text-red-700">{t(`contract.notInForce.${version.status}`)}</p>
        ) : null}
      </header>
      <dl className="space-y-1">
        <div>
          <dt className="inline font-semibold">{t("contract.payer")}</dt>
          <dd className="inline">{payer.organisation?.name ?? payer.user.name}</dd>
        </div>
        <div>
          <dt className="inline font-semibold">{t("contract.payee")}</dt>
          <dd className="inline">
            {payee.user.name}
            {payee.organisation ? `（${payee.organisation.name}）` : ""}
          </dd>
        </div>
        {!payer.organisation ? null : (
          <div>
            <dt className="inline font-semibold">{t("contract.payerRepresentative")}</dt>
            <dd className="inline">{payer.user.name}</dd>
          </div>
        )}
      </dl>
      <ContractArticles terms={terms} version={version} />
      {hasMilestones ? (
        <p className="text-sm text-stone-600">
          {t("contract.totalNote", {
            total: amount(plannedMilestones(terms).reduce((sum, m) => sum + m.amountFen, 0)),
          })}
        </p>
      ) : null}
      <div className="grid gap-6 pt-6 sm:grid-cols-2 print:grid-cols-2">
        <SignatureBlock
          label={t("contract.payerSignature")}
          name={payer.organisation?.name ?? payer.user.name}
          signature={signatureOf("PAYER")}
        />
        <SignatureBlock
          label={t("contract.payeeSignature")}
          name={payee.user.name}
          signature={signatureOf("PAYEE")}
        />
      </div>
      <p className="text-xs text-stone-500">
        {t("contract.printedAt", { at: formatDateTime(locale, printedAt) })}
      </p>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
