import { getFormProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Form } from "~/components/form";
import { FormErrors, SelectField, TextField } from "~/components/forms";
import { countyOptions } from "~/components/reference-fields";
import { getLocale } from "~/i18n/i18n.server";
import { useT } from "~/i18n/use-t";
import { canManageVillages, reachCounty } from "~/modules/households/households.access";
import { CreateVillageSchema } from "~/modules/households/households.schema";
import { createVillage } from "~/modules/households/households.server";
import { countyName } from "~/modules/reference/reference";
import { replyInvalid, replyWithDomainError } from "~/utils/forms.server";
import { titleMeta } from "~/utils/meta";
import { requestMeta } from "~/utils/request.server";
import { redirectWithToast } from "~/utils/toast.server";
import { useForm } from "~/utils/use-form";
import { requireReach } from "./+access.server";

export const meta = titleMeta("villages.new");

async function requireManager(request: Request) {
  const access = await requireReach(request);
  if (!canManageVillages(access.reach)) throw new Response("Forbidden", { status: 403 });
  return access;
}

export async function loader({ request }: LoaderFunctionArgs) {
  const { reach } = await requireManager(request);
  return { county: reachCounty(reach), locale: await getLocale(request) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { user, reach } = await requireManager(request);
  const submission = parseWithZod(await request.formData(), { schema: CreateVillageSchema });
  if (submission.status !== "success") return replyInvalid(submission);
  try {
    const id = await createVillage(user, reach, submission.value, requestMeta(request, context));
    return redirectWithToast(`/villages/${id}`, { message: "villages.created" });
  } catch (error) {
    return replyWithDomainError(submission, error, await getLocale(request));
  }
}

export default function NewVillagePage() {
  const { county } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { t, locale } = useT();
  const [form, fields] = useForm({ id: "village", lastResult });
  return (
    <section className="mx-auto max-w-2xl space-y-4">
      <h1 className="text-2xl font-bold">{t("villages.new")}</h1>
      <Form method="post" {...getFormProps(form)} className="card space-y-4">
        <FormErrors errors={form.errors} />
        {county ? (
          <p>
            {t("villages.field.county")}：{countyName(county, locale)}
          </p>
        ) : (
          <SelectField
            meta={fields.countyCode}
            label={t("villages.field.county")}
            placeholder={t("villages.field.countyNone")}
            options={countyOptions(locale)}
          />
        )}
        <TextField meta={fields.township} label={t("villages.field.township")} />
        <TextField meta={fields.name} label={t("villages.field.name")} />
        <button type="submit" className="btn-primary w-full sm:w-auto">
          {t("villages.create")}
        </button>
      </Form>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
