import { parseWithZod } from "@conform-to/zod/v4";
import { ConsentPrompt } from "~/components/privacy/consent-prompt";
import { hasConsent } from "~/modules/privacy/consents.server";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { getLocale } from "~/i18n/i18n.server";
import { translate } from "~/i18n/i18n";
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
import { VerificationForm } from "~/components/verification/verification-form";
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
  const idConsent = form?.intent === "person" ? await hasConsent(user.id, "ID_NUMBER") : true;
  return { ...overview, form, idConsent, locale };
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
  const { person, isExpert, organisations, form: open, idConsent } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { t } = useT();
  if (open && !idConsent)
    return (
      <section className="mx-auto max-w-md">
        <ConsentPrompt purpose="ID_NUMBER" returnTo="/account/verification?person=1" />
      </section>
    );
  if (open) return <VerificationForm open={open} isExpert={isExpert} lastResult={lastResult} />;
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
                  {t(`orgType.${organisation.type}`)}
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

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
