import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { getLocale } from "~/i18n/i18n.server";
import { translate } from "~/i18n/i18n";
import { useT } from "~/i18n/use-t";
import { getAgreement } from "~/modules/agreements/agreements.queries.server";
import { TermsFormSchema, termsFormDefaults } from "~/modules/agreements/agreements.schema";
import { updateDraftTerms } from "~/modules/agreements/agreements.server";
import { requireUser } from "~/modules/users/guards.server";
import { domainErrorResponse } from "~/utils/errors";
import { replyInvalid, replyWithDomainError } from "~/utils/forms.server";
import { requestMeta } from "~/utils/request.server";
import { redirectWithToast } from "~/utils/toast.server";
import { TermsForm } from "./+agreement-terms-form";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${translate(data.locale, "agreements.editTitle")} · ${data.title}` : "XiangKe" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const page = await getAgreement(params.id ?? "", user).catch((error: unknown) => {
    throw domainErrorResponse(error);
  });
  // Only a draft is edited; anything else is read on the agreement's page.
  if (!page.can.edit || !page.pending) throw redirect(`/agreements/${page.agreement.id}`);
  return {
    locale: await getLocale(request),
    id: page.agreement.id,
    number: page.agreement.number,
    title: page.agreement.title,
    version: page.pending.version,
    defaults: termsFormDefaults(page.pending.terms),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const id = params.id ?? "";
  const submission = parseWithZod(await request.formData(), { schema: TermsFormSchema });
  // An add or remove button (conform's intent): the same form back with the list changed.
  if (submission.status === undefined) return data(submission.reply(), { status: 200 });
  if (submission.status !== "success") return replyInvalid(submission);
  try {
    await updateDraftTerms(user, id, submission.value, requestMeta(request, context));
    return redirectWithToast(`/agreements/${id}`, { message: "agreements.toast.saved" });
  } catch (error) {
    return replyWithDomainError(submission, error, await getLocale(request));
  }
}

export default function EditAgreementPage() {
  const { id, number, title, version, defaults } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { t } = useT();
  return (
    <section className="mx-auto max-w-2xl space-y-4">
      <p className="text-sm text-stone-600">
        <Link to={`/agreements/${id}`} className="link">
          {title}
        </Link>{" "}
        · {t("agreements.number", { number })} · {t("agreements.versionLabel", { version })}
      </p>
      <h1 className="text-2xl font-bold">{t("agreements.editTitle")}</h1>
      <p className="text-stone-700">{t("agreements.editIntro")}</p>
      <TermsForm defaults={defaults} lastResult={lastResult} />
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
