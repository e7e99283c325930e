import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ReceivedApplication } from "~/components/needs/received-application";
import { getLocale } from "~/i18n/i18n.server";
import { translate } from "~/i18n/i18n";
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
  const { t } = useT();
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
          <ReceivedApplication
            key={application.id}
            application={application}
            revisions={revisions[application.id] ?? []}
            need={need}
          />
        ))}
      </ul>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
