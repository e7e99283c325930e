import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FormErrors, SelectField, TextAreaField, TextField } from "~/components/forms";
import { VerifiedBadge } from "~/components/verified-badge";
import { getLocale } from "~/i18n/i18n.server";
import { translate } from "~/i18n/i18n";
import { useT } from "~/i18n/use-t";
import { OrganisationProfileSchema } from "~/modules/profiles/profiles.schema";
import { getOrganisationForEdit, updateOrganisationProfile } from "~/modules/profiles/profiles.server";
import { COUNTIES, localName } from "~/modules/reference/reference";
import { requireUser } from "~/modules/users/guards.server";
import { domainErrorResponse } from "~/utils/errors";
import { replyInvalid, replyWithDomainError } from "~/utils/forms.server";
import { requestMeta } from "~/utils/request.server";
import { redirectWithToast } from "~/utils/toast.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  {
    title: data
      ? `${translate(data.locale, "profiles.editOrgTitle")} · ${data.organisation.name}`
      : "XiangKe",
  },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const [organisation, locale] = await Promise.all([
    getOrganisationForEdit(user, params.id ?? "").catch((error: unknown) => {
      throw domainErrorResponse(error);
    }),
    getLocale(request),
  ]);
  return { organisation, locale };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const organisationId = params.id ?? "";
  // A non-member is refused before anything they sent is read.
  if (!user.memberships.some((m) => m.organisationId === organisationId))
    throw new Response("Forbidden", { status: 403 });
  const submission = parseWithZod(await request.formData(), { schema: OrganisationProfileSchema });
  if (submission.status !== "success") return replyInvalid(submission);
  try {
    await updateOrganisationProfile({
      actor: user,
      organisationId,
      fields: submission.value,
      meta: requestMeta(request, context),
    });
    return redirectWithToast(`/orgs/${organisationId}`, { message: "profiles.toast.saved" });
  } catch (error) {
    return replyWithDomainError(submission, error, await getLocale(request));
  }
}

export default function EditOrganisationPage() {
  const { organisation } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t, locale } = useT();
  const [form, fields] = useForm({
    id: "organisation-profile",
    lastResult,
    defaultValue: {
      nameEn: organisation.nameEn ?? undefined,
      description: organisation.description,
      mainProducts: organisation.mainProducts.join("\n"),
      countyCode: organisation.countyCode ?? undefined,
      village: organisation.village ?? undefined,
      address: organisation.address ?? undefined,
      contactPhone: organisation.contactPhone ?? undefined,
      contactEmail: organisation.contactEmail ?? undefined,
    },
    constraint: getZodConstraint(OrganisationProfileSchema),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: OrganisationProfileSchema }),
  });
  const optional = (label: string) => `${label} (${t("form.optional")})`;
  return (
    <section className="mx-auto max-w-2xl">
      <h1 className="text-2xl font-bold">{t("profiles.editOrgTitle")}</h1>
      <p className="mt-2 flex flex-wrap items-center gap-2 text-lg">
        <span>{organisation.name}</span>
        <VerifiedBadge verified={Boolean(organisation.verifiedAt)} />
      </p>
      <p className="mt-1 text-sm text-stone-600">{t("profiles.orgNameLocked")}</p>
      <div className="mt-2 flex flex-wrap gap-3">
        <Link to={`/orgs/${organisation.id}`} className="link">
          {t("profiles.viewPage")}
        </Link>
        {!organisation.verifiedAt ? (
          <Link to={`/account/verification?org=${organisation.id}`} className="link">
            {t("profiles.verify")}
          </Link>
        ) : null}
      </div>
      <Form method="post" {...getFormProps(form)} className="card mt-6 space-y-4">
        <FormErrors errors={form.errors} />
        <TextField meta={fields.nameEn} label={optional(t("profiles.nameEn"))} />
        <TextAreaField meta={fields.description} label={optional(t("profiles.description"))} />
        <TextAreaField
          meta={fields.mainProducts}
          label={optional(t("profiles.mainProducts"))}
          hint={t("profiles.mainProductsHint")}
          rows={4}
        />
        <SelectField
          meta={fields.countyCode}
          label={optional(t("profiles.county"))}
          options={COUNTIES.map((county) => ({ value: county.code, label: localName(county, locale) }))}
          placeholder={t("register.countyNone")}
        />
        <TextField meta={fields.village} label={optional(t("profiles.village"))} />
        <fieldset className="space-y-4 rounded-lg border border-stone-200 bg-stone-50 p-3">
          <legend className="float-left mb-1 w-full text-sm text-stone-700">
            {t("profiles.contactSection")}
          </legend>
          <TextField
            meta={fields.contactPhone}
            label={optional(t("profiles.phone"))}
            hint={t("profiles.phoneHint")}
            type="tel"
            inputMode="tel"
            autoComplete="tel"
          />
          <TextField
            meta={fields.contactEmail}
            label={optional(t("profiles.email"))}
            type="email"
            autoComplete="email"
          />
          <TextField
            meta={fields.address}
            label={optional(t("profiles.address"))}
            autoComplete="street-address"
          />
        </fieldset>
        <button type="submit" className="btn-primary w-full" disabled={navigation.state === "submitting"}>
          {navigation.state === "submitting" ? t("profiles.saving") : t("profiles.save")}
        </button>
      </Form>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
