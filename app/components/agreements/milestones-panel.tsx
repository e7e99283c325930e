import { useNavigation } from "@remix-run/react";
import { Form } from "~/components/form";
import type { ReactNode } from "react";
import { formatDate, formatDateTime, formatMoney } from "~/i18n/format";
import { useT } from "~/i18n/use-t";
import type { MilestoneView } from "~/modules/escrow/escrow.server";
import { MAX_SUBMISSION_FILES } from "~/modules/escrow/escrow.schema";
import { MAX_IMAGE_BYTES, MIB } from "~/modules/uploads/limits";
import type { MilestoneStatus } from "~/generated/prisma/enums";
import { CofundingLink } from "~/components/cofunding/funders";

const STATUS_TONE: Record<MilestoneStatus, string> = {
  PLANNED: "bg-stone-100 text-stone-700",
  FUNDED: "bg-sky-100 text-sky-900",
  SUBMITTED: "bg-amber-100 text-amber-900",
  REJECTED: "bg-orange-100 text-orange-900",
  RELEASED: "bg-brand-100 text-brand-800",
  DISPUTED: "bg-red-100 text-red-800",
  RESOLVED: "bg-stone-200 text-stone-800",
  REFUNDED: "bg-stone-200 text-stone-800",
};

/**
 * The agreement's milestones with what the viewer may do on each. Every form posts to the
 * milestone's action route, which redirects back here with a toast; the money-moving ones carry
 * the page's idempotency key, so a double submit or a retried request moves money once.
 */
/** `cofunding`: per co-funded milestone, its payers and how many have paid (the card links to its payers page). */
export function MilestonesPanel({
  agreementId,
  milestones,
  idempotencyKey,
  cofunding = {},
}: {
  agreementId: string;
  milestones: MilestoneView[];
  idempotencyKey: string;
  cofunding?: Record<string, { payers: number; funded: number }>;
}) {
  const { t } = useT();
  return (
    <section aria-labelledby="milestones-title" className="space-y-3">
      <h2 id="milestones-title" className="text-xl font-semibold">
        {t("escrow.panel.title")}
      </h2>
      <p className="text-sm text-stone-600">{t("escrow.panel.hint")}</p>
      {milestones.length === 0 ? <p className="card text-stone-600">{t("escrow.panel.empty")}</p> : null}
      <ol className="space-y-4">
        {milestones.map((milestone) => (
          <MilestoneCard
            key={milestone.id}
            milestone={milestone}
            action={`/agreements/${agreementId}/milestones/${milestone.id}`}
            idempotencyKey={idempotencyKey}
            cofunding={cofunding[milestone.id]}
          />
        ))}
      </ol>
    </section>
  );
}

function MilestoneCard({
  milestone: m,
  action,
  idempotencyKey,
  cofunding,
}: {
  milestone: MilestoneView;
  action: string;
  idempotencyKey: string;
  cofunding?: { payers: number; funded: number };
}) {
  const { t, locale } = useT();
  return (
    <li className="card space-y-3">
      <div className="flex flex-wrap items-center gap-2">
        <span className="text-sm text-stone-600">{t("escrow.position", { position: m.position })}</span>
        <h3 className="font-semibold">{m.title}</h3>
        <span className={`ml-auto rounded-full px-2 py-0.5 text-sm ${STATUS_TONE[m.status]}`}>
          {t(`escrow.status.${m.status}`)}
        </span>
      </div>
      <p className="text-lg font-medium text-brand-800">{formatMoney(locale, m.amountFen)}</p>
      <CofundingLink href={`${action}/funders`} summary={cofunding} canSetUp={m.canFund} />
      {m.dueDate ? (
        <p className="text-sm text-stone-600">
          {t("escrow.dueDate", { date: formatDate(locale, m.dueDate) })}
        </p>
      ) : null}
      <dl className="space-y-2">
        <div>
          <dt className="text-sm text-stone-600">{t("escrow.deliverables")}</dt>
          <dd className="whitespace-pre-line">{m.deliverables}</dd>
        </div>
        <div>
          <dt className="text-sm text-stone-600">{t("escrow.acceptanceCriteria")}</dt>
          <dd className="whitespace-pre-line">{m.acceptanceCriteria}</dd>
        </div>
      </dl>
      <MilestoneFacts milestone={m} />
      {m.submissions.length > 0 ? <Submissions milestone={m} /> : null}
      <Actions
        milestone={cofunding ? { ...m, canFund: false } : m}
        action={action}
        idempotencyKey={idempotencyKey}
      />
    </li>
  );
}

