import { getFormProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Form } from "~/components/form";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FormErrors, TextField } from "~/components/forms";
import { useSchemaForm } from "~/components/use-schema-form";
import { NewPasswordFields } from "~/components/account/new-password-fields";
import { getLocale } from "~/i18n/i18n.server";
import { useT } from "~/i18n/use-t";
import { ResetPasswordSchema } from "~/modules/recovery/recovery.schema";
import { resetPassword } from "~/modules/recovery/recovery.server";
import { replyInvalid, replyWithDomainError } from "~/utils/forms.server";
import { titleMeta } from "~/utils/meta";
import { requestMeta } from "~/utils/request.server";
import { redirectWithToast } from "~/utils/toast.server";

const SECRET_FIELDS = ["code", "token", "newPassword", "confirmPassword"];

export const meta: MetaFunction<typeof loader> = titleMeta("recovery.reset.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const token = new URL(request.url).searchParams.get("token");
  return { locale: await getLocale(request), token: token && /^[\w-]{43}$/.test(token) ? token : null };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await request.formData();
  const submission = parseWithZod(formData, { schema: ResetPasswordSchema });
  // The link's token goes back into its hidden field: without it the form could not be sent again.
  const keep = formData.get("method") === "link" ? SECRET_FIELDS.filter((f) => f !== "token") : SECRET_FIELDS;
  if (submission.status !== "success") return replyInvalid(submission, keep);
  try {
    await resetPassword(submission.value, { ip: requestMeta(request, context).ip });
    return redirectWithToast("/login", { message: "recovery.done" });
  } catch (error) {
    return replyWithDomainError(submission, error, await getLocale(request), keep);
  }
}

export default function ResetPasswordPage() {
  const { t } = useT();
  const { token } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useSchemaForm({ id: "reset-password", schema: ResetPasswordSchema, lastResult });
  return (
    <section className="mx-auto max-w-md">
      <h1 className="text-2xl font-bold">{t("recovery.reset.title")}</h1>
      <p className="mt-2 text-stone-700">
        {token ? t("recovery.reset.linkIntro") : t("recovery.reset.intro")}
      </p>
      <Form method="post" {...getFormProps(form)} className="card mt-6 space-y-4">
        <FormErrors errors={form.errors} />
        {token ? (
          <>
            <input type="hidden" name="method" value="link" />
            <input type="hidden" name="token" value={token} />
          </>
        ) : (
          <>
            <input type="hidden" name="method" value="code" />
            <TextField meta={fields.identifier} label={t("login.identifier")} autoComplete="username" />
            <TextField
              meta={fields.code}
              label={t("recovery.reset.code")}
              autoComplete="one-time-code"
              inputMode="numeric"
            />
          </>
        )}
        <NewPasswordFields
          password={fields.newPassword}
          confirm={fields.confirmPassword}
          labels={{ password: t("recovery.reset.new"), confirm: t("recovery.reset.confirm") }}
        />
        <button type="submit" className="btn-primary w-full" disabled={navigation.state === "submitting"}>
          {t("recovery.reset.submit")}
        </button>
      </Form>
      <p className="mt-4 text-center text-sm">
        <Link to="/forgot-password" className="link">
          {t("recovery.reset.again")}
        </Link>
      </p>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
