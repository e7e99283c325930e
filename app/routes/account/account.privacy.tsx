import { getFormProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { Form } from "~/components/form";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FormErrors, TextField } from "~/components/forms";
import { useSchemaForm } from "~/components/use-schema-form";
import { formatDateTime } from "~/i18n/format";
import { getLocale } from "~/i18n/i18n.server";
import { useT } from "~/i18n/use-t";
import { consentOverview, grantSensitiveConsent, withdrawConsent } from "~/modules/privacy/consents.server";
import { deleteAccount } from "~/modules/privacy/deletion.server";
import { EXPORTS_PER_HOUR } from "~/modules/privacy/policy";
import { PrivacyActionSchema } from "~/modules/privacy/privacy.schema";
import { requireUser } from "~/modules/users/guards.server";
import { clearSessionCookie } from "~/modules/users/session.server";
import { replyInvalid, replyWithDomainError } from "~/utils/forms.server";
import { titleMeta } from "~/utils/meta";
import { requestMeta, safeRedirect } from "~/utils/request.server";
import { redirectWithToast } from "~/utils/toast.server";

export const meta: MetaFunction<typeof loader> = titleMeta("privacy.account.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return { ...(await consentOverview(user.id)), locale: await getLocale(request) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const submission = parseWithZod(await request.formData(), { schema: PrivacyActionSchema });
  if (submission.status !== "success") return replyInvalid(submission, ["password"]);
  const { value } = submission;
  const { ip } = requestMeta(request, context);
  try {
    if (value.intent === "grant") {
      await grantSensitiveConsent({ userId: user.id, purpose: value.purpose, ip });
      return redirectWithToast(safeRedirect(value.returnTo, "/account/privacy"), {
        message: "privacy.granted",
      });
    }
    if (value.intent === "withdraw") {
      await withdrawConsent({ userId: user.id, purpose: value.purpose, ip });
      return redirectWithToast("/account/privacy", { message: "privacy.withdrawn" });
    }
    await deleteAccount({ userId: user.id, password: value.password, ip });
    return redirectWithToast(
      "/",
      { message: "privacy.deleted" },
      { headers: [["Set-Cookie", await clearSessionCookie()]] },
    );
  } catch (error) {
    return replyWithDomainError(submission, error, await getLocale(request), ["password"]);
  }
}

export default function AccountPrivacyPage() {
  const { t, locale } = useT();
  const { sensitive, history } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useSchemaForm({ id: "delete-account", schema: PrivacyActionSchema, lastResult });
  return (
    <section className="mx-auto max-w-2xl space-y-6">
      <h1 className="text-2xl font-bold">{t("privacy.account.title")}</h1>
      <section className="card space-y-3">
        <h2 className="text-lg font-semibold">{t("privacy.account.consents")}</h2>
        <ul className="divide-y divide-stone-200">
          {sensitive.map(({ purpose, granted }) => (
            <li key={purpose} className="flex flex-wrap items-center justify-between gap-2 py-2">
              <span>
                {t(`privacy.purpose.${purpose}`)} ·{" "}
                {granted ? t("privacy.account.granted") : t("privacy.account.notGranted")}
              </span>
              <Form method="post">
                <input type="hidden" name="intent" value={granted ? "withdraw" : "grant"} />
                <input type="hidden" name="purpose" value={purpose} />
                {granted ? null : <input type="hidden" name="agree" value="on" />}
                <button type="submit" className="btn-secondary">
                  {granted ? t("privacy.account.withdraw") : t("privacy.account.grant")}
                </button>
              </Form>
            </li>
          ))}
        </ul>
        {history.length > 0 ? (
          <details>
            <summary className="cursor-pointer">{t("privacy.account.history")}</summary>
            <ul className="mt-2 space-y-1 text-sm text-stone-700">
              {history.map((row) => (
                <li key={row.id}>
                  {t("privacy.account.historyLine", {
                    purpose: t(`privacy.purpose.${row.purpose}`),
                    at: formatDateTime(locale, row.grantedAt),
                    version: row.noticeVersion,
                  })}
                  {row.withdrawnAt
                    ? t("privacy.account.historyWithdrawn", { at: formatDateTime(locale, row.withdrawnAt) })
                    : ""}
                </li>
              ))}
            </ul>
          </details>
        ) : null}
      </section>
      <section className="card space-y-3">
        <h2 className="text-lg font-semibold">{t("privacy.account.export")}</h2>
        <p className="text-stone-700">{t("privacy.account.exportHint", { count: EXPORTS_PER_HOUR })}</p>
        <a href="/account/data.zip" download className="btn-primary inline-block">
          {t("privacy.account.export")}
        </a>
      </section>
      <Form method="post" {...getFormProps(form)} className="card space-y-3 border-red-200">
        <h2 className="text-lg font-semibold text-red-800">{t("privacy.account.delete")}</h2>
        <p className="text-stone-700">{t("privacy.account.deleteHint")}</p>
        <FormErrors errors={form.errors} />
        <input type="hidden" name="intent" value="delete" />
        <label className="flex items-start gap-2">
          <input type="checkbox" name="confirm" required className="mt-1" />
          <span>{t("privacy.account.deleteConfirm")}</span>
        </label>
        <TextField
          meta={fields.password}
          label={t("privacy.account.password")}
          type="password"
          autoComplete="current-password"
        />
        <button type="submit" className="btn-primary w-full bg-red-700 hover:bg-red-800">
          {t("privacy.account.deleteSubmit")}
        </button>
      </Form>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
