import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { TextField } from "~/components/forms";
import { ApplyForm } from "~/components/needs/apply-form";
import { NeedDetails } from "~/components/needs/need-details";
import { needReachView } from "~/modules/reach/reach-view.server";
import { NeedReachPanel } from "~/components/reach/reach-sections";
import { RecommendationList } from "~/components/search/recommendations";
import { RevisionThread } from "~/components/revision-thread";
import { formatDate, formatMoney } from "~/i18n/format";
import { getLocale } from "~/i18n/i18n.server";
import { translate, type MessageKey } from "~/i18n/i18n";
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
  const { t, locale } = useT();
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

      {manages ? (
        <section className="card flex flex-wrap gap-3">
          {need.status === "DRAFT" || need.status === "OPEN" ? (
            <Link to={`/needs/${need.id}/edit`} className="btn-secondary">
              {t("needs.edit")}
            </Link>
          ) : null}
          {need.status === "DRAFT" ? (
            <Form method="post">
              <button name="intent" value="publish" className="btn-primary">
                {t("needs.publish")}
              </button>
            </Form>
          ) : null}
          {need.status === "DRAFT" || need.status === "OPEN" ? (
            <Link to={`/needs/${need.id}/invite`} className="btn-secondary">
              {t("negotiation.invite.link")}
            </Link>
          ) : null}
          {need.status !== "DRAFT" ? (
            <Link to={`/needs/${need.id}/applications`} className="btn-primary">
              {t("applications.manage")} ({need._count.applications})
            </Link>
          ) : null}
          {need.status === "OPEN" ? (
            <Form method="post">
              <button name="intent" value="close" className="btn-secondary">
                {t("needs.close")}
              </button>
            </Form>
          ) : null}
        </section>
      ) : null}

      {recommendations ? (
        <section className="card space-y-4" aria-labelledby="recommended">
          <h2 id="recommended" className="text-lg font-semibold">
            {t("match.forNeed")}
          </h2>
          <RecommendationList
            title={t("match.experts")}
            items={recommendations.experts.map((expert) => ({
              id: expert.id,
              href: `/experts/${expert.id}`,
              label: expert.name,
              detail: expert.title,
              reasons: expert.reasons,
            }))}
          />
          <RecommendationList
            title={t("match.offers")}
            items={recommendations.offers.map((offer) => ({
              id: offer.id,
              href: `/offers/${offer.id}`,
              label: offer.title,
              reasons: offer.reasons,
            }))}
          />
        </section>
      ) : null}

      {ownApplication ? (
        <section className="card space-y-2" aria-labelledby="own-application">
          <h2 id="own-application" className="text-lg font-semibold">
            {t("applications.yours")}
          </h2>
          <p>
            <span className="rounded-full bg-stone-100 px-2 py-0.5 text-sm">
              {t(`applications.status.${ownApplication.status}` as MessageKey)}
            </span>{" "}
            {formatMoney(locale, ownApplication.priceFen)} ·{" "}
            {t(`arrangement.${ownApplication.arrangement}` as MessageKey)} ·{" "}
            {t("applications.on", { date: formatDate(locale, ownApplication.createdAt) })}
          </p>
          {ownApplication.decisionMessage ? (
            <p className="text-stone-700">
              {t("applications.decisionMessage", { message: ownApplication.decisionMessage })}
            </p>
          ) : null}
          <div id="revisions">
            <RevisionThread
              applicationId={ownApplication.id}
              revisions={revisions}
              side="APPLICANT"
              open={
                (ownApplication.status === "SUBMITTED" || ownApplication.status === "SHORTLISTED") &&
                need.status === "OPEN" &&
                !need.hiddenAt
              }
              arrangements={need.arrangements}
              current={ownApplication}
              redirectTo={`/needs/${need.id}`}
            />
          </div>
          {ownApplication.status === "SUBMITTED" || ownApplication.status === "SHORTLISTED" ? (
            <Form method="post">
              <input type="hidden" name="applicationId" value={ownApplication.id} />
              <button name="intent" value="withdraw" className="btn-secondary">
                {t("applications.withdraw")}
              </button>
            </Form>
          ) : null}
        </section>
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

      {moderates ? (
        <section className="card space-y-3">
          {need.hiddenAt ? (
            <Form method="post">
              <button name="intent" value="unhide" className="btn-secondary">
                {t("needs.unhide")}
              </button>
            </Form>
          ) : (
            <HideForm reply={reply("hide")} />
          )}
        </section>
      ) : null}
    </div>
  );
}

function HideForm({ reply }: { reply?: { error?: Record<string, string[] | null> | null } }) {
  const { t } = useT();
  const errors = reply?.error?.reason ?? undefined;
  return (
    <Form method="post" className="space-y-3">
      <TextField
        meta={{
          id: "hide-reason",
          name: "reason",
          errors: errors ?? undefined,
          errorId: "hide-reason-error",
          descriptionId: "hide-reason-hint",
        }}
        label={t("needs.hideReason")}
      />
      <button name="intent" value="hide" className="btn-secondary border-red-300 text-red-800">
        {t("needs.hide")}
      </button>
    </Form>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
