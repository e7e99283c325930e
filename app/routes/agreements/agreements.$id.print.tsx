import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { formatDateTime } from "~/i18n/format";
import { getLocale } from "~/i18n/i18n.server";
import { translate } from "~/i18n/i18n";
import { useT } from "~/i18n/use-t";
import { getContract } from "~/modules/agreements/agreements.contract.server";
import type { AgreementTerms } from "~/modules/agreements/terms";
import { requireUser } from "~/modules/users/guards.server";
import { domainErrorResponse } from "~/utils/errors";
import { ContractDocument } from "~/components/agreements/contract-document";
import { PrintButton } from "~/components/agreements/contract-print";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  {
    title: data
      ? `${data.agreement.number} ${data.agreement.title} · ${translate(data.locale, "app.name")}`
      : "XiangKe",
  },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const raw = new URL(request.url).searchParams.get("version");
  const number = raw && /^\d{1,4}$/.test(raw) ? Number(raw) : undefined;
  const { agreement, contract } = await getContract(params.id ?? "", user, number).catch((error: unknown) => {
    throw domainErrorResponse(error);
  });
  return {
    agreement,
    view: contract,
    locale: await getLocale(request),
    printedAt: new Date().toISOString(),
  };
}

/**
 * The printable contract: A4 pages on paper (@page in app/styles), one column on a phone; the
 * site's chrome is hidden when printing. Its PDF is the browser's "Save as PDF".
 */
export default function PrintAgreementPage() {
  const { view, printedAt } = useLoaderData<typeof loader>();
  const { t, locale } = useT();
  const terms = view.version.terms as AgreementTerms;
  return (
    <div className="mx-auto max-w-[210mm] space-y-6 bg-white px-4 py-6 text-stone-900 shadow-sm sm:p-12 print:max-w-none print:p-0 print:shadow-none">
      <PrintButton />
      <ContractDocument view={{ ...view, version: { ...view.version, terms } }} />
      <p className="text-xs text-stone-500">
        {t("contract.printedAt", { at: formatDateTime(locale, printedAt) })}
      </p>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
