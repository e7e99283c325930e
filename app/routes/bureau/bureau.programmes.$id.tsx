import { getFormProps } from "@conform-to/react";
import { useForm } from "~/utils/use-form";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { Form } from "~/components/form";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FormErrors, replyFor, TextField } from "~/components/forms";
import { IntentButton } from "~/components/intent-button";
import { formatMoney } from "~/i18n/format";
import { translate } from "~/i18n/i18n";
import { getLocale } from "~/i18n/i18n.server";
import { useT } from "~/i18n/use-t";
import { getProgramme, listProgrammeApplications } from "~/modules/programmes/programmes.queries.server";
import { listProgrammeCopays } from "~/modules/cofunding/cofunding.server";
import { ProgrammeCopays } from "~/components/cofunding/funders";
import { ProgrammeIntentSchema } from "~/modules/programmes/programmes.schema";
import { closeProgramme, publishProgramme, topUpProgramme } from "~/modules/programmes/programmes.server";
import { requirePermission } from "~/modules/users/guards.server";
import { replyInvalid, replyWithDomainError } from "~/utils/forms.server";
import { redirectWithToast } from "~/utils/toast.server";
import { ApplicationStatus, CallSummary, MoneySummary } from "~/components/programmes/programme-views";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.programme.title} · ${translate(data.locale, "app.name")}` : "XiangKe" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "programme.review");
  const programme = await getProgramme(params.id ?? "", { published: false });
  if (!programme) throw new Response("Not found", { status: 404 });
  return {
    locale: await getLocale(request),
    programme,
    applications: await listProgrammeApplications(programme.id),
    copays: await listProgrammeCopays(programme.id),
  };
}

const DONE = {
  publish: "programmes.published",
  close: "programmes.closedToast",
  topUp: "programmes.toppedUp",
} as const;

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requirePermission(request, "programme.manage");
  const id = params.id ?? "";
  const submission = parseWithZod(await request.formData(), { schema: ProgrammeIntentSchema });
  if (submission.status !== "success") return replyInvalid(submission);
  try {
    const value = submission.value;
    if (value.intent === "publish") await publishProgramme(user, id);
    else if (value.intent === "close") await closeProgramme(user, id);
    else await topUpProgramme(user, id, value.amount);
    return redirectWithToast(`/bureau/programmes/${id}`, { message: DONE[value.intent] });
  } catch (error) {
    return replyWithDomainError(submission, error, await getLocale(request));
  }
}

export default function BureauProgrammePage() {
  const { t, locale } = useT();
  const { programme, applications, copays } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [topUp, topUpFields] = useForm({
    id: "topUp",
    lastResult: replyFor(lastResult, "topUp"),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ProgrammeIntentSchema }),
  });
  const otherErrors = (replyFor(lastResult, "publish") ?? replyFor(lastResult, "close"))?.error?.[""] as
    string[] | undefined;
  return (
    <section className="mx-auto max-w-3xl space-y-4">
      <h1 className="text-2xl font-bold">{programme.title}</h1>
      <p>{t(`programmes.status.${programme.status}`)}</p>
      <FormErrors errors={otherErrors} />
      <div className="card space-y-3">
        <MoneySummary money={programme.money} />
        {programme.status === "DRAFT" ? (
          <div className="grid gap-2 sm:grid-cols-2">
            <Link to="edit" className="btn-secondary w-full">
              {t("programmes.edit")}
            </Link>
            <IntentButton intent="publish" label={t("programmes.publish")} primary />
          </div>
        ) : null}
        {programme.status === "OPEN" ? <IntentButton intent="close" label={t("programmes.close")} /> : null}
        {programme.status !== "DRAFT" ? (
          <Form method="post" {...getFormProps(topUp)} className="space-y-2">
            <FormErrors errors={topUp.errors} />
            <input type="hidden" name="intent" value="topUp" />
            <TextField meta={topUpFields.amount} label={t("programmes.topUpAmount")} inputMode="decimal" />
            <button type="submit" className="btn-secondary w-full">
              {t("programmes.topUp")}
            </button>
          </Form>
        ) : null}
      </div>
      <div className="card">
        <CallSummary programme={programme} />
      </div>
      <h2 className="text-xl font-semibold">{t("programmes.applications")}</h2>
      {applications.length === 0 ? <p>{t("programmes.noApplications")}</p> : null}
      <ul className="space-y-2">
        {applications.map((application) => (
          <li key={application.id} className="card flex flex-wrap items-center justify-between gap-2">
            <Link to={`/bureau/programmes/applications/${application.id}`} className="link">
              {application.title}
            </Link>
            <span className="text-sm">
              {t("programmes.averageScore")} {application.averageScore ?? "–"} ({application.scores}) ·{" "}
              {formatMoney(locale, application.approvedFen ?? application.requestedFen)}
              {application.countyOpinion ? (
                <> · {t(`programmes.county.${application.countyOpinion}`)}</>
              ) : null}
            </span>
            <ApplicationStatus status={application.status} />
          </li>
        ))}
      </ul>
      <ProgrammeCopays copays={copays} />
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
