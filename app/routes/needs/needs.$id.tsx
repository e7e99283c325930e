import { parseWithZod } from "@conform-to/zod/v4";
import { wantsReveal } from "~/modules/privacy/contact-reveal.server";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { deferred } from "~/components/deferred";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { NeedApplySection } from "~/components/needs/need-apply-section";
import { NeedDetails, NeedStatusNotices } from "~/components/needs/need-details";
import { NeedReachPanel } from "~/components/reach/need-reach-panel";
import { getLocale } from "~/i18n/i18n.server";
import { translate } from "~/i18n/i18n";
import { useT } from "~/i18n/use-t";
import { z } from "zod";
import { applyToNeed, withdrawApplication } from "~/modules/applications/applications.server";
import { needPageData } from "~/modules/applications/need-page.server";
import { NeedPageActionSchema } from "~/modules/needs/needs.page.server";
import { closeNeed, publishNeed, setNeedHidden } from "~/modules/needs/needs.server";
import { getOptionalUser, requireUser } from "~/modules/users/guards.server";
import { domainErrorResponse } from "~/utils/errors";
import { replyWithDomainError } from "~/utils/forms.server";
import { requestMeta } from "~/utils/request.server";
import { redirectWithToast } from "~/utils/toast.server";

// What only the need's organisation and the bureau see loads for them alone.
const NeedOwnerActions = deferred(() =>
  import("~/components/needs/need-management").then((module) => module.NeedOwnerActions),
);
const NeedModeration = deferred(() =>
  import("~/components/needs/need-management").then((module) => module.NeedModeration),
);
const NeedRecommendations = deferred(() =>
  import("~/components/search/recommendations").then((module) => module.NeedRecommendations),
);

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.need.title} · ${translate(data.locale, "app.name")}` : "XiangKe" },
  { name: "description", content: data?.need.description.slice(0, 120) ?? "" },
];

const ParamsSchema = z.object({ id: z.string().min(1) });

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { id: needId } = ParamsSchema.parse(params);
  const viewer = await getOptionalUser(request);
  const locale = await getLocale(request);
  try {
    const reveal = { reveal: wantsReveal(request), ip: context.clientIp };
    return { ...(await needPageData({ viewer, needId, reveal })), locale };
  } catch (error) {
    throw domainErrorResponse(error);
  }
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const locale = await getLocale(request);
  const submission = parseWithZod(await request.formData(), { schema: NeedPageActionSchema });
  const intent = submission.payload.intent;
  if (submission.status !== "success") return data({ intent, reply: submission.reply() }, { status: 400 });
  const needId = params.id!;
  const meta = requestMeta(request, context);
  const value = submission.value;
  try {
    switch (value.intent) {
      case "publish":
        await publishNeed({ actor: user, needId, meta });
        return redirectWithToast(`/needs/${needId}`, { message: "needs.published" });
      case "close":
        await closeNeed({ actor: user, needId, meta });
        return redirectWithToast(`/needs/${needId}`, { message: "needs.closed" });
      case "hide":
      case "unhide":
        await setNeedHidden({
          actor: user,
          needId,
          hidden: value.intent === "hide",
          reason: value.intent === "hide" ? value.reason : undefined,
          meta,
        });
        return redirectWithToast(`/needs/${needId}`, {
          message: value.intent === "hide" ? "needs.hidden" : "needs.unhidden",
        });
      case "apply":
        await applyToNeed({ actor: user, needId, application: value, meta });
        return redirectWithToast(`/needs/${needId}`, { message: "applications.submitted" });
      case "withdraw":
        await withdrawApplication({ actor: user, applicationId: value.applicationId, meta });
        return redirectWithToast(`/needs/${needId}`, { message: "applications.withdrawn" });
    }
  } catch (error) {
    const refused = replyWithDomainError(submission, error, locale);
    return data({ intent, reply: refused.data }, { status: refused.init?.status ?? 400 });
  }
}

export default function NeedPage() {
  const {
    reach,
    need,
    manages,
    moderates,
    isExpert,
    ownApplication,
    invited,
    revisions,
    recommendations,
    brandLink,
    startsBrand,
    loggedIn,
  } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useT();
  const reply = (intent: string) => (actionData?.intent === intent ? actionData.reply : undefined);
  const otherError =
    actionData && actionData.intent !== "apply" && actionData.intent !== "hide"
      ? actionData.reply.error?.[""]
      : undefined;
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <NeedStatusNotices need={need} />
      {otherError ? (
        <p role="alert" className="rounded-lg border-l-4 border-red-600 bg-red-50 px-4 py-3 text-red-800">
          {otherError.join(" ")}
        </p>
      ) : null}
      <NeedDetails need={need} />
      <NeedReachPanel poverty={reach.poverty} proxy={reach.proxy} />
      {need.invitationOnly ? (
        <p className="rounded-lg bg-amber-50 px-4 py-3 text-amber-900">{t("negotiation.invitationOnly")}</p>
      ) : null}
      {brandLink ? (
        <Link to={brandLink} className={startsBrand ? "btn-primary" : "link"}>
          {t(startsBrand ? "creative.startBrand" : "creative.viewBrand")}
        </Link>
      ) : null}

      {manages ? <NeedOwnerActions need={need} /> : null}

      {recommendations ? (
        <NeedRecommendations experts={recommendations.experts} offers={recommendations.offers} />
      ) : null}

      <NeedApplySection
        need={need}
        ownApplication={ownApplication}
        revisions={revisions}
        isExpert={isExpert}
        invited={invited}
        loggedIn={loggedIn}
        lastResult={reply("apply")}
      />

      {moderates ? <NeedModeration hidden={Boolean(need.hiddenAt)} reply={reply("hide")} /> : null}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
