import { getFormProps } from "@conform-to/react";
import { useForm } from "~/utils/use-form";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useNavigation } from "@remix-run/react";
import { Form } from "~/components/form";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorList, FormErrors, SelectField, TextAreaField, TextField } from "~/components/forms";
import { getLocale } from "~/i18n/i18n.server";
import { translate } from "~/i18n/i18n";
import { useT } from "~/i18n/use-t";
import { TrainingSchema } from "~/modules/commissioners/commissioners.schema";
import { createTraining } from "~/modules/commissioners/commissioners.server";
import { COUNTIES, localName } from "~/modules/reference/reference";
import { requireUser } from "~/modules/users/guards.server";
import { replyInvalid, replyWithDomainError } from "~/utils/forms.server";
import { requestMeta } from "~/utils/request.server";
import { redirectWithToast } from "~/utils/toast.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  {
    title: data
      ? `${translate(data.locale, "trainings.new")} · ${translate(data.locale, "app.name")}`
      : "XiangKe",
  },
];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  return { locale: await getLocale(request) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const submission = parseWithZod(await request.formData(), { schema: TrainingSchema });
  if (submission.status !== "success") return replyInvalid(submission);
  try {
    const training = await createTraining(user, submission.value, requestMeta(request, context));
    return redirectWithToast(`/trainings/${training.id}`, { message: "commissioners.toast.trainingCreated" });
  } catch (error) {
    return replyWithDomainError(submission, error, await getLocale(request));
  }
}

export default function NewTrainingPage() {
  const lastResult = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t, locale } = useT();
  const [form, fields] = useForm({
    id: "new-training",
    lastResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: TrainingSchema }),
  });
  return (
    <section className="mx-auto max-w-2xl space-y-4">
      <h1 className="text-2xl font-bold">{t("trainings.new")}</h1>
      <Form method="post" {...getFormProps(form)} className="card space-y-4">
        <FormErrors errors={form.errors} />
        <TextField meta={fields.title} label={t("commissioners.field.title")} />
        <TextAreaField meta={fields.description} label={t("commissioners.field.description")} rows={5} />
        <SelectField
          meta={fields.countyCode}
          label={t("commissioners.field.county")}
          placeholder={t("commissioners.field.choose")}
          options={COUNTIES.map((county) => ({ value: county.code, label: localName(county, locale) }))}
        />
        <TextField meta={fields.place} label={t("commissioners.field.place")} />
        <div className="space-y-1">
          <label htmlFor={fields.startsAt.id} className="block font-medium text-stone-800">
            {t("commissioners.field.startsAt")}
          </label>
          <input
            id={fields.startsAt.id}
            name={fields.startsAt.name}
            type="datetime-local"
            className="input"
            defaultValue={fields.startsAt.initialValue as string | undefined}
            aria-describedby={fields.startsAt.errorId}
          />
          <ErrorList id={fields.startsAt.errorId} errors={fields.startsAt.errors} />
        </div>
        <TextField meta={fields.capacity} label={t("commissioners.field.capacity")} inputMode="decimal" />
        <button type="submit" className="btn-primary w-full" disabled={navigation.state === "submitting"}>
          {t("trainings.new")}
        </button>
      </Form>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
