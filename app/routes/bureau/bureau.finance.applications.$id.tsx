import { randomUUID } from "node:crypto";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FactList } from "~/components/fact-list";
import { ApplicationStatus } from "~/components/programmes/programme-views";
import { CosignEvaluations, CosignProposals, CosignStops } from "~/components/programmes/cosign-record";
import { OpinionForms, ProposalSignForms, ResumeForm, StopForm } from "~/components/programmes/cosign-forms";
import { formatDate, formatMoney } from "~/i18n/format";
import { translate } from "~/i18n/i18n";
import { getLocale } from "~/i18n/i18n.server";
import { useT } from "~/i18n/use-t";
import { FinanceIntentSchema } from "~/modules/programmes/cosign.schema";
import { getCosignView, getFinanceApplication } from "~/modules/programmes/programmes.cosign.queries.server";
import { performFinanceIntent } from "~/modules/programmes/programmes.cosign.server";
import { requirePermission } from "~/modules/users/guards.server";
import { replyInvalid, replyWithDomainError } from "~/utils/forms.server";
import { requestMeta } from "~/utils/request.server";
import { redirectWithToast } from "~/utils/toast.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  {
    title: data ? `${data.application.title} · ${translate(data.locale, "cosign.financeTitle")}` : "XiangKe",
  },
];

const STOPPABLE = ["APPROVED", "DISBURSED", "EVALUATED"];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "programme.cosign");
  const id = params.id ?? "";
  const [application, cosign, locale] = await Promise.all([
    getFinanceApplication(id),
    getCosignView(id),
    getLocale(request),
  ]);
  if (!application) throw new Response("Not found", { status: 404 });
  // A fresh key per page load: a double tap on 会签 pays once (a second tab finds it signed).
  return { application, cosign, locale, idempotencyKey: randomUUID() };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, "programme.cosign");
  const id = params.id ?? "";
  const submission = parseWithZod(await request.formData(), { schema: FinanceIntentSchema });
  if (submission.status !== "success") return replyInvalid(submission);
  try {
    const done = await performFinanceIntent(user, id, submission.value, requestMeta(request, context));
    return redirectWithToast(`/bureau/finance/applications/${id}`, done);
  } catch (error) {
    return replyWithDomainError(submission, error, await getLocale(request));
  }
}

export default function FinanceApplicationPage() {
  const { t, locale } = useT();
  const { application, cosign, idempotencyKey } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const waiting = cosign.rounds.some((round) => round.financeOpinion === null);
  const activeStop = cosign.stops.find((stop) => !stop.liftedAt);
  const mayStop = !application.suspendedAt && STOPPABLE.includes(application.status);
  return (
    <section className="mx-auto max-w-3xl space-y-4">
      <p>
        <Link to="/bureau/finance" className="link">
          {t("cosign.financeTitle")}
        </Link>
      </p>
      <h1 className="text-2xl font-bold">{application.title}</h1>
      <p className="flex flex-wrap items-center gap-2">
        <ApplicationStatus status={application.status} />
        {activeStop ? (
          <span className="font-medium text-red-800" data-stopped>
            {t("cosign.stoppedStatus", {
              name: activeStop.stoppedBy,
              date: formatDate(locale, activeStop.startsAt),
              reason: activeStop.reason,
            })}
          </span>
        ) : null}
      </p>
      <div className="card space-y-2">
        <FactList
          facts={[
            [t("programmes.organisation"), application.organisation],
            [t("cosign.programme"), application.programme.title],
            [t("programmes.requested"), formatMoney(locale, application.requestedFen)],
            [
              t("programmes.approved"),
              application.approvedFen === null ? "" : formatMoney(locale, application.approvedFen),
            ],
            [t("programmes.paid"), formatMoney(locale, application.disbursedFen)],
            [t("cosign.pending"), formatMoney(locale, cosign.pendingFen)],
          ]}
        />
      </div>
      {/* The everyday signature comes first; stopping payments is the exception, below it. */}
      <CosignProposals
        view={cosign}
        pendingActions={(proposal) => (
          <ProposalSignForms
            proposalId={proposal.id}
            lastResult={lastResult}
            idempotencyKey={`${idempotencyKey}_${proposal.id}`}
          />
        )}
      />
      <CosignEvaluations view={cosign}>
        {waiting ? <OpinionForms lastResult={lastResult} /> : null}
      </CosignEvaluations>
      {mayStop || cosign.stops.length > 0 ? (
        <div className="card space-y-2">
          <h2 className="font-semibold">{t("cosign.stop")}</h2>
          <CosignStops
            view={cosign}
            activeActions={(stop) => <ResumeForm sanctionId={stop.id} lastResult={lastResult} />}
          />
          {mayStop ? <StopForm lastResult={lastResult} /> : null}
        </div>
      ) : null}
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
