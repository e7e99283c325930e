import type { SubmissionResult } from "@conform-to/react";
import { useNavigation } from "@remix-run/react";
import { Form } from "~/components/form";
import { ErrorList } from "~/components/forms";
import { formatDate } from "~/i18n/format";
import { useT } from "~/i18n/use-t";
import type { PlanDiff } from "~/modules/monitoring/monitoring.budget";
import { PlanDiffView } from "./plan-views";

export interface ChangeRequestView {
  id: string;
  baseVersion: number;
  kinds: string[];
  reason: string;
  status: "AWAITING_COUNTY" | "AWAITING_BUREAU" | "AWAITING_FINANCE" | "APPROVED" | "REFUSED";
  countySkipped: boolean;
  countySupports: boolean | null;
  countyOpinion: string | null;
  bureauNote: string | null;
  financeNote: string | null;
  refusalReason: string | null;
  createdAt: string | Date;
  diff: PlanDiff;
}

type Signs = { county: boolean; bureau: boolean; finance: boolean };

const STEP = {
  AWAITING_COUNTY: { intent: "countyOpinion", who: "county" },
  AWAITING_BUREAU: { intent: "bureauDecision", who: "bureau" },
  AWAITING_FINANCE: { intent: "financeDecision", who: "finance" },
} as const;

/** One change request: what it changes, its signatures so far, and the form for the next one. */
export function ChangeRequestCard({
  request,
  signs,
  lastResult,
}: {
  request: ChangeRequestView;
  signs: Signs;
  lastResult?: SubmissionResult<string[]>;
}) {
  const { t, locale } = useT();
  const step = request.status in STEP ? STEP[request.status as keyof typeof STEP] : null;
  const mine = step && signs[step.who] ? step : null;
  const reply =
    (lastResult?.initialValue as { requestId?: unknown } | undefined)?.requestId === request.id
      ? lastResult
      : undefined;
  return (
    <article className="card space-y-2" aria-label={t("monitoring.changeRequest")}>
      <p className="text-sm text-stone-600">
        {formatDate(locale, request.createdAt)} ·{" "}
        {request.kinds.map((kind) => t(`monitoring.kind.${kind}` as "monitoring.kind.SCOPE")).join("、")}
      </p>
      <p className="font-semibold">{t(`monitoring.changeStatus.${request.status}`)}</p>
      <p className="whitespace-pre-line">{t("monitoring.reasonIs", { reason: request.reason })}</p>
      <PlanDiffView diff={request.diff} />
      <ul className="space-y-1 text-sm">
        {request.countySkipped ? <li>{t("monitoring.countySkipped")}</li> : null}
        {request.countyOpinion !== null ? (
          <li>
            {t(request.countySupports ? "monitoring.countySupports" : "monitoring.countyOpposes", {
              opinion: request.countyOpinion,
            })}
          </li>
        ) : null}
        {request.bureauNote ? <li>{t("monitoring.bureauNote", { note: request.bureauNote })}</li> : null}
        {request.financeNote ? <li>{t("monitoring.financeNote", { note: request.financeNote })}</li> : null}
      </ul>
      {request.status === "REFUSED" ? (
        <p className="rounded-lg bg-red-50 px-3 py-2 text-red-900">
          {t("monitoring.refusedBecause", { reason: request.refusalReason ?? "" })}
        </p>
      ) : null}
      {mine ? <SignForm requestId={request.id} intent={mine.intent} lastResult={reply} /> : null}
    </article>
  );
}

function SignForm({
  requestId,
  intent,
  lastResult,
}: {
  requestId: string;
  intent: "countyOpinion" | "bureauDecision" | "financeDecision";
  lastResult?: SubmissionResult<string[]>;
}) {
  const { t } = useT();
  const navigation = useNavigation();
  const county = intent === "countyOpinion";
  const textName = county ? "opinion" : "note";
  const errors = lastResult?.error ?? {};
  return (
    <Form method="post" className="space-y-2 border-t border-stone-100 pt-2">
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="requestId" value={requestId} />
      <ErrorList errors={errors[""]} />
      <label className="block space-y-1">
        <span className="block font-medium">
          {t(county ? "monitoring.field.opinion" : "monitoring.field.note")}
        </span>
        <textarea name={textName} rows={3} className="w-full" required={county} />
      </label>
      <ErrorList errors={errors[textName]} />
      <div className="grid grid-cols-2 gap-2">
        <button
          type="submit"
          name={county ? "supports" : "approve"}
          value="yes"
          className="btn-primary w-full"
          disabled={navigation.state === "submitting"}
        >
          {t(county ? "monitoring.support" : "monitoring.approve")}
        </button>
        <button
          type="submit"
          name={county ? "supports" : "approve"}
          value="no"
          className="btn-secondary w-full"
          disabled={navigation.state === "submitting"}
        >
          {t(county ? "monitoring.oppose" : "monitoring.refuse")}
        </button>
      </div>
    </Form>
  );
}
