import { getFormProps } from "@conform-to/react";
import { useForm } from "~/utils/use-form";
import { parseWithZod } from "@conform-to/zod/v4";
import {
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Form } from "~/components/form";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FormErrors, SelectField, TextField } from "~/components/forms";
import { getLocale } from "~/i18n/i18n.server";
import { translate } from "~/i18n/i18n";
import { useT } from "~/i18n/use-t";
import { getBrandStartOptions, startBrandProject } from "~/modules/creative/brands.server";
import { BrandStartSchema } from "~/modules/creative/creative.schema";
import { requireUser } from "~/modules/users/guards.server";
import { domainErrorResponse } from "~/utils/errors";
import { replyInvalid, replyWithDomainError } from "~/utils/forms.server";
import { requestMeta } from "~/utils/request.server";
import { redirectWithToast } from "~/utils/toast.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  {
    title: data
      ? `${translate(data.locale, "creative.startTitle")} · ${translate(data.locale, "app.name")}`
      : "XiangKe",
  },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const needId = new URL(request.url).searchParams.get("need") ?? "";
  const options = await getBrandStartOptions(user, needId).catch((error: unknown) => {
    throw domainErrorResponse(error);
  });
  if (options.existingProjectId) throw redirect(`/brands/${options.existingProjectId}`);
  return { ...options, locale: await getLocale(request) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const locale = await getLocale(request);
  const submission = parseWithZod(await request.formData(), { schema: BrandStartSchema });
  if (submission.status !== "success") return replyInvalid(submission);
  try {
    const project = await startBrandProject(user, submission.value, requestMeta(request, context));
    return redirectWithToast(`/brands/${project.id}`, { message: "creative.toast.started" });
  } catch (error) {
    return replyWithDomainError(submission, error, locale);
  }
}

export default function StartBrandPage() {
  const { need, leads, incubators } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t } = useT();
  const [form, fields] = useForm({
    id: "brand-start",
    lastResult,
    defaultValue: { needId: need.id, name: need.productName ?? "" },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: BrandStartSchema }),
  });
  return (
    <section className="mx-auto max-w-2xl space-y-4">
      <h1 className="text-2xl font-bold">{t("creative.startTitle")}</h1>
      <p className="text-stone-700">{t("creative.startFrom", { need: need.title })}</p>
      <Form method="post" {...getFormProps(form)} className="card space-y-4">
        <FormErrors errors={form.errors} />
        <input type="hidden" name="needId" value={need.id} />
        <TextField meta={fields.name} label={t("creative.field.brandName")} />
        <SelectField
          meta={fields.leadUserId}
          label={t("creative.field.lead")}
          hint={t("creative.field.leadHint")}
          placeholder={t("creative.field.posterLeads")}
          options={leads.map((lead) => ({ value: lead.id, label: lead.displayName }))}
        />
        <SelectField
          meta={fields.incubatorOrganisationId}
          label={t("creative.field.incubator")}
          hint={t("creative.field.incubatorHint")}
          placeholder={t("creative.field.choose")}
          options={incubators.map((org) => ({ value: org.id, label: org.name }))}
        />
        <button type="submit" className="btn-primary w-full" disabled={navigation.state === "submitting"}>
          {t("creative.start")}
        </button>
      </Form>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
