import { getFormProps } from "@conform-to/react";
import { useForm } from "~/utils/use-form";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Form } from "~/components/form";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FormErrors, SelectField, TextAreaField, TextField } from "~/components/forms";
import { translate } from "~/i18n/i18n";
import { getLocale } from "~/i18n/i18n.server";
import { useT } from "~/i18n/use-t";
import { applyOptions, getProgramme, isAccepting } from "~/modules/programmes/programmes.queries.server";
import { ApplyPageFields, ApplyPageSchema } from "~/modules/programmes/programmes.schema";
import {
  commissionerApplyOptions,
  submitApplication,
} from "~/modules/programmes/programmes.applicants.server";
import { COUNTIES, INDUSTRY_CODES as INDUSTRY_CODES_ALL, localName } from "~/modules/reference/reference";
import { requireUser } from "~/modules/users/guards.server";
import { replyInvalid, replyWithDomainError } from "~/utils/forms.server";
import { redirectWithToast } from "~/utils/toast.server";
import { industryName } from "~/components/programmes/programme-views";
import { BudgetFieldset } from "~/components/monitoring/budget-fieldset";
import { ApplicantFieldset } from "~/components/applicants/applicant-fieldset";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  {
    title: data
      ? `${translate(data.locale, "programmes.applyTitle", { title: data.programme.title })} · ${translate(data.locale, "app.name")}`
      : "XiangKe",
  },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const programme = await getProgramme(params.id ?? "");
  if (!programme) throw new Response("Not found", { status: 404 });
  return {
    locale: await getLocale(request),
    programme,
    accepting: isAccepting(programme),
    options: await applyOptions(user),
    commissioner: await commissionerApplyOptions(user.id, programme.applicantKinds),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const submission = parseWithZod(await request.formData(), { schema: ApplyPageSchema });
  if (submission.status !== "success") return replyInvalid(submission);
  try {
    const application = await submitApplication(user, params.id ?? "", submission.value);
    return redirectWithToast(`/programmes/applications/${application.id}`, { message: "programmes.applied" });
  } catch (error) {
    return replyWithDomainError(submission, error, await getLocale(request));
  }
}

export default function ApplyPage() {
  const { t, locale } = useT();
  const { programme, accepting, options, commissioner } = useLoaderData<typeof loader>();
  const organisations = programme.applicantKinds.includes("ORGANISATION") ? options.organisations : [];
  const lastResult = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: "programme-apply",
    lastResult,
    constraint: getZodConstraint(ApplyPageFields),
    defaultValue: {
      organisationId: organisations[0]?.id ?? (commissioner.self ? "self" : commissioner.teams[0]?.value),
      countyCode: organisations[0]?.countyCode ?? undefined,
    },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ApplyPageSchema }),
  });
  const orgName = new Map(options.organisations.map((org) => [org.id, org.name]));
  const links = [
    { value: "", label: t("programmes.form.noLink") },
    ...options.agreements.map((agreement) => ({
      value: `agreement:${agreement.id}`,
      label: t("programmes.form.linkAgreement", { number: agreement.number, title: agreement.title }),
    })),
    ...options.needs.map((need) => ({
      value: `need:${need.id}`,
      label: `${t("programmes.form.linkNeed", { title: need.title })} · ${orgName.get(need.organisationId ?? "") ?? ""}`,
    })),
  ];
  if (!accepting || organisations.length + Number(commissioner.self) + commissioner.teams.length === 0) {
    return (
      <p className="card mx-auto max-w-xl">{t(accepting ? "programmes.noOrg" : "programmes.closedNotice")}</p>
    );
  }
  return (
    <section className="mx-auto max-w-xl">
      <h1 className="text-2xl font-bold">{t("programmes.applyTitle", { title: programme.title })}</h1>
      <Form method="post" {...getFormProps(form)} className="card mt-4 space-y-4">
        <FormErrors errors={form.errors} />
        <ApplicantFieldset
          meta={fields.organisationId}
          organisations={organisations}
          commissioner={commissioner}
        />
        <TextField meta={fields.title} label={t("programmes.form.title")} />
        <TextAreaField
          meta={fields.summary}
          label={t("programmes.form.summary")}
          hint={t("programmes.form.summaryHint")}
        />
        <SelectField
          meta={fields.countyCode}
          label={t("programmes.form.county")}
          options={COUNTIES.filter(
            (county) =>
              programme.eligibleCounties.length === 0 || programme.eligibleCounties.includes(county.code),
          ).map((county) => ({ value: county.code, label: localName(county, locale) }))}
        />
        <SelectField
          meta={fields.industry}
          label={t("programmes.form.industry")}
          options={(programme.eligibleIndustries.length
            ? programme.eligibleIndustries
            : INDUSTRY_CODES_ALL
          ).map((code) => ({ value: code, label: industryName(code, locale) }))}
        />
        <TextField meta={fields.requested} label={t("programmes.form.requested")} inputMode="decimal" />
        <BudgetFieldset
          budget={fields.budget}
          team={fields.team}
          suppliers={fields.suppliers}
          hint={t("monitoring.budgetHintApply")}
        />
        <SelectField meta={fields.link} label={t("programmes.form.link")} options={links} />
        <button type="submit" className="btn-primary w-full" disabled={navigation.state === "submitting"}>
          {t("programmes.form.submit")}
        </button>
      </Form>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
