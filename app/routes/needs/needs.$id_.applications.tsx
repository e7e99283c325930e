import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { RevisionThread } from "~/components/revision-thread";
import { VerifiedBadge } from "~/components/verified-badge";
import { formatDate, formatMoney } from "~/i18n/format";
import { getLocale } from "~/i18n/i18n.server";
import { translate, type MessageKey } from "~/i18n/i18n";
import { useT } from "~/i18n/use-t";
import { ApplicationDecisionSchema } from "~/modules/applications/applications.schema";
import { decideApplication, listApplicationsForNeed } from "~/modules/applications/applications.server";
import { listRevisions } from "~/modules/negotiation/revisions.server";
import { requireUser } from "~/modules/users/guards.server";
import { domainErrorResponse, isDomainError } from "~/utils/errors";
import { requestMeta } from "~/utils/request.server";
import { redirectWithToast } from "~/utils/toast.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${translate(data.locale, "applications.received")} · ${data.need.title}` : "XiangKe" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const locale = await getLocale(request);
  const result = await listApplicationsForNeed(params.id!, user).catch((error: unknown) => {
    throw domainErrorResponse(error);
  });
  const revisions = await listRevisions(result.applications.map((application) => application.id));
  return { ...result, revisions, locale };
}

const TOAST = {
  shortlist: "applications.shortlistedToast",
  accept: "applications.acceptedToast",
  decline: "applications.declinedToast",
} as const;
const DECISION = { shortlist: "SHORTLISTED", accept: "ACCEPTED", decline: "DECLINED" } as const;

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const locale = await getLocale(request);
  const submission = parseWithZod(await request.formData(), { schema: ApplicationDecisionSchema });
  if (submission.status !== "success" || submission.value.intent === "withdraw") {
    return data({ error: translate(locale, "errors.invalid_input") }, { status: 400 });
  }
  const value = submission.value;
  try {
    await decideApplication({
      actor: user,
      applicationId: value.applicationId,
      decision: DECISION[value.intent],
      message: "message" in value ? value.message : undefined,
      meta: requestMeta(request, context),
    });
    return redirectWithToast(`/needs/${params.id}/applications`, { message: TOAST[value.intent] });
  } catch (error) {
    if (!isDomainError(error)) throw error;
    return data({ error: translate(locale, error.messageKey, error.params) }, { status: error.status });
  }
}

export default function NeedApplicationsPage() {
  const { need, applications, revisions } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t, locale } = useT();
  const deciding = need.status === "OPEN";
  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <p>
        <Link to={`/needs/${need.id}`} className="link">
          {need.title}
        </Link>
      </p>
      <h1 className="text-2xl font-bold">{t("applications.received")}</h1>
      {need.status === "OPEN" ? (
        <Link to={`/needs/${need.id}/invite`} className="btn-secondary">
          {t("negotiation.invite.link")}
        </Link>
      ) : null}
      {actionData?.error ? (
        <p role="alert" className="rounded-lg border-l-4 border-red-600 bg-red-50 px-4 py-3 text-red-800">
          {actionData.error}
        </p>
      ) : null}
      {applications.length === 0 ? <p className="card text-stone-600">{t("applications.none")}</p> : null}
      <ul className="space-y-4">
        {applications.map((application) => (
          <li key={application.id} id={`application-${application.id}`} className="card space-y-3">
            <div className="flex flex-wrap items-center gap-2">
              <Link to={`/experts/${application.expert.id}`} className="font-semibold hover:underline">
                {application.expert.displayName}
              </Link>
              <VerifiedBadge verified={Boolean(application.expert.verifiedAt)} compact />
              {application.expert.expertProfile?.isCommissioner ? (
                <span className="rounded-full bg-sky-100 px-2 py-0.5 text-xs text-sky-900">
                  {t("badge.commissioner")}
                </span>
              ) : null}
              <span className="ml-auto rounded-full bg-stone-100 px-2 py-0.5 text-sm">
                {t(`applications.status.${application.status}` as MessageKey)}
              </span>
            </div>
            {application.expert.expertProfile?.title ? (
              <p className="text-sm text-stone-600">{application.expert.expertProfile.title}</p>
            ) : null}
            <p className="font-medium text-brand-800">
              {formatMoney(locale, application.priceFen)} ·{" "}
              {t(`arrangement.${application.arrangement}` as MessageKey)}
            </p>
            <div>
              <h2 className="text-sm text-stone-600">{t("applications.approach")}</h2>
              <p className="whitespace-pre-line">{application.approach}</p>
            </div>
            <div>
              <h2 className="text-sm text-stone-600">{t("applications.timeline")}</h2>
              <p>{application.timeline}</p>
            </div>
            <div className="flex flex-wrap items-center gap-2">
              <p className="text-sm text-stone-600">
                {t("applications.on", { date: formatDate(locale, application.createdAt) })}
              </p>
              <Form method="post" action={`/messages/application/${application.id}`} className="ml-auto">
                <button type="submit" className="btn-secondary min-h-9 py-1 text-sm">
                  {t("chat.openApplicationLong")}
                </button>
              </Form>
              {application.status === "ACCEPTED" ? (
                <Form method="post" action="/agreements/new">
                  <input type="hidden" name="source" value="application" />
                  <input type="hidden" name="applicationId" value={application.id} />
                  <input type="hidden" name="redirectTo" value={`/needs/${need.id}/applications`} />
                  <button type="submit" className="btn-primary min-h-9 py-1 text-sm">
                    {t("agreements.action.draft")}
                  </button>
                </Form>
              ) : null}
            </div>
            <RevisionThread
              applicationId={application.id}
              revisions={revisions[application.id] ?? []}
              side="POSTER"
              open={deciding && (application.status === "SUBMITTED" || application.status === "SHORTLISTED")}
              arrangements={need.arrangements}
              current={application}
              redirectTo={`/needs/${need.id}/applications`}
            />
            {deciding && (application.status === "SUBMITTED" || application.status === "SHORTLISTED") ? (
              <Form method="post" className="space-y-3 border-t border-stone-200 pt-3">
                <input type="hidden" name="applicationId" value={application.id} />
                <label className="block text-sm">
                  <span className="text-stone-700">{t("applications.message")}</span>
                  <textarea name="message" rows={2} maxLength={1000} className="input mt-1" />
                </label>
                <div className="flex flex-wrap gap-2">
                  {application.status === "SUBMITTED" ? (
                    <button name="intent" value="shortlist" className="btn-secondary">
                      {t("applications.shortlist")}
                    </button>
                  ) : null}
                  <button name="intent" value="accept" className="btn-primary">
                    {t("applications.accept")}
                  </button>
                  <button name="intent" value="decline" className="btn-secondary">
                    {t("applications.decline")}
                  </button>
                </div>
              </Form>
            ) : application.decisionMessage ? (
              <p className="text-sm text-stone-700">{application.decisionMessage}</p>
            ) : null}
          </li>
        ))}
      </ul>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
