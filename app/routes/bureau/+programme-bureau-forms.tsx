import { getFormProps, type SubmissionResult } from "@conform-to/react";
import { useForm } from "~/utils/use-form";
import { parseWithZod } from "@conform-to/zod/v4";
import { useNavigation } from "@remix-run/react";
import { Form } from "~/components/form";
import { CheckboxField, FormErrors, replyFor, TextAreaField, TextField } from "~/components/forms";
import { useT } from "~/i18n/use-t";
import { BureauApplicationIntentSchema } from "~/modules/programmes/programmes.schema";

type Reply = SubmissionResult<string[]> | undefined;

function useIntentForm(intent: string, lastResult: Reply) {
  return useForm({
    id: intent,
    lastResult: replyFor(lastResult, intent),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: BureauApplicationIntentSchema }),
  });
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

/** A score with the no-conflict declaration ticked, or a declared conflict (no score). */
export function ReviewForms({ lastResult }: { lastResult: Reply }) {
  const { t } = useT();
  const [review, fields] = useIntentForm("review", lastResult);
  const [conflict] = useIntentForm("conflict", lastResult);
  return (
    <div className="space-y-3 border-t border-stone-200 pt-3">
      <h3 className="font-semibold">{t("programmes.reviewForm")}</h3>
      <Form method="post" {...getFormProps(review)} className="space-y-3">
        <FormErrors errors={review.errors} />
        <input type="hidden" name="intent" value="review" />
        <TextField meta={fields.score} label={t("programmes.score")} inputMode="decimal" />
        <TextAreaField meta={fields.comment} label={t("programmes.comment")} rows={3} />
        <CheckboxField meta={fields.noConflict} label={t("programmes.noConflict")} />
        <Submit label={t("programmes.submitReview")} primary />
      </Form>
      <Form method="post" {...getFormProps(conflict)}>
        <FormErrors errors={conflict.errors} />
        <input type="hidden" name="intent" value="conflict" />
        <Submit label={t("programmes.declareConflict")} />
      </Form>
    </div>
  );
}

/** 批准 is offered once enough reviewers have scored (`missingScores`); 驳回 always. */
export function DecisionForms({
  lastResult,
  reviews,
}: {
  lastResult: Reply;
  reviews: { required: number; missing: number };
}) {
  const { t } = useT();
  const [approve, approveFields] = useIntentForm("approve", lastResult);
  const [reject, rejectFields] = useIntentForm("reject", lastResult);
  return (
    <div className="card space-y-4">
      <h2 className="font-semibold">{t("programmes.decision")}</h2>
      {reviews.missing > 0 ? (
        <p role="note" className="rounded-lg bg-amber-50 px-3 py-2 text-sm text-amber-900">
          {t("programmes.errors.not_enough_reviews", {
            required: reviews.required,
            have: reviews.required - reviews.missing,
          })}
        </p>
      ) : (
        <Form method="post" {...getFormProps(approve)} className="space-y-3">
          <FormErrors errors={approve.errors} />
          <input type="hidden" name="intent" value="approve" />
          <TextField
            meta={approveFields.approved}
            label={t("programmes.approvedAmount")}
            inputMode="decimal"
          />
          <TextAreaField meta={approveFields.note} label={t("programmes.note")} rows={2} />
          <Submit label={t("programmes.approve")} primary />
        </Form>
      )}
      <Form method="post" {...getFormProps(reject)} className="space-y-3">
        <FormErrors errors={reject.errors} />
        <input type="hidden" name="intent" value="reject" />
        <TextAreaField meta={rejectFields.note} label={t("programmes.note")} rows={2} />
        <Submit label={t("programmes.reject")} />
      </Form>
    </div>
  );
}

export function EvaluationForm({ lastResult }: { lastResult: Reply }) {
  const { t } = useT();
  const [form, fields] = useIntentForm("evaluate", lastResult);
  return (
    <Form method="post" {...getFormProps(form)} className="card space-y-3">
      <h2 className="font-semibold">{t("programmes.evaluation")}</h2>
      <FormErrors errors={form.errors} />
      <input type="hidden" name="intent" value="evaluate" />
      <TextField meta={fields.score} label={t("programmes.score")} inputMode="decimal" />
      <TextAreaField meta={fields.narrative} label={t("programmes.narrative")} rows={4} />
      <CheckboxField meta={fields.commended} label={t("programmes.commended")} />
      <Submit label={t("programmes.evaluate")} primary />
    </Form>
  );
}
