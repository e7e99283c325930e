import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { CountyOpinionForm, CountyOpinionPanel } from "~/components/counties/prescreen";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FactList } from "~/components/fact-list";
import { ApplicationStatus, industryName } from "~/components/programmes/programme-views";
import { formatDate, formatMoney } from "~/i18n/format";
import { translate } from "~/i18n/i18n";
import { getLocale } from "~/i18n/i18n.server";
import { useT } from "~/i18n/use-t";
import { CountyOpinionSchema } from "~/modules/counties/counties.schema";
import { getPrescreenApplication, recordCountyOpinion } from "~/modules/counties/prescreen.server";
import { countyName } from "~/modules/reference/reference";
import { requirePermission } from "~/modules/users/guards.server";
import { domainErrorResponse } from "~/utils/errors";
import { replyInvalid, replyWithDomainError } from "~/utils/forms.server";
import { requestMeta } from "~/utils/request.server";
import { redirectWithToast } from "~/utils/toast.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  {
    title: data
      ? `${data.application.title} · ${translate(data.locale, "counties.prescreen.title")}`
      : "XiangKe",
  },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "programme.prescreen");
  try {
    const application = await getPrescreenApplication(user, params.id ?? "");
    // Only the county's own officer gives the opinion; city staff who open this page only read it.
    const canGive = user.primaryRole === "COUNTY" && application.status === "SUBMITTED";
    return { application, canGive, locale: await getLocale(request) };
  } catch (error) {
    throw domainErrorResponse(error);
  }
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, "programme.prescreen");
  const id = params.id ?? "";
  const submission = parseWithZod(await request.formData(), { schema: CountyOpinionSchema });
  if (submission.status !== "success") return replyInvalid(submission);
  try {
    await recordCountyOpinion(user, id, { ...submission.value, ip: requestMeta(request, context).ip });
    return redirectWithToast(`/bureau/prescreen/${id}`, { message: "counties.prescreen.recorded" });
  } catch (error) {
    return replyWithDomainError(submission, error, await getLocale(request));
  }
}

export default function PrescreenApplicationPage() {
  const { application, canGive } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { t, locale } = useT();
  const { state } = application;
  return (
    <section className="mx-auto max-w-3xl space-y-4">
      <p>
        <Link to="/bureau/prescreen" className="link">
          {t("counties.prescreen.back")}
        </Link>
      </p>
      <p className="text-stone-600">{application.programme.title}</p>
      <h1 className="text-2xl font-bold">{application.title}</h1>
      <ApplicationStatus status={application.status} />
      <div className="card space-y-2">
        <p className="whitespace-pre-line">{application.summary}</p>
        <FactList
          facts={[
            [t("programmes.organisation"), application.organisationName],
            [t("counties.prescreen.county"), countyName(application.countyCode, locale) ?? ""],
            [t("counties.prescreen.industry"), industryName(application.industry, locale)],
            [t("programmes.requested"), formatMoney(locale, application.requestedFen)],
            [t("counties.prescreen.submittedAt"), formatDate(locale, application.createdAt)],
          ]}
        />
        <p className="text-sm text-stone-600">{t("counties.prescreen.readOnly")}</p>
      </div>
      {state.kind === "recorded" ? (
        <CountyOpinionPanel state={state} countyCode={application.countyCode} />
      ) : application.status !== "SUBMITTED" ? (
        <p className="card text-stone-600">{t("counties.prescreen.decidedNoOpinion")}</p>
      ) : canGive ? (
        <CountyOpinionForm lastResult={lastResult} />
      ) : (
        <CountyOpinionPanel state={state} countyCode={application.countyCode} />
      )}
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
