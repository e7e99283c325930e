import { getFormProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Form } from "~/components/form";
import { FormErrors, SelectField, TextAreaField, TextField } from "~/components/forms";
import { useSchemaForm } from "~/components/use-schema-form";
import { getLocale } from "~/i18n/i18n.server";
import { useT } from "~/i18n/use-t";
import { MECHANISMS, NewLinkageSchema } from "~/modules/linkage/linkage.schema";
import { createLinkage, linkageFormChoices } from "~/modules/linkage/linkage.server";
import { requireUser } from "~/modules/users/guards.server";
import { luoyangToday } from "~/utils/dates";
import { replyInvalid, replyWithDomainError } from "~/utils/forms.server";
import { titleMeta } from "~/utils/meta";
import { redirectWithToast } from "~/utils/toast.server";

export const meta: MetaFunction<typeof loader> = titleMeta("linkage.new");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const choices = await linkageFormChoices(user);
  if (choices.organisations.length === 0) throw new Response("Forbidden", { status: 403 });
  return { ...choices, today: luoyangToday(), locale: await getLocale(request) };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  // Only members of a cooperative, farm or enterprise record linkages; nobody else gets a form reply.
  if ((await linkageFormChoices(user)).organisations.length === 0)
    throw new Response("Forbidden", { status: 403 });
  const submission = parseWithZod(await request.formData(), { schema: NewLinkageSchema });
  if (submission.status !== "success") return replyInvalid(submission);
  try {
    const { id } = await createLinkage(user, submission.value);
    return redirectWithToast(`/linkage/${id}`, { message: "linkage.toast.created" });
  } catch (error) {
    return replyWithDomainError(submission, error, await getLocale(request));
  }
}

export default function NewLinkagePage() {
  const { t } = useT();
  const { organisations, agreements, projects, today } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useSchemaForm({
    id: "new-linkage",
    schema: NewLinkageSchema,
    lastResult,
    defaultValue: { organisationId: organisations[0]?.id, startedOn: today },
  });
  return (
    <section className="mx-auto max-w-xl space-y-4">
      <h1 className="text-2xl font-bold">{t("linkage.new")}</h1>
      <Form method="post" {...getFormProps(form)} className="card space-y-4">
        <FormErrors errors={form.errors} />
        <SelectField
          meta={fields.organisationId}
          label={t("linkage.field.organisation")}
          options={organisations.map((o) => ({ value: o.id, label: o.name }))}
        />
        <TextField meta={fields.householdCode} label={t("linkage.field.householdCode")} autoComplete="off" />
        <SelectField
          meta={fields.mechanism}
          label={t("linkage.mechanism")}
          placeholder={t("linkage.errors.mechanism")}
          options={MECHANISMS.map((m) => ({ value: m, label: t(`linkage.mechanism.${m}`) }))}
        />
        <TextAreaField
          meta={fields.terms}
          label={t("linkage.field.terms")}
          hint={t("linkage.field.terms.hint")}
          rows={3}
        />
        <TextField meta={fields.startedOn} label={t("linkage.field.startedOn")} type="date" />
        {agreements.length > 0 ? (
          <SelectField
            meta={fields.agreementId}
            label={t("linkage.field.agreement")}
            placeholder={t("linkage.field.none")}
            options={agreements.map((a) => ({ value: a.id, label: a.title }))}
          />
        ) : null}
        {projects.length > 0 ? (
          <SelectField
            meta={fields.programmeApplicationId}
            label={t("linkage.field.project")}
            placeholder={t("linkage.field.none")}
            options={projects.map((p) => ({ value: p.id, label: p.title }))}
          />
        ) : null}
        <button type="submit" className="btn-primary w-full" disabled={navigation.state === "submitting"}>
          {t("linkage.save")}
        </button>
      </Form>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
