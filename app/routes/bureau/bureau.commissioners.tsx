import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FormErrors, SelectField, TextAreaField, TextField } from "~/components/forms";
import { formatDate } from "~/i18n/format";
import { getLocale } from "~/i18n/i18n.server";
import { translate } from "~/i18n/i18n";
import { useT } from "~/i18n/use-t";
import {
  BureauCommissionersSchema,
  type CohortFields,
  type DispatchFields,
} from "~/modules/commissioners/commissioners.schema";
import {
  createCohort,
  dispatch,
  listCohorts,
  listDispatchableExperts,
} from "~/modules/commissioners/commissioners.server";
import { COUNTIES, countyName, localName } from "~/modules/reference/reference";
import { requirePermission } from "~/modules/users/guards.server";
import { replyInvalid, replyWithDomainError } from "~/utils/forms.server";
import { requestMeta } from "~/utils/request.server";
import { redirectWithToast } from "~/utils/toast.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  {
    title: data
      ? `${translate(data.locale, "commissioners.bureauTitle")} · ${translate(data.locale, "app.name")}`
      : "XiangKe",
  },
];

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "commissioner.dispatch");
  const [cohorts, experts, locale] = await Promise.all([
    listCohorts(),
    listDispatchableExperts(),
    getLocale(request),
  ]);
  return { cohorts, experts, locale };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, "commissioner.dispatch");
  const formData = await request.formData();
  const intent = String(formData.get("intent"));
  const submission = parseWithZod(formData, { schema: BureauCommissionersSchema });
  // Two forms share this action; the reply says which one it belongs to.
  const answer = (reply: { data: SubmissionResult<string[]>; init: ResponseInit | null }) =>
    data({ intent, reply: reply.data }, reply.init ?? undefined);
  if (submission.status !== "success") return answer(replyInvalid(submission));
  const meta = requestMeta(request, context);
  try {
    const { intent: chosen, ...fields } = submission.value;
    if (chosen === "createCohort") {
      await createCohort(user, fields as CohortFields, meta);
      return redirectWithToast("/bureau/commissioners", { message: "commissioners.toast.cohortCreated" });
    }
    await dispatch(user, fields as DispatchFields, meta);
    return redirectWithToast("/bureau/commissioners", { message: "commissioners.toast.dispatched" });
  } catch (error) {
    return answer(replyWithDomainError(submission, error, await getLocale(request)));
  }
}

export default function BureauCommissionersPage() {
  const { cohorts, experts } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t, locale } = useT();
  const names = new Map(experts.map((expert) => [expert.id, expert.displayName]));
  return (
    <section className="mx-auto max-w-3xl space-y-6">
      <h1 className="text-2xl font-bold">{t("commissioners.bureauTitle")}</h1>
      <h2 className="text-xl font-semibold">{t("commissioners.cohorts")}</h2>
      {cohorts.length === 0 ? <p>{t("commissioners.noCohorts")}</p> : null}
      {cohorts.map((cohort) => (
        <article key={cohort.id} className="card space-y-2">
          <h3 className="font-semibold">
            {cohort.year} · {cohort.name}
          </h3>
          <p>
            {t("commissioners.cohortCount", { count: cohort.assignments.length, target: cohort.targetCount })}
          </p>
          <ul className="space-y-1 text-sm">
            {cohort.assignments.map((assignment) => (
              <li key={assignment.id}>
                <Link to={`/commissioners/${assignment.userId}?year=${cohort.year}`} className="underline">
                  {names.get(assignment.userId) ?? assignment.userId}
                </Link>{" "}
                · {countyName(assignment.countyCode, locale)} {assignment.villages.join("、")} ·{" "}
                {formatDate(locale, assignment.startDate)}–{formatDate(locale, assignment.endDate)}
              </li>
            ))}
          </ul>
        </article>
      ))}
      <CohortForm lastResult={result?.intent === "createCohort" ? result.reply : undefined} />
      <DispatchForm
        lastResult={result?.intent === "dispatch" ? result.reply : undefined}
        cohorts={cohorts}
        experts={experts}
      />
    </section>
  );
}

function CohortForm({ lastResult }: { lastResult?: SubmissionResult<string[]> }) {
  const { t } = useT();
  const [form, fields] = useForm({
    id: "create-cohort",
    lastResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: BureauCommissionersSchema }),
  });
  return (
    <Form method="post" {...getFormProps(form)} className="card space-y-4">
      <h2 className="text-xl font-semibold">{t("commissioners.createCohort")}</h2>
      <input type="hidden" name="intent" value="createCohort" />
      <FormErrors errors={form.errors} />
      <TextField meta={fields.year} label={t("commissioners.field.year")} inputMode="decimal" />
      <TextField meta={fields.name} label={t("commissioners.field.name")} />
      <TextField meta={fields.targetCount} label={t("commissioners.field.targetCount")} inputMode="decimal" />
      <button type="submit" className="btn-primary w-full">
        {t("commissioners.createCohort")}
      </button>
    </Form>
  );
}

function DispatchForm({
  lastResult,
  cohorts,
  experts,
}: {
  lastResult?: SubmissionResult<string[]>;
  cohorts: { id: string; year: number; name: string }[];
  experts: { id: string; displayName: string }[];
}) {
  const { t, locale } = useT();
  const [form, fields] = useForm({
    id: "dispatch",
    lastResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: BureauCommissionersSchema }),
  });
  const choose = t("commissioners.field.choose");
  return (
    <Form method="post" {...getFormProps(form)} className="card space-y-4">
      <h2 className="text-xl font-semibold">{t("commissioners.dispatch")}</h2>
      <input type="hidden" name="intent" value="dispatch" />
      <FormErrors errors={form.errors} />
      <SelectField
        meta={fields.cohortId}
        label={t("commissioners.field.cohort")}
        placeholder={choose}
        options={cohorts.map((cohort) => ({ value: cohort.id, label: `${cohort.year} · ${cohort.name}` }))}
      />
      <SelectField
        meta={fields.userId}
        label={t("commissioners.field.expert")}
        placeholder={choose}
        options={experts.map((expert) => ({ value: expert.id, label: expert.displayName }))}
      />
      <SelectField
        meta={fields.countyCode}
        label={t("commissioners.field.county")}
        placeholder={choose}
        options={COUNTIES.map((county) => ({ value: county.code, label: localName(county, locale) }))}
      />
      <TextAreaField
        meta={fields.villages}
        label={t("commissioners.field.villages")}
        hint={t("commissioners.field.villagesHint")}
        rows={3}
      />
      <TextField meta={fields.startDate} label={t("commissioners.field.startDate")} type="date" />
      <TextField meta={fields.endDate} label={t("commissioners.field.endDate")} type="date" />
      <button type="submit" className="btn-primary w-full">
        {t("commissioners.dispatch")}
      </button>
    </Form>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
