import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ApplyForm } from "~/components/needs/apply-form";
import { NeedDetails } from "~/components/needs/need-details";
import { NeedModeration, NeedOwnerActions } from "~/components/needs/need-management";
import { OwnApplication } from "~/components/needs/own-application";
import { needReachView } from "~/modules/reach/reach-view.server";
import { NeedReachPanel } from "~/components/reach/reach-sections";
import { NeedRecommendations } from "~/components/search/recommendations";
import { getLocale } from "~/i18n/i18n.server";
import { translate } from "~/i18n/i18n";
import { useT } from "~/i18n/use-t";
import {
  applyToNeed,
  getOwnApplication,
  withdrawApplication,
} from "~/modules/applications/applications.server";
import { brandProjectOfNeed, mayStartBrand } from "~/modules/creative/brands.server";
import { recommendForNeed } from "~/modules/matching/matching.server";
import { isInvitedToApply } from "~/modules/negotiation/invitations.server";
import { listRevisions } from "~/modules/negotiation/revisions.server";
import { NeedPageActionSchema } from "~/modules/needs/needs.page.server";
import { getNeedForViewer } from "~/modules/needs/needs.queries.server";
import { closeNeed, publishNeed, setNeedHidden } from "~/modules/needs/needs.server";
import { getOptionalUser, requireUser } from "~/modules/users/guards.server";
import { can } from "~/modules/users/permissions";
import { domainErrorResponse } from "~/utils/errors";
import { replyWithDomainError } from "~/utils/forms.server";
import { requestMeta } from "~/utils/request.server";
import { redirectWithToast } from "~/utils/toast.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.need.title} · ${translate(data.locale, "app.name")}` : "XiangKe" },
  { name: "description", content: data?.need.description.slice(0, 120) ?? "" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await getOptionalUser(request);
  const locale = await getLocale(request);
  try {
    const { need, manages, moderates } = await getNeedForViewer(params.id!, viewer);
    const isExpert = can(viewer, "application.submit") && !manages;
    const ownApplication = viewer && isExpert ? await getOwnApplication(need.id, viewer.id) : null;
    // An invitation-only need takes applications from invited or triage-assigned experts only.
    const invited =
      !need.invitationOnly || (viewer && isExpert ? await isInvitedToApply(need.id, viewer.id) : false);
    const revisions = ownApplication
      ? ((await listRevisions([ownApplication.id]))[ownApplication.id] ?? [])
      : [];
    // Those who choose (the need's organisation, the bureau) see who would fit and why.
    const recommendations =
      (manages || moderates) && need.status === "OPEN" ? await recommendForNeed(need.id) : null;
    // A branding request links to its brand project, or lets those who may start one do so.
    const brandProject = need.kind === "BRANDING" ? await brandProjectOfNeed(need.id) : null;
    const brandLink = brandProject
      ? `/brands/${brandProject.id}`
      : mayStartBrand(viewer, need)
        ? `/brands/new?need=${need.id}`
        : null;
    const reach = await needReachView(need, viewer);
    return {
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
      startsBrand: !brandProject,
      loggedIn: Boolean(viewer),
      locale,
    };
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
      {need.status === "DRAFT" ? (
        <p className="rounded-lg bg-stone-100 px-4 py-3 text-stone-700">{t("needs.draftNotice")}</p>
      ) : null}
      {need.hiddenAt ? (
        <p className="rounded-lg bg-red-50 px-4 py-3 text-red-800">
          {t("needs.hiddenNotice", { reason: need.hiddenReason ?? "" })}
        </p>
      ) : null}
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

      {ownApplication ? (
        <OwnApplication application={ownApplication} revisions={revisions} need={need} />
      ) : isExpert && need.status === "OPEN" && invited ? (
        <ApplyForm lastResult={reply("apply")} arrangements={need.arrangements} />
      ) : isExpert && need.status === "OPEN" ? (
        <p className="card text-stone-700">{t("negotiation.invitationOnlyRefused")}</p>
      ) : !loggedIn && need.status === "OPEN" ? (
        <p className="card text-center">
          <Link to={`/login?redirectTo=/needs/${need.id}`} className="link">
            {t("applications.loginToApply")}
          </Link>
        </p>
      ) : null}

      {moderates ? <NeedModeration hidden={Boolean(need.hiddenAt)} reply={reply("hide")} /> : null}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
