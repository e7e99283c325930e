import { getFormProps } from "@conform-to/react";
import type { z } from "zod";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Form } from "~/components/form";
import { FormErrors, SelectField, TextAreaField, TextField } from "~/components/forms";
import { getLocale } from "~/i18n/i18n.server";
import { useT } from "~/i18n/use-t";
import { COLLATERAL_KINDS, PostNeedSchema } from "~/modules/financing/financing.schema";
import { linkChoices, postFinancingNeed, posterOrganisations } from "~/modules/financing/financing.server";
import { COUNTIES, localName } from "~/modules/reference/reference";
import { requireUser } from "~/modules/users/guards.server";
import { replyInvalid, replyWithDomainError } from "~/utils/forms.server";
import { titleMeta } from "~/utils/meta";
import { requestMeta } from "~/utils/request.server";
import { redirectWithToast } from "~/utils/toast.server";
import { useForm } from "~/utils/use-form";

export const meta: MetaFunction<typeof loader> = titleMeta("financing.post.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const organisations = await posterOrganisations(user);
  if (organisations.length === 0) throw new Response("Forbidden", { status: 403 });
  const [links, locale] = await Promise.all([
    linkChoices(organisations.map((o) => o.id)),
    getLocale(request),
  ]);
  return { organisations, links, locale };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  if ((await posterOrganisations(user)).length === 0) throw new Response("Forbidden", { status: 403 });
  const submission = parseWithZod(await request.formData(), { schema: PostNeedSchema });
  if (submission.status !== "success") return replyInvalid(submission);
  try {
    const need = await postFinancingNeed(user, submission.value, requestMeta(request, context));
    return redirectWithToast(`/financing/${need.id}`, { message: "financing.post.done" });
  } catch (error) {
    return replyWithDomainError(submission, error, await getLocale(request));
  }
}

export default function PostFinancingNeed() {
  const { organisations, links } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { t, locale } = useT();
  const first = organisations[0];
  const [form, fields] = useForm<Record<keyof z.input<typeof PostNeedSchema>, string>>({
    id: "financing-need",
    lastResult,
    defaultValue: { organisationId: first?.id ?? "", countyCode: first?.countyCode ?? "" },
  });
  return (
    <div className="mx-auto max-w-xl space-y-4">
      <header className="space-y-2">
        <h1 className="text-2xl font-bold">{t("financing.post.title")}</h1>
        <p className="text-stone-600">{t("financing.post.intro")}</p>
      </header>
      <Form method="post" {...getFormProps(form)} className="card space-y-4">
        <FormErrors errors={form.errors} />
        <SelectField
          meta={fields.organisationId}
          label={t("financing.field.organisation")}
          options={organisations.map((o) => ({ value: o.id, label: o.name }))}
        />
        <TextField meta={fields.amount} label={t("financing.field.amount")} inputMode="decimal" />
        <TextAreaField meta={fields.use} label={t("financing.field.use")} rows={3} />
        <TextField meta={fields.termMonths} label={t("financing.field.termMonths")} inputMode="numeric" />
        <SelectField
          meta={fields.collateralKind}
          label={t("financing.field.collateralKind")}
          placeholder="—"
          options={COLLATERAL_KINDS.map((kind) => ({
            value: kind,
            label: t(`financing.collateral.${kind}`),
          }))}
        />
        <TextField meta={fields.collateralText} label={t("financing.field.collateralText")} />
        <SelectField
          meta={fields.countyCode}
          label={t("financing.field.county")}
          placeholder="—"
          options={COUNTIES.map((county) => ({ value: county.code, label: localName(county, locale) }))}
        />
        {links.projects.length > 0 ? (
          <SelectField
            meta={fields.programmeApplicationId}
            label={t("financing.field.project")}
            placeholder={t("financing.field.none")}
            options={links.projects.map((p) => ({ value: p.id, label: p.title }))}
          />
        ) : null}
        {links.agreements.length > 0 ? (
          <SelectField
            meta={fields.agreementId}
            label={t("financing.field.agreement")}
            placeholder={t("financing.field.none")}
            options={links.agreements.map((a) => ({ value: a.id, label: a.title }))}
          />
        ) : null}
        <button type="submit" name="intent" value="post" className="btn-primary w-full">
          {t("financing.post")}
        </button>
      </Form>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
