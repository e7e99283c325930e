import { getFormProps } from "@conform-to/react";
import { RevealLink } from "~/components/privacy/reveal-link";
import { wantsReveal } from "~/modules/privacy/contact-reveal.server";
import { useForm } from "~/utils/use-form";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { Form } from "~/components/form";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FormErrors, SelectField, TextField } from "~/components/forms";
import { formatDate } from "~/i18n/format";
import { translate } from "~/i18n/i18n";
import { getLocale } from "~/i18n/i18n.server";
import { useT } from "~/i18n/use-t";
import { appointInformant, listInformants, revokeInformant } from "~/modules/reach/informants.server";
import { InformantsActionSchema } from "~/modules/reach/reach.schema";
import { COUNTIES, countyName, localName } from "~/modules/reference/reference";
import { requirePermission } from "~/modules/users/guards.server";
import { replyInvalid, replyWithDomainError } from "~/utils/forms.server";
import { requestMeta } from "~/utils/request.server";
import { redirectWithToast } from "~/utils/toast.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  {
    title: data
      ? `${translate(data.locale, "reach.informants.title")} · ${translate(data.locale, "app.name")}`
      : "XiangKe",
  },
];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "reach.manage");
  const reveal = { reveal: wantsReveal(request), ip: context.clientIp };
  const [informants, locale] = await Promise.all([listInformants(user, reveal), getLocale(request)]);
  return { informants, locale };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, "reach.manage");
  const submission = parseWithZod(await request.formData(), { schema: InformantsActionSchema });
  if (submission.status !== "success") return replyInvalid(submission);
  const meta = requestMeta(request, context);
  try {
    if (submission.value.intent === "appoint") {
      await appointInformant(user, submission.value, meta);
      return redirectWithToast("/bureau/informants", { message: "reach.informants.appointed" });
    }
    await revokeInformant(user, submission.value.informantId, meta);
    return redirectWithToast("/bureau/informants", { message: "reach.informants.revoked" });
  } catch (error) {
    return replyWithDomainError(submission, error, await getLocale(request));
  }
}

export default function InformantsPage() {
  const { informants } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { t, locale } = useT();
  const [form, fields] = useForm({ id: "appoint", lastResult });
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <header className="space-y-2">
        <h1 className="text-2xl font-bold">{t("reach.informants.title")}</h1>
        <p className="text-stone-600">{t("reach.informants.intro")}</p>
      </header>
      <Form method="post" {...getFormProps(form)} className="card space-y-4">
        <h2 className="text-lg font-semibold">{t("reach.informants.appoint")}</h2>
        <FormErrors errors={form.errors} />
        <TextField meta={fields.identifier} label={t("reach.field.identifier")} autoComplete="off" />
        <SelectField
          meta={fields.countyCode}
          label={t("reach.field.county")}
          placeholder={t("register.countyNone")}
          options={COUNTIES.map((county) => ({ value: county.code, label: localName(county, locale) }))}
        />
        <TextField meta={fields.villages} label={t("reach.field.villages")} />
        <button type="submit" name="intent" value="appoint" className="btn-primary">
          {t("reach.informants.appoint")}
        </button>
      </Form>
      {informants.length === 0 ? <p className="card text-stone-600">{t("reach.informants.empty")}</p> : null}
      {informants.some((informant) => !informant.contactRevealed) ? <RevealLink /> : null}
      <ul className="space-y-2">
        {informants.map((informant) => (
          <li key={informant.id} className="card flex flex-wrap items-center gap-2 p-3">
            <span className="font-medium">{informant.user.displayName}</span>
            <span className="text-sm text-stone-600">{informant.user.phone ?? informant.user.email}</span>
            <span className="text-sm">
              {countyName(informant.countyCode, locale)}
              {informant.villages.length ? ` · ${informant.villages.join("、")}` : ""}
            </span>
            <span className="text-sm text-stone-600">
              {t("reach.informants.posted", { count: informant.posted })} ·{" "}
              {formatDate(locale, informant.appointedAt)}
            </span>
            <Form method="post" className="ml-auto">
              <input type="hidden" name="informantId" value={informant.id} />
              <button
                type="submit"
                name="intent"
                value="revoke"
                className="btn-secondary min-h-9 py-1 text-sm"
              >
                {t("reach.informants.revoke")}
              </button>
            </Form>
          </li>
        ))}
      </ul>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
