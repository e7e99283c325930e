import { getFormProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Form } from "~/components/form";
import { FormErrors, SelectField, TextField } from "~/components/forms";
import { useSchemaForm } from "~/components/use-schema-form";
import { getLocale } from "~/i18n/i18n.server";
import { useT } from "~/i18n/use-t";
import { VENTURE_ROLES, VentureSchema } from "~/modules/commissioners/ventures.schema";
import { recordVenture, ventureFormChoices } from "~/modules/commissioners/ventures.server";
import { countyName } from "~/modules/reference/reference";
import { requireUser } from "~/modules/users/guards.server";
import { replyInvalid, replyWithDomainError } from "~/utils/forms.server";
import { titleMeta } from "~/utils/meta";
import { requestMeta } from "~/utils/request.server";
import { redirectWithToast } from "~/utils/toast.server";

export const meta: MetaFunction<typeof loader> = titleMeta("ventures.newTitle");

/** 领办/创办/联办: a commissioner (for themself) or a team's lead (for the team) records a project. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const holder = new URL(request.url).searchParams.get("holder") ?? "";
  const choices = await ventureFormChoices(user.id);
  return { ...choices, holder, locale: await getLocale(request) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const submission = parseWithZod(await request.formData(), { schema: VentureSchema });
  if (submission.status !== "success") return replyInvalid(submission);
  try {
    const venture = await recordVenture(user, submission.value, requestMeta(request, context));
    return redirectWithToast(`/commissioners/ventures/${venture.id}`, {
      message: venture.created ? "ventures.toast.recorded" : "ventures.toast.exists",
    });
  } catch (error) {
    return replyWithDomainError(submission, error, await getLocale(request));
  }
}

export default function NewVenturePage() {
  const { teams, served, organisations, agreements, equity, holder } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { t, locale } = useT();
  const holders = [
    ...(served ? [{ value: "self", label: t("ventures.holder.self") }] : []),
    ...teams.map((team) => ({ value: team.id, label: t("ventures.holder.team", { name: team.name }) })),
  ];
  const initialHolder = holders.some((option) => option.value === holder) ? holder : holders[0]?.value;
  const [form, fields] = useSchemaForm({
    id: "venture",
    schema: VentureSchema,
    lastResult,
    defaultValue: { holder: initialHolder },
  });
  if (holders.length === 0) return <p className="mx-auto max-w-xl">{t("ventures.notServed")}</p>;
  return (
    <section className="mx-auto max-w-xl space-y-4">
      <h1 className="text-2xl font-bold">{t("ventures.newTitle")}</h1>
      <p className="text-stone-700">{t("ventures.intro")}</p>
      {organisations.length === 0 ? <p className="text-stone-700">{t("ventures.noOrganisations")}</p> : null}
      <Form method="post" {...getFormProps(form)} className="card space-y-4">
        <FormErrors errors={form.errors} />
        <SelectField meta={fields.holder} label={t("ventures.field.holder")} options={holders} />
        <SelectField
          meta={fields.role}
          label={t("ventures.field.role")}
          placeholder={t("ventures.field.choose")}
          options={VENTURE_ROLES.map((role) => ({ value: role, label: t(`ventures.role.${role}`) }))}
        />
        <TextField meta={fields.title} label={t("ventures.field.title")} />
        <SelectField
          meta={fields.organisationId}
          label={t("ventures.field.organisation")}
          placeholder={t("ventures.field.choose")}
          options={organisations.map((organisation) => ({
            value: organisation.id,
            label: `${organisation.name} · ${countyName(organisation.countyCode ?? "", locale)}`,
          }))}
        />
        {agreements.length > 0 ? (
          <SelectField
            meta={fields.agreementId}
            label={t("ventures.field.agreement")}
            placeholder={t("ventures.field.none")}
            options={agreements.map((agreement) => ({ value: agreement.id, label: agreement.title }))}
          />
        ) : null}
        {equity.length > 0 ? (
          <SelectField
            meta={fields.equityHoldingId}
            label={t("ventures.field.equity")}
            placeholder={t("ventures.field.none")}
            options={equity.map((holding) => ({
              value: holding.id,
              label: `${holding.enterpriseName} · ${holding.percentBp / 100}%`,
            }))}
          />
        ) : null}
        <TextField meta={fields.stake} label={t("ventures.field.stake")} inputMode="decimal" />
        <TextField meta={fields.startDate} label={t("ventures.field.startDate")} type="date" />
        <TextField meta={fields.endDate} label={t("ventures.field.endDate")} type="date" />
        <button type="submit" className="btn-primary w-full">
          {t("ventures.save")}
        </button>
      </Form>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
