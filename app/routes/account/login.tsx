import { getFormProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useActionData, useNavigation, useSearchParams } from "@remix-run/react";
import { Form } from "~/components/form";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FormErrors, TextField } from "~/components/forms";
import { useSchemaForm } from "~/components/use-schema-form";
import { getLocale } from "~/i18n/i18n.server";
import { useT } from "~/i18n/use-t";
import { logIn } from "~/modules/users/auth.server";
import { knownAccounts, rememberDevice } from "~/modules/users/known-device.server";
import { getOptionalUser } from "~/modules/users/guards.server";
import { destroySession, readSessionId, serializeSessionCookie } from "~/modules/users/session.server";
import { LoginSchema } from "~/modules/users/users.schema";
import { replyInvalid, replyWithDomainError } from "~/utils/forms.server";
import { titleMeta } from "~/utils/meta";
import { requestMeta, safeRedirect } from "~/utils/request.server";
import { redirectWithToast } from "~/utils/toast.server";

export const meta: MetaFunction<typeof loader> = titleMeta("login.title");

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getOptionalUser(request)) throw redirect("/account");
  return { locale: await getLocale(request) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await request.formData();
  const submission = parseWithZod(formData, { schema: LoginSchema });
  if (submission.status !== "success") return replyInvalid(submission, ["password"]);
  try {
    const cookieHeader = request.headers.get("cookie");
    const { sessionId, user } = await logIn(submission.value, {
      ...requestMeta(request, context),
      knownAccountIds: await knownAccounts(cookieHeader),
    });
    // A login always opens a fresh session; one the browser already carried (stale or planted) ends.
    const previousSessionId = await readSessionId(cookieHeader);
    if (previousSessionId) await destroySession(previousSessionId);
    return redirectWithToast(
      safeRedirect(submission.value.redirectTo, "/account"),
      { message: "login.success" },
      {
        headers: [
          ["Set-Cookie", await serializeSessionCookie(sessionId)],
          ["Set-Cookie", await rememberDevice(cookieHeader, user.id)],
        ],
      },
    );
  } catch (error) {
    return replyWithDomainError(submission, error, await getLocale(request), ["password"]);
  }
}

export default function LoginPage() {
  const { t } = useT();
  const lastResult = useActionData<typeof action>();
  const navigation = useNavigation();
  const [searchParams] = useSearchParams();
  const [form, fields] = useSchemaForm({ id: "login", schema: LoginSchema, lastResult });
  return (
    <section className="mx-auto max-w-md">
      <h1 className="text-2xl font-bold">{t("login.title")}</h1>
      <Form method="post" {...getFormProps(form)} className="card mt-6 space-y-4">
        <FormErrors errors={form.errors} />
        <input type="hidden" name="redirectTo" value={searchParams.get("redirectTo") ?? ""} />
        <TextField meta={fields.identifier} label={t("login.identifier")} autoComplete="username" />
        <TextField
          meta={fields.password}
          label={t("login.password")}
          type="password"
          autoComplete="current-password"
        />
        <button type="submit" className="btn-primary w-full" disabled={navigation.state === "submitting"}>
          {navigation.state === "submitting" ? t("login.pending") : t("login.submit")}
        </button>
        <p className="text-center text-sm">
          <Link to="/forgot-password" className="link">
            {t("recovery.forgotLink")}
          </Link>
        </p>
        <p className="text-center text-sm">
          {t("login.noAccount")}{" "}
          <Link to="/register" className="link">
            {t("nav.register")}
          </Link>
        </p>
        <p className="text-center text-sm text-stone-600">{t("login.demoHint")}</p>
      </Form>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
