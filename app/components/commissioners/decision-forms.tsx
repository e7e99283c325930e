import type { SubmissionResult } from "@conform-to/react";
import { Form } from "~/components/form";
import { FormErrors } from "~/components/forms";
import { useT } from "~/i18n/use-t";

/** The words for where a venture stands: verified, refused, or waiting for the county. */
export function ventureStatusKey(venture: { verifiedAt: unknown; refusedAt?: unknown }) {
  if (venture.verifiedAt) return "ventures.verified" as const;
  return venture.refusedAt ? ("ventures.refusedShort" as const) : ("ventures.unverified" as const);
}

/** A reason field and its refuse button: the refusal is sent to the person who recorded the item. */
function RefuseFields({ label, button, intent }: { label: string; button: string; intent: string }) {
  return (
    <>
      <label className="block">
        <span className="font-medium">{label}</span>
        <textarea
          name="reason"
          required
          minLength={2}
          maxLength={200}
          rows={2}
          className="input mt-1 w-full"
        />
      </label>
      <button type="submit" name="intent" value={intent} className="btn-secondary w-full">
        {button}
      </button>
    </>
  );
}

/** The officer's two answers to a venture waiting for verification: verify, or refuse with a reason. */
export function VentureDecisionForms({ lastResult }: { lastResult?: SubmissionResult<string[]> }) {
  const { t } = useT();
  return (
    <div className="card space-y-3">
      <FormErrors errors={lastResult?.error?.[""] ?? lastResult?.error?.reason} />
      <Form method="post">
        <button type="submit" name="intent" value="verify" className="btn-primary w-full">
          {t("ventures.verify")}
        </button>
      </Form>
      <Form method="post" className="space-y-2">
        <RefuseFields label={t("ventures.refuseReason")} button={t("ventures.refuse")} intent="refuse" />
      </Form>
    </div>
  );
}

/** The bureau's refusal of a leave period waiting for verification. */
export function LeaveRefuseForm({ leaveId }: { leaveId: string }) {
  const { t } = useT();
  return (
    <Form method="post" className="space-y-2">
      <input type="hidden" name="leaveId" value={leaveId} />
      <RefuseFields label={t("leaves.refuseReason")} button={t("leaves.refuse")} intent="refuseLeave" />
    </Form>
  );
}
