import { getFormProps, type SubmissionResult } from "@conform-to/react";
import { useForm } from "~/utils/use-form";
import { Link } from "@remix-run/react";
import { Form } from "~/components/form";
import { ErrorList, FormErrors, TextField } from "~/components/forms";
import { useT } from "~/i18n/use-t";
import { NewPasswordFields } from "~/components/account/new-password-fields";

/**
 * Claiming a need posted for a farmer by an informant: the number and the code sent to it, then
 * either a confirmation (when logged in) or what a new account needs.
 */
export function ClaimForm({
  loggedIn,
  phone,
  lastResult,
}: {
  loggedIn: boolean;
  phone: string;
  lastResult?: SubmissionResult<string[]>;
}) {
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
  });
  return (
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
          <NewPasswordFields
            password={fields.password}
            confirm={fields.confirmPassword}
            labels={{ password: t("register.password"), confirm: t("register.confirmPassword") }}
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
  );
}
