import { getFormProps, type SubmissionResult } from "@conform-to/react";
import { useForm } from "~/utils/use-form";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import type { SerializeFrom } from "@remix-run/node";
import { Link, useNavigation } from "@remix-run/react";
import { Form } from "~/components/form";
import { FormErrors, TextAreaField, TextField } from "~/components/forms";
import { formatDate, formatMoney } from "~/i18n/format";
import { useT } from "~/i18n/use-t";
import { ResolveDisputeSchema } from "~/modules/escrow/escrow.schema";
import type { listOpenDisputes } from "~/modules/escrow/escrow.server";

type Dispute = SerializeFrom<Awaited<ReturnType<typeof listOpenDisputes>>[number]>;

/** A disputed milestone as the bureau rules on it: both sides' account, and the split of the escrow. */
export function DisputeCard({
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
