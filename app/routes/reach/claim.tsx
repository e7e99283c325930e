import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorList, FormErrors, TextField } from "~/components/forms";
import { translate } from "~/i18n/i18n";
import { getLocale } from "~/i18n/i18n.server";
import { useT } from "~/i18n/use-t";
import { checkClaimCode, claimNeed } from "~/modules/reach/informants.server";
import { ClaimAndRegisterSchema, ClaimSchema } from "~/modules/reach/reach.schema";
import { registerUser } from "~/modules/users/auth.server";
import { getOptionalUser } from "~/modules/users/guards.server";
import { getSessionUser, serializeSessionCookie } from "~/modules/users/session.server";
import { DomainError, isDomainError } from "~/utils/errors";
import { replyInvalid, replyWithDomainError } from "~/utils/forms.server";
import { requestMeta } from "~/utils/request.server";
import { redirectWithToast } from "~/utils/toast.server";

const SECRET_FIELDS = ["password", "confirmPassword", "code"];

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  {
    title: data
      ? `${translate(data.locale, "reach.claim.title")} · ${translate(data.locale, "app.name")}`
      : "XiangKe",
  },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getOptionalUser(request);
  return { loggedIn: Boolean(user), phone: user?.phone ?? "", locale: await getLocale(request) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await getOptionalUser(request);
  const locale = await getLocale(request);
  const meta = requestMeta(request, context);
  const formData = await request.formData();
  if (user) {
    const submission = parseWithZod(formData, { schema: ClaimSchema });
    if (submission.status !== "success") return replyInvalid(submission, SECRET_FIELDS);
    try {
      const needId = await claimNeed({
        user,
        phone: submission.value.phone,
        code: submission.value.code,
        confirm: Boolean(submission.value.confirm),
        meta,
      });
      return redirectWithToast(`/needs/${needId}`, { message: "reach.claim.done" });
    } catch (error) {
      return replyWithDomainError(submission, error, locale, SECRET_FIELDS);
    }
  }
  const submission = parseWithZod(formData, { schema: ClaimAndRegisterSchema });
  if (submission.status !== "success") return replyInvalid(submission, SECRET_FIELDS);
  const { phone, code, displayName, password, confirmPassword } = submission.value;
  try {
    // The code is checked (and throttled) before an account is made for the number.
    await checkClaimCode(phone, code, meta);
    const registered = await registerUser(
      { identifier: { kind: "phone", value: phone }, displayName, password, confirmPassword, role: "FARMER" },
      meta,
    ).catch((error: unknown) => {
      if (isDomainError(error) && error.code === "auth.identifier_taken")
        throw new DomainError("reach.claim_phone_registered");
      throw error;
    });
    const farmer = await getSessionUser(registered.sessionId);
    const needId = await claimNeed({ user: farmer!, phone, code, confirm: true, meta });
    return redirectWithToast(
      `/needs/${needId}`,
      { message: "reach.claim.done" },
      { headers: [["Set-Cookie", await serializeSessionCookie(registered.sessionId)]] },
    );
  } catch (error) {
    return replyWithDomainError(submission, error, locale, SECRET_FIELDS);
  }
}

export default function ClaimPage() {
  const { loggedIn, phone } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { t } = useT();
  const [form, fields] = useForm<{
    phone: string;
    code: string;
    confirm: string;
    displayName: string;
    password: string;
    confirmPassword: string;
  }>({
    id: "claim",
    lastResult,
    defaultValue: { phone },
    shouldValidate: "onSubmit",
  });
  return (
    <section className="mx-auto max-w-md space-y-4">
      <h1 className="text-2xl font-bold">{t("reach.claim.title")}</h1>
      <p className="text-stone-700">{t("reach.claim.intro")}</p>
      <Form method="post" {...getFormProps(form)} className="card space-y-4">
        <FormErrors errors={form.errors} />
        <TextField
          meta={fields.phone}
          label={t("reach.field.farmerPhone")}
          type="tel"
          inputMode="tel"
          autoComplete="tel"
        />
        <TextField
          meta={fields.code}
          label={t("reach.field.claimCode")}
          inputMode="decimal"
          autoComplete="one-time-code"
        />
        {loggedIn ? (
          <div>
            <label className="flex min-h-11 items-center gap-2">
              <input type="checkbox" name="confirm" className="h-5 w-5 accent-brand-700" />
              {t("reach.claim.confirm")}
            </label>
            <ErrorList errors={fields.confirm.errors} />
          </div>
        ) : (
          <fieldset className="space-y-4 rounded-lg border border-stone-200 bg-stone-50 p-3">
            <legend className="float-left mb-1 w-full text-sm text-stone-700">
              {t("reach.claim.registerIntro")}
            </legend>
            <TextField meta={fields.displayName} label={t("register.displayName")} autoComplete="name" />
            <TextField
              meta={fields.password}
              label={t("register.password")}
              hint={t("register.passwordHint")}
              type="password"
              autoComplete="new-password"
            />
            <TextField
              meta={fields.confirmPassword}
              label={t("register.confirmPassword")}
              type="password"
              autoComplete="new-password"
            />
          </fieldset>
        )}
        <button type="submit" className="btn-primary w-full">
          {t("reach.claim.submit")}
        </button>
        {!loggedIn ? (
          <p className="text-center text-sm">
            <Link to="/login?redirectTo=/claim" className="link">
              {t("reach.claim.loginLink")}
            </Link>
          </p>
        ) : null}
      </Form>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
