import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { RevisionThread } from "~/components/revision-thread";
import { formatMoney } from "~/i18n/format";
import { getLocale } from "~/i18n/i18n.server";
import { translate } from "~/i18n/i18n";
import { useT } from "~/i18n/use-t";
import { RevisionActionSchema } from "~/modules/negotiation/negotiation.schema";
import {
  getRevisionThread,
  proposeRevision,
  respondToRevision,
} from "~/modules/negotiation/revisions.server";
import { requireUser } from "~/modules/users/guards.server";
import { domainErrorResponse } from "~/utils/errors";
import { replyInvalid, replyWithDomainError } from "~/utils/forms.server";
import { requestMeta, safeRedirect } from "~/utils/request.server";
import { redirectWithToast } from "~/utils/toast.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  {
    title: data
      ? `${translate(data.locale, "negotiation.revisions.title")} · ${data.thread.application.need.title}`
      : "XiangKe",
  },
];

/** Where each side normally sees the application; the thread page itself is the fallback. */
function homeOf(side: "POSTER" | "APPLICANT", needId: string) {
  return side === "POSTER" ? `/needs/${needId}/applications` : `/needs/${needId}`;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const thread = await getRevisionThread(user, params.id!).catch((error: unknown) => {
    throw domainErrorResponse(error);
  });
  return { thread, locale: await getLocale(request) };
}

const TOAST = {
  propose: "negotiation.revisions.proposedToast",
  ACCEPTED: "negotiation.revisions.acceptedToast",
  DECLINED: "negotiation.revisions.declinedToast",
} as const;

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const locale = await getLocale(request);
  const formData = await request.formData();
  const back = safeRedirect(formData.get("redirectTo"), `/applications/${params.id}/revisions`);
  const submission = parseWithZod(formData, { schema: RevisionActionSchema });
  if (submission.status !== "success") return replyInvalid(submission);
  const value = submission.value;
  const meta = requestMeta(request, context);
  try {
    if (value.intent === "propose") {
      const { intent: _intent, ...terms } = value;
      await proposeRevision(user, params.id!, terms, meta);
      return redirectWithToast(back, { message: TOAST.propose });
    }
    await respondToRevision(user, value.revisionId, value.decision, meta);
    return redirectWithToast(back, { message: TOAST[value.decision] });
  } catch (error) {
    return replyWithDomainError(submission, error, locale);
  }
}

export default function RevisionsPage() {
  const { thread } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { t, locale } = useT();
  const { application, side } = thread;
  // A refused answer (not the propose form) has no field to sit on: show it on top.
  const refusal =
    lastResult && lastResult.initialValue?.intent === "respond" ? lastResult.error?.[""] : undefined;
  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <p>
        <Link to={homeOf(side, application.need.id)} className="link">
          {t("negotiation.revisions.back")} · {application.need.title}
        </Link>
      </p>
      <h1 className="text-2xl font-bold">{t("negotiation.revisions.title")}</h1>
      {refusal ? (
        <p role="alert" className="rounded-lg border-l-4 border-red-600 bg-red-50 px-4 py-3 text-red-800">
          {refusal.join(" ")}
        </p>
      ) : null}
      <section className="card space-y-3">
        <p className="font-medium">
          {application.expert.displayName} · {t(`applications.status.${application.status}`)}
        </p>
        <p className="text-brand-800">
          {formatMoney(locale, application.priceFen)} · {t(`arrangement.${application.arrangement}`)} ·{" "}
          {application.timeline}
        </p>
        <RevisionThread
          applicationId={application.id}
          revisions={thread.revisions}
          side={side}
          open={thread.open}
          arrangements={application.need.arrangements}
          current={application}
          redirectTo={homeOf(side, application.need.id)}
          lastResult={lastResult?.initialValue?.intent === "propose" ? lastResult : undefined}
        />
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
