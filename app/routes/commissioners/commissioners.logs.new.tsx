import { getFormProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Form } from "~/components/form";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FormErrors, PhotosField, SelectField, TextAreaField, TextField } from "~/components/forms";
import { CountyField } from "~/components/reference-fields";
import { useSchemaForm } from "~/components/use-schema-form";
import { formatDate } from "~/i18n/format";
import { getLocale } from "~/i18n/i18n.server";
import { useT } from "~/i18n/use-t";
import {
  MAX_LOG_PHOTOS,
  SERVICE_LOG_KINDS,
  ServiceLogSchema,
} from "~/modules/commissioners/commissioners.schema";
import { listCurrentAssignments, logService } from "~/modules/commissioners/commissioners.server";
import { MAX_IMAGE_BYTES, parseUploadForm } from "~/modules/uploads/uploads.server";
import { countyName } from "~/modules/reference/reference";
import { requireUser } from "~/modules/users/guards.server";
import { replyInvalid, replyWithDomainError } from "~/utils/forms.server";
import { titleMeta } from "~/utils/meta";
import { requestMeta } from "~/utils/request.server";
import { redirectWithToast } from "~/utils/toast.server";

export const meta: MetaFunction<typeof loader> = titleMeta("commissioners.newLogTitle");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const [assignments, locale] = await Promise.all([listCurrentAssignments(user.id), getLocale(request)]);
  return { assignments, locale };
}

// With JavaScript, files go out shrunk, with a progress bar and 重试 after a drop.
export { uploadingClientAction as clientAction } from "~/utils/upload-submit";

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const locale = await getLocale(request);
  let formData: FormData;
  try {
    formData = await parseUploadForm(request, { maxFiles: MAX_LOG_PHOTOS, maxFileBytes: MAX_IMAGE_BYTES });
  } catch (error) {
    return replyWithDomainError(parseWithZod(new FormData(), { schema: ServiceLogSchema }), error, locale);
  }
  const submission = parseWithZod(formData, { schema: ServiceLogSchema });
  if (submission.status !== "success") return replyInvalid(submission);
  const photos = formData.getAll("photos").filter((value): value is File => value instanceof File);
  try {
    await logService(user, submission.value, photos, requestMeta(request, context));
    return redirectWithToast(`/commissioners/${user.id}`, { message: "commissioners.toast.logged" });
  } catch (error) {
    return replyWithDomainError(submission, error, locale);
  }
}

export default function NewServiceLogPage() {
  const { assignments } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t, locale } = useT();
  const [form, fields] = useSchemaForm({ id: "service-log", schema: ServiceLogSchema, lastResult });
  const choose = t("commissioners.field.choose");
  if (assignments.length === 0)
    return <p className="mx-auto max-w-2xl">{t("commissioners.noActiveAssignment")}</p>;
  return (
    <section className="mx-auto max-w-2xl space-y-4">
      <h1 className="text-2xl font-bold">{t("commissioners.newLogTitle")}</h1>
      <Form method="post" encType="multipart/form-data" {...getFormProps(form)} className="card space-y-4">
        <FormErrors errors={form.errors} />
        <SelectField
          meta={fields.assignmentId}
          label={t("commissioners.field.assignment")}
          options={assignments.map((a) => ({
            value: a.id,
            label: `${a.cohort.year} · ${countyName(a.countyCode, locale)} · ${formatDate(locale, a.startDate)}–${formatDate(locale, a.endDate)}`,
          }))}
        />
        <TextField meta={fields.date} label={t("commissioners.field.date")} type="date" />
        <CountyField meta={fields.countyCode} label={t("commissioners.field.county")} placeholder={choose} />
        <TextField meta={fields.place} label={t("commissioners.field.place")} />
        <SelectField
          meta={fields.kind}
          label={t("commissioners.field.kind")}
          placeholder={choose}
          options={SERVICE_LOG_KINDS.map((kind) => ({
            value: kind,
            label: t(`commissioners.kind.${kind}`),
          }))}
        />
        <TextField
          meta={fields.farmersReached}
          label={t("commissioners.field.farmersReached")}
          inputMode="decimal"
        />
        <TextAreaField meta={fields.note} label={t("commissioners.field.note")} rows={3} />
        <PhotosField label={t("commissioners.field.photos")} />
        <button type="submit" className="btn-primary w-full" disabled={navigation.state === "submitting"}>
          {t("commissioners.submit")}
        </button>
      </Form>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
