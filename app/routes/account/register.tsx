import { getFormProps } from "@conform-to/react";
import { useForm } from "~/utils/use-form";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useActionData, useNavigation } from "@remix-run/react";
import { Form } from "~/components/form";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { CheckboxField, FormErrors, SelectField, TextField } from "~/components/forms";
import { getLocale } from "~/i18n/i18n.server";
import { translate } from "~/i18n/i18n";
import { useT } from "~/i18n/use-t";
import { COUNTIES, localName } from "~/modules/reference/reference";
import { registerUser } from "~/modules/users/auth.server";
import { getOptionalUser } from "~/modules/users/guards.server";
import { ORGANISATION_TYPES_BY_ROLE, SELF_REGISTER_ROLES, isOrganisationRole } from "~/modules/users/roles";
import { serializeSessionCookie } from "~/modules/users/session.server";
import { replyInvalid, replyWithDomainError } from "~/utils/forms.server";
import { requestMeta } from "~/utils/request.server";
import { redirectWithToast } from "~/utils/toast.server";
import { NewPasswordFields } from "~/components/account/new-password-fields";
import { recordNoticeConsent } from "~/modules/privacy/consents.server";
import { RegisterWithConsentSchema } from "~/modules/privacy/privacy.schema";

const SECRET_FIELDS = ["password", "confirmPassword"];

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  {
    title: data
      ? `${translate(data.locale, "register.title")} · ${translate(data.locale, "app.name")}`
      : "XiangKe",
  },
];

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getOptionalUser(request)) throw redirect("/account");
  return { locale: await getLocale(request) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await request.formData();
  const submission = parseWithZod(formData, { schema: RegisterWithConsentSchema });
  if (submission.status !== "success") return replyInvalid(submission, SECRET_FIELDS);
  try {
    const meta = requestMeta(request, context);
    const { sessionId } = await registerUser(submission.value, meta, (tx, userId) =>
      recordNoticeConsent(userId, meta.ip, tx),
    );
    return redirectWithToast(
      "/account",
      { message: "register.success" },
      { headers: [["Set-Cookie", await serializeSessionCookie(sessionId)]] },
    );
  } catch (error) {
    return replyWithDomainError(submission, error, await getLocale(request), SECRET_FIELDS);
  }
}

export default function RegisterPage() {
  const { t, locale } = useT();
  const lastResult = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: "register",
    lastResult,
    constraint: getZodConstraint(RegisterWithConsentSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: RegisterWithConsentSchema }),
  });
  const role = fields.role.value;
  const showOrganisation = !role || isOrganisationRole(role);
  const organisationTypes =
    role && isOrganisationRole(role)
      ? ORGANISATION_TYPES_BY_ROLE[role]
      : [
          ...ORGANISATION_TYPES_BY_ROLE.VILLAGE,
          ...ORGANISATION_TYPES_BY_ROLE.INSTITUTION,
          ...ORGANISATION_TYPES_BY_ROLE.SPACE,
        ];

  return (
    <section className="mx-auto max-w-md">
      <h1 className="text-2xl font-bold">{t("register.title")}</h1>
      <p className="mt-2 text-stone-700">{t("register.intro")}</p>
      <Form method="post" {...getFormProps(form)} className="card mt-6 space-y-4">
        <FormErrors errors={form.errors} />
        <SelectField
          meta={fields.role}
          label={t("register.role")}
          options={SELF_REGISTER_ROLES.map((value) => ({ value, label: t(`role.${value}`) }))}
          placeholder={t("register.countyNone")}
        />
        <TextField
          meta={fields.identifier}
          label={t("register.identifier")}
          hint={t("register.identifierHint")}
          autoComplete="username"
        />
        <TextField meta={fields.displayName} label={t("register.displayName")} autoComplete="name" />
        <NewPasswordFields
          password={fields.password}
          confirm={fields.confirmPassword}
          labels={{ password: t("register.password"), confirm: t("register.confirmPassword") }}
        />
        <SelectField
          meta={fields.countyCode}
          label={`${t("register.county")} (${t("form.optional")})`}
          options={COUNTIES.map((county) => ({ value: county.code, label: localName(county, locale) }))}
          placeholder={t("register.countyNone")}
        />
        {showOrganisation ? (
          <fieldset className="space-y-4 rounded-lg border border-stone-200 bg-stone-50 p-3">
            <legend className="float-left mb-1 w-full text-sm text-stone-700">
              {t("register.organisationSection")}
            </legend>
            <TextField
              meta={fields.organisationName}
              label={t("register.organisationName")}
              autoComplete="organization"
            />
            <SelectField
              meta={fields.organisationType}
              label={t("register.organisationType")}
              options={organisationTypes.map((value) => ({
                value,
                label: t(`orgType.${value}`),
              }))}
              placeholder={t("register.countyNone")}
            />
          </fieldset>
        ) : null}
        <CheckboxField
          meta={fields.consent}
          label={t("privacy.registerConsent")}
          required
          after={
            <Link to="/privacy" className="link text-sm" target="_blank">
              {t("privacy.registerConsentLink")}
            </Link>
          }
        />
        <button type="submit" className="btn-primary w-full" disabled={navigation.state === "submitting"}>
          {navigation.state === "submitting" ? t("register.pending") : t("register.submit")}
        </button>
        <p className="text-center text-sm">
          {t("register.haveAccount")}{" "}
          <Link to="/login" className="link">
            {t("nav.login")}
          </Link>
        </p>
      </Form>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
