import { getFormProps, type SubmissionResult } from "@conform-to/react";
import { useForm } from "~/utils/use-form";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { useNavigation } from "@remix-run/react";
import { Form } from "~/components/form";
import { ErrorList, FormErrors, TextAreaField } from "~/components/forms";
import { useT } from "~/i18n/use-t";
import { CRITERIA, PayeeReviewSchema, PayerReviewSchema, SCORES } from "~/modules/reviews/reviews.schema";

/** 1–5 as a radio group named after the criterion, so it works with a thumb and without JS. */
function ScoreGroup({
  name,
  legend,
  errors,
  errorId,
  initial,
}: {
  name: string;
  legend: string;
  errors?: string[];
  errorId: string;
  initial?: unknown;
}) {
  const { t } = useT();
  return (
    <fieldset
      aria-describedby={errors?.length ? errorId : undefined}
      aria-invalid={errors?.length ? true : undefined}
    >
      <legend className="font-medium text-stone-800">{legend}</legend>
      <div className="mt-1 flex gap-2">
        {SCORES.map((score) => (
          <label
            key={score}
            className="flex min-h-11 min-w-11 items-center justify-center gap-1 rounded-lg border border-stone-200 bg-white px-2"
          >
            <input
              type="radio"
              name={name}
              value={score}
              defaultChecked={String(initial) === String(score)}
              required
              className="h-5 w-5 accent-brand-700"
            />
            <span>{t("reviews.stars", { score })}</span>
          </label>
        ))}
      </div>
      <ErrorList id={errorId} errors={errors} />
    </fieldset>
  );
}

/** The review one side of a completed agreement writes: a score per criterion, a rating and a text. */
export function ReviewForm({
  side,
  lastResult,
}: {
  side: "PAYER" | "PAYEE";
  lastResult?: SubmissionResult<string[]>;
}) {
  const { t } = useT();
  const navigation = useNavigation();
  const schema = side === "PAYEE" ? PayeeReviewSchema : PayerReviewSchema;
  const [form, fields] = useForm({
    id: "review",
    lastResult,
    constraint: side === "PAYEE" ? getZodConstraint(PayeeReviewSchema) : getZodConstraint(PayerReviewSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
  });
  const scores = fields.scores.getFieldset() as Record<
    string,
    { name: string; errors?: string[]; errorId: string; initialValue?: unknown }
  >;
  return (
    <Form method="post" {...getFormProps(form)} className="card space-y-4">
      <FormErrors errors={form.errors} />
      {CRITERIA[side].map((criterion) => (
        <ScoreGroup
          key={criterion}
          name={scores[criterion].name}
          legend={t(`reviews.criterion.${criterion}`)}
          errors={scores[criterion].errors}
          errorId={scores[criterion].errorId}
          initial={scores[criterion].initialValue}
        />
      ))}
      <ScoreGroup
        name={fields.rating.name}
        legend={t("reviews.rating")}
        errors={fields.rating.errors}
        errorId={fields.rating.errorId}
        initial={fields.rating.initialValue}
      />
      <TextAreaField meta={fields.text} label={t("reviews.text")} hint={t("reviews.textHint")} />
      <button type="submit" className="btn-primary w-full" disabled={navigation.state === "submitting"}>
        {t("reviews.submit")}
      </button>
    </Form>
  );
}
