import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { ConsentPrompt } from "~/components/privacy/consent-prompt";
import { hasConsent } from "~/modules/privacy/consents.server";
import { data } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { NeedForm } from "~/components/needs/need-form";
import { translate } from "~/i18n/i18n";
import { getLocale } from "~/i18n/i18n.server";
import { useT } from "~/i18n/use-t";
import { fieldsOf } from "~/modules/needs/needs.forms.server";
import { getActiveInformant, postForFarmer } from "~/modules/reach/informants.server";
import { readProxyNeedForm } from "~/modules/reach/reach.forms.server";
import { requireUser } from "~/modules/users/guards.server";
import { replyInvalid, replyWithDomainError } from "~/utils/forms.server";
import { requestMeta } from "~/utils/request.server";
import { FarmerConsentFields } from "~/components/reach/reach-sections";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  {
    title: data
      ? `${translate(data.locale, "reach.new.title")} · ${translate(data.locale, "app.name")}`
      : "XiangKe",
  },
];

async function requireInformant(request: Request) {
  const user = await requireUser(request);
  const informant = await getActiveInformant(user.id);
  if (!informant) throw new Response("Forbidden", { status: 403 });
  return { user, informant };
}

export async function loader({ request }: LoaderFunctionArgs) {
  const { user, informant } = await requireInformant(request);
  return {
    countyCode: informant.countyCode,
    village: informant.villages[0],
    voiceConsent: await hasConsent(user.id, "VOICE"),
    locale: await getLocale(request),
  };
}

// With JavaScript, files go out shrunk, with a progress bar and 重试 after a drop.
export { uploadingClientAction as clientAction } from "~/utils/upload-submit";

export async function action({ request, context }: ActionFunctionArgs) {
  const { user } = await requireInformant(request);
  const locale = await getLocale(request);
  const read = await readProxyNeedForm(request, locale);
  if (read.refused) return read.refused;
  const { submission } = read;
  if (submission.status !== "success") return replyInvalid(submission);
  const {
    farmerName,
    farmerPhone,
    consentMethod,
    consentNote,
    voiceNote,
    consentConfirmed: _confirmed,
    ...need
  } = submission.value;
  try {
    const done = await postForFarmer(user, {
      fields: fieldsOf(need),
      photos: need.photos,
      voiceNote,
      farmerName,
      farmerPhone,
      consentMethod,
      consentNote,
      meta: requestMeta(request, context),
    });
    // Not a redirect: the claim code is shown on this one response and kept nowhere else.
    return data({ done });
  } catch (error) {
    return replyWithDomainError(submission, error, locale);
  }
}

export default function PostForFarmerPage() {
  const { countyCode, village, voiceConsent } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useT();
  if (actionData && "done" in actionData) {
    const { needId, claimCode } = actionData.done;
    return (
      <section className="mx-auto max-w-md space-y-4">
        <h1 className="text-2xl font-bold">{t("reach.done.title")}</h1>
        <div className="card space-y-2 text-center">
          <p className="text-stone-700">{t("reach.done.code")}</p>
          <p className="font-mono text-4xl font-bold tracking-widest text-brand-800" data-testid="claim-code">
            {claimCode}
          </p>
          <p className="text-sm text-stone-700">{t("reach.done.codeHint")}</p>
        </div>
        <div className="flex flex-wrap gap-3">
          <Link to={`/needs/${needId}`} className="btn-primary flex-1">
            {t("reach.done.view")}
          </Link>
          <Link to="/informant/new" reloadDocument className="btn-secondary flex-1">
            {t("reach.done.another")}
          </Link>
        </div>
      </section>
    );
  }
  const lastResult = actionData && !("done" in actionData) ? actionData : undefined;
  return (
    <section className="mx-auto max-w-2xl space-y-4">
      <h1 className="text-2xl font-bold">{t("reach.new.title")}</h1>
      <p className="text-stone-700">{t("reach.new.intro")}</p>
      {voiceConsent ? null : <ConsentPrompt purpose="VOICE" returnTo="/informant/new" />}
      <NeedForm
        lastResult={lastResult}
        organisations={[]}
        canPublish
        defaults={{ countyCode, village, urgency: "NORMAL", kind: "TECHNICAL" }}
        extra={<FarmerConsentFields lastResult={lastResult} />}
        submitLabel={t("reach.submit")}
      />
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
