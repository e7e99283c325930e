import { getFormProps } from "@conform-to/react";
import { useForm } from "~/utils/use-form";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Form } from "~/components/form";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FormErrors, SelectField, TextAreaField, TextField } from "~/components/forms";
import { getLocale } from "~/i18n/i18n.server";
import { translate } from "~/i18n/i18n";
import { useT } from "~/i18n/use-t";
import { COUNTIES, localName } from "~/modules/reference/reference";
import { ServiceRequestFormSchema } from "~/modules/spaces/service-requests.schema";
import { AUDIENCE_GROUPS } from "~/modules/spaces/audiences.schema";
import { getRequestableService, requestService } from "~/modules/spaces/service-requests.server";
import { defaultCountyOf } from "~/modules/spaces/space-directory.server";
import { requirePermission } from "~/modules/users/guards.server";
import { domainErrorResponse } from "~/utils/errors";
import { replyInvalid, replyWithDomainError } from "~/utils/forms.server";
import { requestMeta } from "~/utils/request.server";
import { redirectWithToast } from "~/utils/toast.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  {
    title: data
      ? `${translate(data.locale, "spaces.request.title", { service: data.service.title })} · ${translate(data.locale, "app.name")}`
      : "XiangKe",
  },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "service.request");
  const [service, county, locale] = await Promise.all([
    getRequestableService(params.id ?? "").catch((error: unknown) => {
      throw domainErrorResponse(error);
    }),
    defaultCountyOf(user),
    getLocale(request),
  ]);
  return { service, county, locale };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, "service.request");
  const submission = parseWithZod(await request.formData(), { schema: ServiceRequestFormSchema });
  if (submission.status !== "success") return replyInvalid(submission);
  try {
    await requestService(user, params.id ?? "", submission.value, requestMeta(request, context));
    return redirectWithToast("/requests", { message: "spaces.toast.requested" });
  } catch (error) {
    return replyWithDomainError(submission, error, await getLocale(request));
  }
}

export default function RequestServicePage() {
  const { service, county } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t, locale } = useT();
  const [form, fields] = useForm({
    id: "request-service",
    lastResult,
    defaultValue: { countyCode: county ?? "" },
    constraint: getZodConstraint(ServiceRequestFormSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ServiceRequestFormSchema }),
  });
  return (
    <section className="mx-auto max-w-md">
      <h1 className="text-2xl font-bold">{t("spaces.request.title", { service: service.title })}</h1>
      <p className="mt-1 text-stone-700">
        {locale === "en" && service.organisation.nameEn
          ? service.organisation.nameEn
          : service.organisation.name}
      </p>
      <Form method="post" {...getFormProps(form)} className="card mt-6 space-y-4">
        <FormErrors errors={form.errors} />
        <TextAreaField
          meta={fields.description}
          label={t("spaces.request.description")}
          hint={t("spaces.request.descriptionHint")}
        />
        <SelectField
          meta={fields.countyCode}
          label={t("spaces.request.county")}
          placeholder={t("spaces.field.choose")}
          options={COUNTIES.map((item) => ({ value: item.code, label: localName(item, locale) }))}
        />
        <SelectField
          meta={fields.audienceGroup}
          label={t("spaces.request.audienceGroup")}
          placeholder={t("spaces.field.choose")}
          options={AUDIENCE_GROUPS.map((group) => ({ value: group, label: t(`spaces.audience.${group}`) }))}
        />
        <TextField meta={fields.village} label={t("spaces.request.village")} />
        <TextField meta={fields.preferredDate} label={t("spaces.request.preferredDate")} type="date" />
        <button type="submit" className="btn-primary w-full" disabled={navigation.state === "submitting"}>
          {t("spaces.request.submit")}
        </button>
      </Form>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
