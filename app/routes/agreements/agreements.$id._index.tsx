import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { Form } from "~/components/form";
import { MilestonesPanel } from "~/components/agreements/milestones-panel";
import { RevenuePanel } from "~/components/agreements/revenue-panel";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FormErrors } from "~/components/forms";
import { getLocale } from "~/i18n/i18n.server";
import { translate } from "~/i18n/i18n";
import { useT } from "~/i18n/use-t";
import { getAgreement } from "~/modules/agreements/agreements.queries.server";
import { AgreementActionSchema } from "~/modules/agreements/agreements.schema";
import { decline, proposeAmendment, propose, terminate } from "~/modules/agreements/agreements.server";
import { getMilestonesView } from "~/modules/escrow/escrow.server";
import { cofundingSummary } from "~/modules/cofunding/cofunding.server";
import { getRevenueView } from "~/modules/revenue/revenue.server";
import { reviewPanelFor } from "~/modules/reviews/reviews.queries.server";
import { ReviewPanel } from "~/components/reviews/review-panel";
import { requireUser } from "~/modules/users/guards.server";
import { domainErrorResponse } from "~/utils/errors";
import { replyInvalid, replyWithDomainError } from "~/utils/forms.server";
import { requestMeta } from "~/utils/request.server";
import { redirectWithToast } from "~/utils/toast.server";
import { AgreementActions, PendingVersion } from "./+agreement-actions";
import { AgreementHeader, TermsInForce } from "~/components/agreements/agreement-page-sections";
import { Parties } from "~/components/agreements/agreement-views";
import { VersionHistory } from "~/components/agreements/version-history";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.page.agreement.title} · ${translate(data.locale, "app.name")}` : "XiangKe" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const id = params.id ?? "";
  const page = await getAgreement(id, user).catch((error: unknown) => {
    throw domainErrorResponse(error);
  });
  // Milestones and revenue exist once something was signed.
  const started = Boolean(page.agreement.activatedAt);
  const [milestones, revenue, locale] = await Promise.all([
    started ? getMilestonesView(id, user.id) : null,
    started ? getRevenueView(id, user.id) : null,
    getLocale(request),
  ]);
  // A fresh key per render: the money forms of the panels carry it, so a resubmit moves money once.
  const reviewPanel = await reviewPanelFor(user, page.agreement);
  const cofunding = started ? await cofundingSummary(id) : {};
  return { page, milestones, revenue, reviewPanel, locale, idempotencyKey: crypto.randomUUID(), cofunding };
}

const TOASTS = {
  propose: "agreements.toast.proposed",
  decline: "agreements.toast.declined",
  amend: "agreements.toast.amendmentOpened",
  terminate: "agreements.toast.terminated",
} as const;

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const id = params.id ?? "";
  const submission = parseWithZod(await request.formData(), { schema: AgreementActionSchema });
  if (submission.status !== "success") return replyInvalid(submission);
  const command = submission.value;
  const meta = requestMeta(request, context);
  try {
    if (command.intent === "propose") await propose(user, id, meta);
    else if (command.intent === "decline") await decline(user, id, command.reason, meta);
    else if (command.intent === "terminate") await terminate(user, id, command.reason, meta);
    else {
      await proposeAmendment(user, id, command.note, meta);
      return redirectWithToast(`/agreements/${id}/edit`, { message: TOASTS.amend });
    }
    return redirectWithToast(`/agreements/${id}`, { message: TOASTS[command.intent] });
  } catch (error) {
    return replyWithDomainError(submission, error, await getLocale(request));
  }
}

export default function AgreementPage() {
  const { page, milestones, revenue, reviewPanel, idempotencyKey, cofunding } =
    useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { t } = useT();
  const { agreement, inForce, pending } = page;
  const shown = inForce ?? pending;
  return (
    <article className="mx-auto max-w-3xl space-y-4">
      <AgreementHeader agreement={agreement} />
      <FormErrors errors={lastResult?.error?.[""]} />
      <section className="card space-y-3">
        <Parties payer={page.payer} payee={page.payee} />
        {page.can.chat ? (
          <Form method="post" action={`/messages/agreement/${agreement.id}`}>
            <button type="submit" className="btn-secondary min-h-9 py-1 text-sm">
              {t("chat.openAgreement")}
            </button>
          </Form>
        ) : null}
      </section>
      {pending ? (
        <PendingVersion
          agreementId={agreement.id}
          version={pending}
          can={page.can}
          signRefusal={page.signRefusal}
          lastResult={lastResult}
          inForce={Boolean(inForce)}
        />
      ) : null}
      {shown && shown !== pending ? <TermsInForce agreementId={agreement.id} version={shown} /> : null}
      {milestones ? (
        <MilestonesPanel
          agreementId={agreement.id}
          milestones={milestones}
          idempotencyKey={idempotencyKey}
          cofunding={cofunding}
        />
      ) : null}
      {revenue ? (
        <RevenuePanel agreementId={agreement.id} revenue={revenue} idempotencyKey={idempotencyKey} />
      ) : null}
      {reviewPanel ? <ReviewPanel agreementId={agreement.id} panel={reviewPanel} /> : null}
      <AgreementActions can={page.can} lastResult={lastResult} />
      <VersionHistory agreementId={agreement.id} versions={page.versions} />
    </article>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
