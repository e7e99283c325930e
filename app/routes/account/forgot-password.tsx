import { getFormProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useNavigation } from "@remix-run/react";
import { Form } from "~/components/form";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FormErrors, TextField } from "~/components/forms";
import { useSchemaForm } from "~/components/use-schema-form";
import { getEnv } from "~/env.server";
import { getLocale } from "~/i18n/i18n.server";
import { useT } from "~/i18n/use-t";
import { ForgotPasswordSchema } from "~/modules/recovery/recovery.schema";
import { requestPasswordReset } from "~/modules/recovery/recovery.server";
import { replyInvalid, replyWithDomainError } from "~/utils/forms.server";
import { titleMeta } from "~/utils/meta";
import { requestMeta } from "~/utils/request.server";
import { redirectWithToast } from "~/utils/toast.server";

export const meta: MetaFunction<typeof loader> = titleMeta("recovery.forgot.title");

export async function loader({ request }: LoaderFunctionArgs) {
  return { locale: await getLocale(request) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const submission = parseWithZod(await request.formData(), { schema: ForgotPasswordSchema });
  if (submission.status !== "success") return replyInvalid(submission);
  try {
    const origin = getEnv().PUBLIC_URL?.replace(/\/$/, "") ?? new URL(request.url).origin;
    await requestPasswordReset(submission.value.identifier, { ip: requestMeta(request, context).ip, origin });
    return redirectWithToast("/reset-password", { message: "recovery.sent" });
  } catch (error) {
    return replyWithDomainError(submission, error, await getLocale(request));
  }
}

export default function ForgotPasswordPage() {
  const { t } = useT();
  const lastResult = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useSchemaForm({ id: "forgot-password", schema: ForgotPasswordSchema, lastResult });
  return (
    <section className="mx-auto max-w-md">
      <h1 className="text-2xl font-bold">{t("recovery.forgot.title")}</h1>
      <p className="mt-2 text-stone-700">{t("recovery.forgot.intro")}</p>
      <Form method="post" {...getFormProps(form)} className="card mt-6 space-y-4">
        <FormErrors errors={form.errors} />
        <TextField meta={fields.identifier} label={t("login.identifier")} autoComplete="username" />
        <button type="submit" className="btn-primary w-full" disabled={navigation.state === "submitting"}>
          {t("recovery.forgot.submit")}
        </button>
      </Form>
      <p className="mt-4 text-sm text-stone-600">{t("recovery.forgot.noPhone")}</p>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
