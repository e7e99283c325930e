import { getFormProps } from "@conform-to/react";
import { useForm } from "~/utils/use-form";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { Form } from "~/components/form";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FormErrors, TextField } from "~/components/forms";
import { SubmitButton } from "~/components/submit-button";
import { getLocale } from "~/i18n/i18n.server";
import { useT } from "~/i18n/use-t";
import { listKpiReports, upsertKpiReport } from "~/modules/spaces/kpis.server";
import { luoyangYear } from "~/utils/dates";
import { KpiReportFields, KpiReportSchema } from "~/modules/spaces/space-directory.schema";
import { getSpaceProfileForEdit } from "~/modules/spaces/space-directory.server";
import { requireUser } from "~/modules/users/guards.server";
import { submitForm } from "~/utils/form-action.server";
import { documentTitle } from "~/utils/meta";
import { domainErrorResponse } from "~/utils/errors";
import { requestMeta } from "~/utils/request.server";
import { KpiSection } from "~/components/spaces/space-views";
import { AUDIENCE_GROUPS, AudienceFieldsSchema } from "~/modules/spaces/audiences.schema";
import { getSpaceAudiences } from "~/modules/spaces/audiences.server";

// The year's figures and, beside them, the people served by group.
const KpiFormSchema = KpiReportSchema.and(AudienceFieldsSchema);

export const meta: MetaFunction<typeof loader> = ({ data }) => [documentTitle(data, "spaces.kpis.title")];

const FIGURES = ["incubated", "mentors", "trainingsHeld", "peopleTrained", "jobsCreated"] as const;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const spaceId = params.id ?? "";
  // The same members-only check as the profile form.
  const { space } = await getSpaceProfileForEdit(user, spaceId).catch((error: unknown) => {
    throw domainErrorResponse(error);
  });
  const [reports, audiences, locale] = await Promise.all([
    listKpiReports(spaceId),
    getSpaceAudiences(spaceId),
    getLocale(request),
  ]);
  return { space, reports, audiences, thisYear: luoyangYear(new Date()), locale };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const spaceId = params.id ?? "";
  return submitForm(request, KpiFormSchema, async (report) => {
    await upsertKpiReport(user, spaceId, report, requestMeta(request, context));
    return { redirectTo: `/spaces/${spaceId}`, toast: { message: "spaces.toast.kpisSaved" } };
  });
}

export default function SpaceKpisPage() {
  const { space, reports, audiences, thisYear } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { t } = useT();
  // The form opens on last year's figures when they were reported, else on empty boxes for this year.
  const latest = reports[0];
  const [form, fields] = useForm({
    id: "space-kpis",
    lastResult,
    defaultValue: latest
      ? {
          year: String(latest.year),
          ...Object.fromEntries(FIGURES.map((name) => [name, String(latest[name])])),
          financing: String(latest.financingFen / 100),
          ...Object.fromEntries(
            Object.entries(audiences.find((row) => row.year === latest.year)?.reported ?? {}).map(
              ([group, people]) => [`served_${group}`, String(people)],
            ),
          ),
        }
      : { year: String(thisYear) },
    constraint: getZodConstraint(KpiReportFields.and(AudienceFieldsSchema)),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: KpiFormSchema }),
  });
  return (
    <section className="mx-auto max-w-2xl space-y-4">
      <header>
        <h1 className="text-2xl font-bold">{t("spaces.kpis.title")}</h1>
        <p className="mt-1 text-stone-700">{space.name}</p>
        <p className="mt-1 text-sm text-stone-600">{t("spaces.kpis.hint")}</p>
      </header>
      <Form method="post" {...getFormProps(form)} className="card grid gap-4 sm:grid-cols-2">
        <div className="sm:col-span-2">
          <FormErrors errors={form.errors} />
        </div>
        <TextField meta={fields.year} label={t("spaces.kpi.year")} inputMode="decimal" />
        {FIGURES.map((name) => (
          <TextField key={name} meta={fields[name]} label={t(`spaces.kpi.${name}`)} inputMode="decimal" />
        ))}
        <TextField meta={fields.financing} label={t("spaces.kpi.financing")} inputMode="decimal" />
        <p className="text-sm text-stone-600 sm:col-span-2">{t("spaces.kpis.servedHint")}</p>
        {AUDIENCE_GROUPS.map((group) => (
          <TextField
            key={group}
            meta={fields[`served_${group}`]}
            label={t("spaces.kpi.served", { group: t(`spaces.audience.${group}`) })}
            inputMode="numeric"
          />
        ))}
        <SubmitButton className="btn-primary w-full sm:col-span-2">{t("spaces.kpis.save")}</SubmitButton>
      </Form>
      <KpiSection reports={reports} />
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
