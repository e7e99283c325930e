import { getFormProps, type SubmissionResult } from "@conform-to/react";
import { useForm } from "~/utils/use-form";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { Form } from "~/components/form";
import { FormErrors, SelectField, TextAreaField, TextField } from "~/components/forms";
import { formatDateTime, formatMoney } from "~/i18n/format";
import type { ArrangementType } from "~/generated/prisma/enums";
import { useT } from "~/i18n/use-t";
import { ProposeRevisionSchema } from "~/modules/negotiation/negotiation.schema";
import type { RevisionOutcome } from "~/modules/negotiation/negotiation.states";
import { fenToYuanText } from "~/utils/money";

type Side = "POSTER" | "APPLICANT";

export interface RevisionView {
  id: string;
  number: number;
  side: Side;
  authorName: string;
  approach: string;
  timeline: string;
  arrangement: ArrangementType;
  priceFen: number;
  note: string;
  status: "PROPOSED" | "ACCEPTED" | "DECLINED" | "SUPERSEDED";
  outcome: RevisionOutcome;
  createdAt: string | Date;
}

interface Terms {
  timeline: string;
  arrangement: ArrangementType;
  priceFen: number;
}

const STATUS_TONE: Record<RevisionOutcome, string> = {
  PROPOSED: "bg-amber-100 text-amber-900",
  ACCEPTED: "bg-brand-50 text-brand-800",
  ORIGINAL: "bg-brand-50 text-brand-800",
  REPLACED: "bg-stone-100 text-stone-500",
  DECLINED: "bg-stone-100 text-stone-700",
  SUPERSEDED: "bg-stone-100 text-stone-500",
};

/**
 * The counter-offers on one application, oldest first, with the forms the viewer's side may use:
 * answer the other side's open proposal, or propose new terms. Both post to
 * /applications/:id/revisions, which sends the browser back to `redirectTo`.
 */
export function RevisionThread({
  applicationId,
  revisions,
  side,
  open,
  arrangements,
  current,
  redirectTo,
  lastResult,
}: {
  applicationId: string;
  revisions: RevisionView[];
  side: Side;
  open: boolean;
  arrangements: ArrangementType[];
  current: Terms;
  redirectTo: string;
  lastResult?: SubmissionResult<string[]>;
}) {
  const { t, locale } = useT();
  const pending = revisions.find((revision) => revision.status === "PROPOSED");
  const action = `/applications/${applicationId}/revisions`;
  if (revisions.length === 0 && !open) return null;
  return (
    <section
      className="space-y-3 border-t border-stone-200 pt-3"
      aria-labelledby={`revisions-${applicationId}`}
    >
      <h3 id={`revisions-${applicationId}`} className="font-semibold">
        {t("negotiation.revisions.title")}
      </h3>
      {revisions.length > 0 ? (
        <ol className="space-y-2">
          {revisions.map((revision) => (
            <li key={revision.id} className="rounded-lg border border-stone-200 p-3 text-sm">
              <p className="flex flex-wrap items-center gap-2">
                <span className="font-medium">
                  {revision.number === 0
                    ? t("negotiation.revisions.original")
                    : t("negotiation.revisions.number", { number: revision.number })}
                </span>
                <span className={`rounded-full px-2 py-0.5 text-xs ${STATUS_TONE[revision.outcome]}`}>
                  {t(`negotiation.revision.status.${revision.outcome}`)}
                </span>
              </p>
              <p className="text-stone-600">
                {t("negotiation.revisions.by", {
                  side: t(
                    revision.side === "POSTER"
                      ? "negotiation.revisions.byPoster"
                      : "negotiation.revisions.byApplicant",
                  ),
                  name: revision.authorName,
                  date: formatDateTime(locale, revision.createdAt),
                })}
              </p>
              <p className="font-medium text-brand-800">
                {formatMoney(locale, revision.priceFen)} · {t(`arrangement.${revision.arrangement}`)} ·{" "}
                {revision.timeline}
              </p>
              {revision.note ? (
                <p className="text-stone-700">{t("negotiation.revisions.note", { note: revision.note })}</p>
              ) : null}
            </li>
          ))}
        </ol>
      ) : null}
      {open && pending && pending.side !== side ? (
        <Form method="post" action={action} className="flex flex-wrap gap-2">
          <input type="hidden" name="intent" value="respond" />
          <input type="hidden" name="revisionId" value={pending.id} />
          <input type="hidden" name="redirectTo" value={redirectTo} />
          <button name="decision" value="ACCEPTED" className="btn-primary">
            {t("negotiation.revisions.accept")}
          </button>
          <button name="decision" value="DECLINED" className="btn-secondary">
            {t("negotiation.revisions.decline")}
          </button>
        </Form>
      ) : open && pending ? (
        <p className="text-sm text-stone-600">{t("negotiation.revisions.waiting")}</p>
      ) : null}
      {open ? (
        <ProposeForm
          applicationId={applicationId}
          action={action}
          arrangements={arrangements}
          current={pending ?? current}
          redirectTo={redirectTo}
          lastResult={lastResult}
        />
      ) : null}
    </section>
  );
}

/** The form starts from the latest terms on the table: an open proposal's, else the application's. */
function ProposeForm({
  applicationId,
  action,
  arrangements,
  current,
  redirectTo,
  lastResult,
}: {
  applicationId: string;
  action: string;
  arrangements: ArrangementType[];
  current: Terms;
  redirectTo: string;
  lastResult?: SubmissionResult<string[]>;
}) {
  const { t } = useT();
  const [form, fields] = useForm({
    id: `revision-${applicationId}`,
    lastResult,
    defaultValue: {
      timeline: current.timeline,
      arrangement: current.arrangement,
      price: fenToYuanText(current.priceFen),
    },
    constraint: getZodConstraint(ProposeRevisionSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ProposeRevisionSchema }),
  });
  // <details> opens and closes without JavaScript; it starts open when the form came back with errors.
  return (
    <details open={Boolean(lastResult)} className="rounded-lg bg-stone-50 p-3">
      <summary className="cursor-pointer font-medium text-brand-800">
        {t("negotiation.revisions.propose")}
      </summary>
      <Form method="post" action={action} {...getFormProps(form)} className="mt-3 space-y-3">
        <p className="text-sm text-stone-600">{t("negotiation.revisions.proposeHint")}</p>
        <FormErrors errors={form.errors} />
        <input type="hidden" name="intent" value="propose" />
        <input type="hidden" name="redirectTo" value={redirectTo} />
        <div className="grid grid-cols-2 gap-3">
          <TextField meta={fields.price} label={t("applications.price")} inputMode="decimal" />
          <SelectField
            meta={fields.arrangement}
            label={t("applications.arrangement")}
            options={arrangements.map((value) => ({ value, label: t(`arrangement.${value}`) }))}
          />
        </div>
        <TextField meta={fields.timeline} label={t("applications.timeline")} />
        <TextAreaField
          meta={fields.approach}
          label={t("applications.approach")}
          hint={t("negotiation.revisions.approachHint")}
          rows={3}
        />
        <TextAreaField meta={fields.note} label={t("negotiation.revisions.noteLabel")} rows={2} />
        <button type="submit" className="btn-primary">
          {t("negotiation.revisions.submit")}
        </button>
      </Form>
    </details>
  );
}
