import { getFormProps, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { useNavigation } from "@remix-run/react";
import { Form } from "~/components/form";
import { FormErrors, TextAreaField, TextField } from "~/components/forms";
import { formatMoney } from "~/i18n/format";
import { useT } from "~/i18n/use-t";
import { FinanceIntentSchema } from "~/modules/programmes/cosign.schema";
import { BureauApplicationIntentSchema } from "~/modules/programmes/programmes.schema";
import { useForm } from "~/utils/use-form";

type Reply = SubmissionResult<string[]> | undefined;

/**
 * The reply of the form that was submitted, matched by intent and, on a page with one form per
 * proposal or stop, by the record it was about.
 */
export function replyForRecord(lastResult: Reply, intent: string, field?: string, id?: string): Reply {
  const sent = lastResult?.initialValue as Record<string, unknown> | undefined;
  if (sent?.intent !== intent) return undefined;
  return field && sent[field] !== id ? undefined : lastResult;
}

function Submit({ label, primary = false }: { label: string; primary?: boolean }) {
  const navigation = useNavigation();
  return (
    <button
      type="submit"
      className={primary ? "btn-primary w-full" : "btn-secondary w-full"}
      disabled={navigation.state === "submitting"}
    >
      {label}
    </button>
  );
}

/** The science bureau proposes a payment; it is made when finance co-signs. */
export function ProposeForm({
  lastResult,
  idempotencyKey,
  proposableFen,
}: {
  lastResult: Reply;
  idempotencyKey: string;
  proposableFen: number;
}) {
  const { t, locale } = useT();
  const [form, fields] = useForm({
    id: "propose",
    lastResult: replyForRecord(lastResult, "propose"),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: BureauApplicationIntentSchema }),
  });
  if (proposableFen <= 0) return <p>{t("cosign.nothingToPropose")}</p>;
  return (
    <Form method="post" {...getFormProps(form)} className="space-y-3 border-t border-stone-200 pt-3">
      <p className="text-sm">{t("cosign.proposeHint", { amount: formatMoney(locale, proposableFen) })}</p>
      <FormErrors errors={form.errors} />
      <input type="hidden" name="intent" value="propose" />
      <input type="hidden" name="idempotencyKey" value={idempotencyKey} />
      <TextField meta={fields.amount} label={t("cosign.proposeAmount")} inputMode="decimal" />
      <TextAreaField meta={fields.note} label={t("cosign.proposeNote")} rows={2} />
      <Submit label={t("cosign.propose")} primary />
    </Form>
  );
}

function useFinanceForm(id: string, reply: Reply) {
  return useForm({
    id,
    lastResult: reply,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: FinanceIntentSchema }),
  });
}

/** Finance signs a proposal (the ledger transfer happens then) or refuses it with a reason. */
export function ProposalSignForms({
  proposalId,
  lastResult,
  idempotencyKey,
}: {
  proposalId: string;
  lastResult: Reply;
  idempotencyKey: string;
}) {
  const { t } = useT();
  const [approve] = useFinanceForm(
    `approve-${proposalId}`,
    replyForRecord(lastResult, "approve", "proposalId", proposalId),
  );
  const [refuse, refuseFields] = useFinanceForm(
    `refuse-${proposalId}`,
    replyForRecord(lastResult, "refuse", "proposalId", proposalId),
  );
  return (
    <div className="space-y-3 pt-2">
      <Form method="post" {...getFormProps(approve)}>
        <FormErrors errors={approve.errors} />
        <input type="hidden" name="intent" value="approve" />
        <input type="hidden" name="proposalId" value={proposalId} />
        <input type="hidden" name="idempotencyKey" value={idempotencyKey} />
        <Submit label={t("cosign.approve")} primary />
      </Form>
      <Form method="post" {...getFormProps(refuse)} className="space-y-2">
        <FormErrors errors={refuse.errors} />
        <input type="hidden" name="intent" value="refuse" />
        <input type="hidden" name="proposalId" value={proposalId} />
        <TextAreaField meta={refuseFields.reason} label={t("cosign.refuseReason")} rows={2} />
        <Submit label={t("cosign.refuse")} />
      </Form>
    </div>
  );
}

/** Finance's opinion on the waiting evaluation: agree (it becomes final) or send it back. */
export function OpinionForms({ lastResult }: { lastResult: Reply }) {
  const { t } = useT();
  const [agree, agreeFields] = useFinanceForm("agree", replyForRecord(lastResult, "agree"));
  const [disagree, disagreeFields] = useFinanceForm("disagree", replyForRecord(lastResult, "disagree"));
  return (
    <div className="space-y-4 border-t border-stone-200 pt-3">
      <Form method="post" {...getFormProps(agree)} className="space-y-2">
        <FormErrors errors={agree.errors} />
        <input type="hidden" name="intent" value="agree" />
        <TextAreaField meta={agreeFields.note} label={t("cosign.agreeNote")} rows={2} />
        <Submit label={t("cosign.agree")} primary />
      </Form>
      <Form method="post" {...getFormProps(disagree)} className="space-y-2">
        <FormErrors errors={disagree.errors} />
        <input type="hidden" name="intent" value="disagree" />
        <TextAreaField meta={disagreeFields.note} label={t("cosign.disagreeNote")} rows={2} />
        <Submit label={t("cosign.disagree")} />
      </Form>
    </div>
  );
}

/** 停拨 by the finance bureau, with the reason the science bureau will read. */
export function StopForm({ lastResult }: { lastResult: Reply }) {
  const { t } = useT();
  const [form, fields] = useFinanceForm("stop", replyForRecord(lastResult, "stop"));
  return (
    <Form method="post" {...getFormProps(form)} className="space-y-2">
      <FormErrors errors={form.errors} />
      <input type="hidden" name="intent" value="stop" />
      <TextAreaField meta={fields.reason} label={t("cosign.stopReason")} rows={2} />
      <Submit label={t("cosign.stop")} />
    </Form>
  );
}

export function ResumeForm({ sanctionId, lastResult }: { sanctionId: string; lastResult: Reply }) {
  const { t } = useT();
  const [form, fields] = useFinanceForm(
    `resume-${sanctionId}`,
    replyForRecord(lastResult, "resume", "sanctionId", sanctionId),
  );
  return (
    <Form method="post" {...getFormProps(form)} className="space-y-2 pt-2 text-stone-900">
      <FormErrors errors={form.errors} />
      <input type="hidden" name="intent" value="resume" />
      <input type="hidden" name="sanctionId" value={sanctionId} />
      <TextAreaField meta={fields.reason} label={t("cosign.resumeReason")} rows={2} />
      <Submit label={t("cosign.resume")} />
    </Form>
  );
}
