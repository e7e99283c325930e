import { randomUUID } from "node:crypto";
import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FormErrors, TextAreaField, TextField } from "~/components/forms";
import { formatDate, formatMoney } from "~/i18n/format";
import { getLocale } from "~/i18n/i18n.server";
import { translate } from "~/i18n/i18n";
import { useT } from "~/i18n/use-t";
import { ResolveDisputeSchema } from "~/modules/escrow/escrow.schema";
import { listOpenDisputes, resolveDispute } from "~/modules/escrow/escrow.server";
import { requirePermission } from "~/modules/users/guards.server";
import { replyInvalid, replyWithDomainError } from "~/utils/forms.server";
import { requestMeta } from "~/utils/request.server";
import { redirectWithToast } from "~/utils/toast.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  {
    title: data
      ? `${translate(data.locale, "escrow.disputes.title")} · ${translate(data.locale, "app.name")}`
      : "XiangKe",
  },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "dispute.resolve");
  const [disputes, locale] = await Promise.all([listOpenDisputes(user), getLocale(request)]);
  // A fresh key per render: a double submit of one ruling is carried out once.
  return { disputes, locale, idempotencyKey: randomUUID() };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, "dispute.resolve");
  const submission = parseWithZod(await request.formData(), { schema: ResolveDisputeSchema });
  if (submission.status !== "success") return replyInvalid(submission);
  const { milestoneId, payeeYuan, note, idempotencyKey } = submission.value;
  try {
    await resolveDispute(
      user,
      milestoneId,
      { payeeFen: payeeYuan, note },
      idempotencyKey,
      requestMeta(request, context),
    );
    return redirectWithToast("/bureau/disputes", { message: "escrow.toast.resolved" });
  } catch (error) {
    return replyWithDomainError(submission, error, await getLocale(request));
  }
}

type Dispute = ReturnType<typeof useLoaderData<typeof loader>>["disputes"][number];

export default function DisputesPage() {
  const { disputes, idempotencyKey } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { t } = useT();
  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <h1 className="text-2xl font-bold">{t("escrow.disputes.title")}</h1>
      <p className="text-stone-600">{t("escrow.disputes.hint")}</p>
      {disputes.length === 0 ? <p className="card text-stone-600">{t("escrow.disputes.empty")}</p> : null}
      <ul className="space-y-4">
        {disputes.map((dispute) => (
          <DisputeCard
            key={dispute.id}
            dispute={dispute}
            idempotencyKey={idempotencyKey}
            lastResult={lastResult?.initialValue?.milestoneId === dispute.id ? lastResult : undefined}
          />
        ))}
      </ul>
    </div>
  );
}

function DisputeCard({
  dispute,
  idempotencyKey,
  lastResult,
}: {
  dispute: Dispute;
  idempotencyKey: string;
  lastResult?: SubmissionResult<string[]>;
}) {
  const { t, locale } = useT();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: `resolve-${dispute.id}`,
    lastResult,
    constraint: getZodConstraint(ResolveDisputeSchema),
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ResolveDisputeSchema }),
  });
  return (
    <li className="card space-y-3">
      <p className="text-sm text-stone-600">
        {t("escrow.disputes.agreement", { number: dispute.agreement.number, title: dispute.agreement.title })}
      </p>
      <h2 className="text-lg font-semibold">{dispute.title}</h2>
      <p className="text-sm text-stone-700">
        {t("escrow.disputes.parties", { payer: dispute.agreement.payer, payee: dispute.agreement.payee })}
      </p>
      <p className="font-medium text-brand-800">
        {t("escrow.inEscrow", { amount: formatMoney(locale, dispute.escrowFen) })}
      </p>
      {dispute.disputedAt ? (
        <p className="text-sm text-stone-600">
          {t("escrow.disputes.disputedAt", { date: formatDate(locale, dispute.disputedAt) })}
        </p>
      ) : null}
      {dispute.disputeReason ? (
        <p className="whitespace-pre-line">{t("escrow.disputeReason", { reason: dispute.disputeReason })}</p>
      ) : null}
      {dispute.rejectionReason ? (
        <p className="text-sm text-stone-700">
          {t("escrow.rejectionReason", { reason: dispute.rejectionReason })}
        </p>
      ) : null}
      {dispute.lastSubmission ? (
        <p className="whitespace-pre-line text-sm text-stone-700">{dispute.lastSubmission.note}</p>
      ) : null}
      <Link to={`/agreements/${dispute.agreement.id}`} className="link">
        {t("escrow.disputes.open")}
      </Link>
      <Form method="post" {...getFormProps(form)} className="space-y-3 border-t border-stone-200 pt-3">
        <FormErrors errors={form.errors} />
        <input type="hidden" name="milestoneId" value={dispute.id} />
        <input type="hidden" name="idempotencyKey" value={idempotencyKey} />
        <TextField
          meta={fields.payeeYuan}
          label={t("escrow.field.payeeYuan")}
          hint={t("escrow.field.payeeYuanHint", { amount: formatMoney(locale, dispute.escrowFen) })}
          inputMode="decimal"
        />
        <TextAreaField meta={fields.note} label={t("escrow.field.resolutionNote")} rows={3} />
        <button
          type="submit"
          className="btn-primary w-full sm:w-auto"
          disabled={navigation.state === "submitting"}
        >
          {t("escrow.action.resolve")}
        </button>
      </Form>
    </li>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