/** What happened to the money and the review, by status. */
function MilestoneFacts({ milestone: m }: { milestone: MilestoneView }) {
  const { t, locale } = useT();
  const facts: ReactNode[] = [];
  if (m.escrowFen > 0) facts.push(t("escrow.inEscrow", { amount: formatMoney(locale, m.escrowFen) }));
  if (m.status === "SUBMITTED" && m.reviewDueAt)
    facts.push(t("escrow.reviewDue", { date: formatDateTime(locale, m.reviewDueAt) }));
  if (m.status === "REJECTED" && m.rejectionReason)
    facts.push(t("escrow.rejectionReason", { reason: m.rejectionReason }));
  if ((m.status === "DISPUTED" || m.status === "RESOLVED") && m.disputeReason)
    facts.push(t("escrow.disputeReason", { reason: m.disputeReason }));
  if (m.status === "RESOLVED" && m.resolutionPayeeFen !== null) {
    facts.push(t("escrow.resolution", { payee: formatMoney(locale, m.resolutionPayeeFen) }));
    if (m.resolutionNote) facts.push(t("escrow.resolutionNote", { note: m.resolutionNote }));
  }
  if (m.status === "RELEASED" && m.releasedAt)
    facts.push(
      t(m.autoReleased ? "escrow.autoReleasedOn" : "escrow.releasedOn", {
        date: formatDate(locale, m.releasedAt),
      }),
    );
  if (m.status === "REFUNDED" && m.refundedAt)
    facts.push(t("escrow.refundedOn", { date: formatDate(locale, m.refundedAt) }));
  if (facts.length === 0) return null;
  return (
    <ul className="space-y-1 rounded-lg bg-stone-50 px-3 py-2 text-sm text-stone-800">
      {facts.map((fact, index) => (
        <li key={index}>{fact}</li>
      ))}
    </ul>
  );
}

function Submissions({ milestone: m }: { milestone: MilestoneView }) {
  const { t, locale } = useT();
  return (
    <div className="space-y-2 border-t border-stone-200 pt-3">
      <h4 className="text-sm font-medium text-stone-700">{t("escrow.submissions")}</h4>
      <ol className="space-y-3">
        {m.submissions.map((submission) => (
          <li key={submission.id} className="space-y-1">
            <p className="text-sm text-stone-600">
              {t("escrow.submittedBy", { name: submission.by, date: formatDateTime(locale, submission.at) })}
            </p>
            <p className="whitespace-pre-line">{submission.note}</p>
            {submission.files.length > 0 ? (
              <ul className="flex flex-wrap gap-2">
                {submission.files.map((file, index) => (
                  <li key={file.id}>
                    <a href={file.url} target="_blank" rel="noreferrer" className="block">
                      <img
                        src={file.thumbUrl}
                        alt={file.name || t("escrow.file", { index: index + 1 })}
                        loading="lazy"
                        className="h-20 w-20 rounded-lg object-cover"
                      />
                    </a>
                  </li>
                ))}
              </ul>
            ) : null}
          </li>
        ))}
      </ol>
    </div>
  );
}

