import { getFormProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Form } from "~/components/form";
import { CheckboxGroup, FormErrors, SelectField, TextField } from "~/components/forms";
import { getLocale } from "~/i18n/i18n.server";
import { useT } from "~/i18n/use-t";
import {
  HOUSEHOLD_STATUSES,
  RecordHouseholdSchema,
  SUPPORT_MEASURES,
} from "~/modules/households/households.schema";
import { getVillage, recordHousehold } from "~/modules/households/households.server";
import { luoyangYear } from "~/utils/dates";
import { domainErrorResponse } from "~/utils/errors";
import { replyInvalid, replyWithDomainError } from "~/utils/forms.server";
import { titleMeta } from "~/utils/meta";
import { requestMeta } from "~/utils/request.server";
import { redirectWithToast } from "~/utils/toast.server";
import { useForm } from "~/utils/use-form";
import { requireReach } from "./+access.server";

export const meta = titleMeta("households.new.title");

/** The village, when the viewer may record households in it: 404 outside the reach, 403 for finance. */
async function recordableVillage(request: Request, id: string) {
  const access = await requireReach(request);
  const village = await getVillage(access.reach, id).catch((error: unknown) => {
    throw domainErrorResponse(error);
  });
  if (!village.canRecord) throw new Response("Forbidden", { status: 403 });
  return { ...access, village };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { village } = await recordableVillage(request, params.id ?? "");
  return {
    village: { id: village.id, name: village.name, township: village.township },
    thisYear: luoyangYear(),
    locale: await getLocale(request),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, reach, village } = await recordableVillage(request, params.id ?? "");
  const submission = parseWithZod(await request.formData(), { schema: RecordHouseholdSchema });
  if (submission.status !== "success") return replyInvalid(submission);
  try {
    const id = await recordHousehold(
      user,
      reach,
      village.id,
      submission.value,
      requestMeta(request, context),
    );
    return redirectWithToast(`/households/${id}`, { message: "households.recorded" });
  } catch (error) {
    return replyWithDomainError(submission, error, await getLocale(request));
  }
}

export default function NewHouseholdPage() {
  const { village, thisYear } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { t } = useT();
  const [form, fields] = useForm<{
    code: string;
    headName: string;
    idLast4: string;
    size: string;
    status: string;
    year: string;
    measures: string[];
  }>({
    id: "household",
    lastResult,
    defaultValue: { status: "POOR", year: String(thisYear) },
  });
  return (
    <section className="mx-auto max-w-2xl space-y-4">
      <header className="space-y-1">
        <h1 className="text-2xl font-bold">{t("households.new.title")}</h1>
        <p>
          <Link to={`/villages/${village.id}`} className="hover:underline">
            {village.township} · {village.name}
          </Link>
        </p>
        <p className="text-sm text-stone-600">{t("households.new.intro")}</p>
      </header>
      <Form method="post" {...getFormProps(form)} className="card space-y-4">
        <FormErrors errors={form.errors} />
        <TextField meta={fields.code} label={t("households.field.code")} autoComplete="off" />
        <TextField meta={fields.headName} label={t("households.field.headName")} autoComplete="off" />
        <TextField meta={fields.idLast4} label={t("households.field.idLast4")} autoComplete="off" />
        <TextField meta={fields.size} label={t("households.field.size")} inputMode="numeric" />
        <SelectField
          meta={fields.status}
          label={t("households.field.status")}
          options={HOUSEHOLD_STATUSES.map((status) => ({
            value: status,
            label: t(`households.status.${status}`),
          }))}
        />
        <TextField meta={fields.year} label={t("households.field.year")} inputMode="numeric" />
        <CheckboxGroup
          meta={fields.measures}
          legend={t("households.field.measures")}
          options={SUPPORT_MEASURES.map((measure) => ({
            value: measure,
            label: t(`households.measure.${measure}`),
          }))}
        />
        <button type="submit" className="btn-primary w-full sm:w-auto">
          {t("households.save")}
        </button>
      </Form>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
