import { getFormProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useNavigation } from "@remix-run/react";
import { Form } from "~/components/form";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FormErrors, TextField } from "~/components/forms";
import { useSchemaForm } from "~/components/use-schema-form";
import { getLocale } from "~/i18n/i18n.server";
import { useT } from "~/i18n/use-t";
import { changePassword } from "~/modules/users/auth.server";
import { requireSession } from "~/modules/users/guards.server";
import { ChangePasswordSchema } from "~/modules/users/users.schema";
import { replyInvalid, replyWithDomainError } from "~/utils/forms.server";
import { titleMeta } from "~/utils/meta";
import { requestMeta } from "~/utils/request.server";
import { redirectWithToast } from "~/utils/toast.server";
import { NewPasswordFields } from "~/components/account/new-password-fields";

const SECRET_FIELDS = ["currentPassword", "newPassword", "confirmPassword"];

export const meta: MetaFunction<typeof loader> = titleMeta("password.title");

export async function loader({ request }: LoaderFunctionArgs) {
  await requireSession(request);
  return { locale: await getLocale(request) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { user, sessionId } = await requireSession(request);
  const submission = parseWithZod(await request.formData(), { schema: ChangePasswordSchema });
  if (submission.status !== "success") return replyInvalid(submission, SECRET_FIELDS);
  try {
    await changePassword(
      { userId: user.id, currentSessionId: sessionId, ...submission.value },
      requestMeta(request, context),
    );
    return redirectWithToast("/account", { message: "password.changed" });
  } catch (error) {
    return replyWithDomainError(submission, error, await getLocale(request), SECRET_FIELDS);
  }
}

export default function ChangePasswordPage() {
  const { t } = useT();
  const lastResult = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useSchemaForm({ id: "change-password", schema: ChangePasswordSchema, lastResult });
  return (
    <section className="mx-auto max-w-md">
      <h1 className="text-2xl font-bold">{t("password.title")}</h1>
      <Form method="post" {...getFormProps(form)} className="card mt-6 space-y-4">
        <FormErrors errors={form.errors} />
        <TextField
          meta={fields.currentPassword}
          label={t("password.current")}
          type="password"
          autoComplete="current-password"
        />
        <NewPasswordFields
          password={fields.newPassword}
          confirm={fields.confirmPassword}
          labels={{ password: t("password.new"), confirm: t("password.confirm") }}
        />
        <button type="submit" className="btn-primary w-full" disabled={navigation.state === "submitting"}>
          {t("password.submit")}
        </button>
      </Form>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