function Actions({
  milestone: m,
  action,
  idempotencyKey,
}: {
  milestone: MilestoneView;
  action: string;
  idempotencyKey: string;
}) {
  const { t, locale } = useT();
  const navigation = useNavigation();
  // All forms of the page share one idempotency key: while one is on its way, none can be sent.
  const busy = navigation.state !== "idle";
  const key = <input type="hidden" name="idempotencyKey" value={idempotencyKey} />;
  const id = (name: string) => `milestone-${m.id}-${name}`;
  if (
    !m.canFund &&
    !m.fundNeedsFinance &&
    !m.canSubmit &&
    !m.canAccept &&
    !m.canReject &&
    !m.canDispute &&
    !m.canResolve
  )
    return null;
  return (
    <div className="space-y-3 border-t border-stone-200 pt-3">
      {m.canFund ? (
        <Form method="post" action={action} className="space-y-1">
          <input type="hidden" name="intent" value="fund" />
          {key}
          <button type="submit" className="btn-primary w-full sm:w-auto" disabled={busy}>
            {t("escrow.action.fund", { amount: formatMoney(locale, m.amountFen) })}
          </button>
          <p className="text-sm text-stone-600">{t("escrow.action.fundHint")}</p>
        </Form>
      ) : null}
      {m.fundNeedsFinance ? (
        <p role="note" className="rounded-lg border-l-4 border-amber-500 bg-amber-50 px-3 py-2 text-sm">
          {t("wallet.errors.finance_permission_required")}
        </p>
      ) : null}
      {m.canAccept ? (
        <Form method="post" action={action}>
          <input type="hidden" name="intent" value="accept" />
          {key}
          <button type="submit" className="btn-primary w-full sm:w-auto" disabled={busy}>
            {t("escrow.action.accept")}
          </button>
        </Form>
      ) : null}
      {m.canSubmit ? (
        <Form method="post" action={action} encType="multipart/form-data" className="space-y-2">
          <input type="hidden" name="intent" value="submit" />
          <NoteField
            id={id("note")}
            name="note"
            label={t("escrow.field.note")}
            rows={4}
            maxLength={4000}
            describedBy={id("note-hint")}
          />
          <p id={id("note-hint")} className="text-sm text-stone-600">
            {t("escrow.field.noteHint")}
          </p>
          <label htmlFor={id("files")} className="block font-medium">
            {t("escrow.field.files")}
          </label>
          <input
            id={id("files")}
            name="files"
            type="file"
            multiple
            accept="image/jpeg,image/png,image/webp"
            className="block w-full text-sm"
            aria-describedby={id("files-hint")}
          />
          <p id={id("files-hint")} className="text-sm text-stone-600">
            {t("escrow.field.filesHint", { max: MAX_SUBMISSION_FILES, mb: MAX_IMAGE_BYTES / MIB })}
          </p>
          <button type="submit" className="btn-primary w-full sm:w-auto" disabled={busy}>
            {t("escrow.action.submit")}
          </button>
        </Form>
      ) : null}
      {m.canReject ? (
        <ReasonForm
          action={action}
          intent="reject"
          fieldId={id("reject")}
          label={t("escrow.field.rejectReason")}
          button={t("escrow.action.reject")}
          busy={busy}
        />
      ) : null}
      {m.canResolve ? (
        <Form method="post" action={action} className="space-y-2">
          <input type="hidden" name="intent" value="resolve" />
          {key}
          <label htmlFor={id("payee")} className="block font-medium">
            {t("escrow.field.payeeYuan")}
          </label>
          <input
            id={id("payee")}
            name="payeeYuan"
            inputMode="decimal"
            required
            className="input"
            aria-describedby={id("payee-hint")}
          />
          <p id={id("payee-hint")} className="text-sm text-stone-600">
            {t("escrow.field.payeeYuanHint", { amount: formatMoney(locale, m.escrowFen) })}
          </p>
          <NoteField
            id={id("ruling")}
            name="note"
            label={t("escrow.field.resolutionNote")}
            rows={3}
            maxLength={4000}
          />
          <button type="submit" className="btn-primary w-full sm:w-auto" disabled={busy}>
            {t("escrow.action.resolve")}
          </button>
        </Form>
      ) : null}
      {m.canDispute ? (
        <details className="rounded-lg border border-stone-200 px-3 py-2">
          <summary className="cursor-pointer font-medium text-red-800">{t("escrow.action.dispute")}</summary>
          <p className="mt-2 text-sm text-stone-600">{t("escrow.action.disputeHint")}</p>
          <ReasonForm
            action={action}
            intent="dispute"
            fieldId={id("dispute")}
            label={t("escrow.field.disputeReason")}
            button={t("escrow.action.dispute")}
            busy={busy}
          />
        </details>
      ) : null}
    </div>
  );
}

function ReasonForm({
  action,
  intent,
  fieldId,
  label,
  button,
  busy,
}: {
  action: string;
  intent: "reject" | "dispute";
  fieldId: string;
  label: string;
  button: string;
  busy: boolean;
}) {
  return (
    <Form method="post" action={action} className="mt-2 space-y-2">
      <input type="hidden" name="intent" value={intent} />
      <NoteField id={fieldId} name="reason" label={label} rows={3} maxLength={1000} />
      <button type="submit" className="btn-secondary w-full sm:w-auto" disabled={busy}>
        {button}
      </button>
    </Form>
  );
}

/** A required piece of writing of at least two characters, with its label above it. */
function NoteField({
  id,
  name,
  label,
  rows,
  maxLength,
  describedBy,
}: {
  id: string;
  name: string;
  label: string;
  rows: number;
  maxLength: number;
  describedBy?: string;
}) {
  return (
    <>
      <label htmlFor={id} className="block font-medium">
        {label}
      </label>
      <textarea
        id={id}
        name={name}
        rows={rows}
        required
        minLength={2}
        maxLength={maxLength}
        className="input"
        aria-describedby={describedBy}
      />
    </>
  );
}
