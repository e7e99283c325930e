import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FormErrors, TextAreaField, TextField } from "~/components/forms";
import { getLocale } from "~/i18n/i18n.server";
import { translate, type MessageKey } from "~/i18n/i18n";
import { useT } from "~/i18n/use-t";
import { requireUser } from "~/modules/users/guards.server";
import { SubmitVerificationSchema } from "~/modules/verification/verification.schema";
import {
  getMyVerificationOverview,
  submitOrganisationVerification,
  submitPersonVerification,
} from "~/modules/verification/verification.server";
import { replyInvalid, replyWithDomainError } from "~/utils/forms.server";
import { requestMeta } from "~/utils/request.server";
import { redirectWithToast } from "~/utils/toast.server";
import { StartLink, StatusLine, canSubmit } from "~/components/verification/verification-views";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  {
    title: data
      ? `${translate(data.locale, "verification.title")} · ${translate(data.locale, "app.name")}`
      : "XiangKe",
  },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const [overview, locale] = await Promise.all([getMyVerificationOverview(user), getLocale(request)]);
  // Which form is open comes from the URL, so the page works without JavaScript.
  const search = new URL(request.url).searchParams;
  const organisation = overview.organisations.find(
    (candidate) => candidate.id === search.get("org") && canSubmit(candidate.status),
  );
  const form = organisation
    ? ({ intent: "organisation", organisationId: organisation.id, name: organisation.name } as const)
    : search.get("person") === "1" && canSubmit(overview.person)
      ? ({ intent: "person" } as const)
      : null;
  return { ...overview, form, locale };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const formData = await request.formData();
  // Whether the expert-only fields are required follows the account, not a field anyone can edit.
  formData.delete("expert");
  if (user.primaryRole === "EXPERT") formData.set("expert", "1");
  const submission = parseWithZod(formData, { schema: SubmitVerificationSchema });
  if (submission.status !== "success") return replyInvalid(submission);
  const { value } = submission;
  const meta = requestMeta(request, context);
  try {
    if (value.intent === "organisation")
      await submitOrganisationVerification({ actor: user, details: value, meta });
    else await submitPersonVerification({ actor: user, details: value, meta });
    return redirectWithToast("/account/verification", { message: "verification.submitted" });
  } catch (error) {
    return replyWithDomainError(submission, error, await getLocale(request));
  }
}

export default function VerificationPage() {
  const { person, isExpert, organisations, form: open } = useLoaderData<typeof loader>();
  const { t } = useT();
  if (open) return <SubmitForm open={open} isExpert={isExpert} />;
  return (
    <div className="mx-auto max-w-2xl space-y-4">
      <h1 className="text-2xl font-bold">{t("verification.title")}</h1>
      <p className="text-stone-700">{t("verification.intro")}</p>
      {person ? (
        <section className="card" aria-labelledby="person">
          <h2 id="person" className="mb-2 text-lg font-semibold">
            {t("verification.person")}
          </h2>
          <StatusLine status={person} />
          <StartLink status={person} to="?person=1" />
        </section>
      ) : null}
      <section className="card" aria-labelledby="organisations">
        <h2 id="organisations" className="text-lg font-semibold">
          {t("verification.organisations")}
        </h2>
        {organisations.length === 0 ? (
          <p className="mt-2 text-stone-600">{t("verification.noOrganisations")}</p>
        ) : null}
        <ul className="mt-2 divide-y divide-stone-200">
          {organisations.map((organisation) => (
            <li key={organisation.id} className="py-3">
              <p className="mb-1 font-medium">
                {organisation.name}{" "}
                <span className="text-sm font-normal text-stone-600">
                  {t(`orgType.${organisation.type}` as MessageKey)}
                </span>
              </p>
              <StatusLine status={organisation.status} />
              <StartLink status={organisation.status} to={`?org=${organisation.id}`} />
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}

type Open = { intent: "organisation"; organisationId: string; name: string } | { intent: "person" };

function SubmitForm({ open, isExpert }: { open: Open; isExpert: boolean }) {
  const lastResult = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t } = useT();
  const [form, fields] = useForm({
    id: `verification-${open.intent}`,
    lastResult,
    defaultValue:
      open.intent === "organisation"
        ? { intent: open.intent, organisationId: open.organisationId }
        : { intent: open.intent },
    constraint: getZodConstraint(SubmitVerificationSchema),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => {
      if (isExpert) formData.set("expert", "1");
      return parseWithZod(formData, { schema: SubmitVerificationSchema });
    },
  });
  return (
    <section className="mx-auto max-w-md">
      <h1 className="text-2xl font-bold">
        {open.intent === "organisation"
          ? t("verification.formTitleOrg", { name: open.name })
          : t("verification.formTitlePerson")}
      </h1>
      <Link to="/account/verification" className="link mt-2 inline-block">
        {t("verification.back")}
      </Link>
      <Form method="post" {...getFormProps(form)} className="card mt-4 space-y-4">
        <FormErrors errors={form.errors} />
        <input {...getInputProps(fields.intent, { type: "hidden" })} />
        {open.intent === "organisation" ? (
          <>
            <input {...getInputProps(fields.organisationId, { type: "hidden" })} />
            <TextField
              meta={fields.creditCode}
              label={t("verification.creditCode")}
              hint={t("verification.creditCodeHint")}
              autoComplete="off"
            />
            <TextField meta={fields.legalRepresentative} label={t("verification.legalRepresentative")} />
            <TextField
              meta={fields.contactPerson}
              label={t("verification.contactPerson")}
              autoComplete="name"
            />
            <TextField
              meta={fields.contactPhone}
              label={t("verification.contactPhone")}
              type="tel"
              inputMode="tel"
              autoComplete="tel"
            />
          </>
        ) : (
          <>
            <TextField meta={fields.realName} label={t("verification.realName")} autoComplete="name" />
            <TextField
              meta={fields.idNumber}
              label={t("verification.idNumber")}
              hint={t("verification.idNumberHint")}
              autoComplete="off"
            />
            {isExpert ? (
              <>
                <TextField meta={fields.title} label={t("verification.expertTitle")} />
                <TextField
                  meta={fields.employer}
                  label={t("verification.employer")}
                  autoComplete="organization"
                />
              </>
            ) : null}
          </>
        )}
        <TextAreaField
          meta={fields.statement}
          label={t("verification.statement")}
          hint={t("verification.statementHint")}
          rows={4}
        />
        <button type="submit" className="btn-primary w-full" disabled={navigation.state === "submitting"}>
          {navigation.state === "submitting" ? t("verification.pending") : t("verification.submit")}
        </button>
      </Form>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
