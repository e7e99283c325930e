import { LeaveRefuseForm } from "~/components/commissioners/decision-forms";
import { Form } from "~/components/form";
import { formatDate } from "~/i18n/format";
import { useT } from "~/i18n/use-t";

export interface LeaveView {
  id: string;
  startDate: string | Date;
  endDate: string | Date | null;
  employerName: string;
  evidenceUploadId: string | null;
  verifiedAt: string | Date | null;
  refusedAt?: string | Date | null;
  refusalReason?: string;
  changes?: {
    id: string;
    fromEndDate: string | Date | null;
    toEndDate: string | Date;
    reason: string;
    createdAt: string | Date;
  }[];
  name?: string;
}

/** Moving a leave's end: later to extend it, earlier to end it early, always with a reason. */
function LeaveEndForm({ leaveId }: { leaveId: string }) {
  const { t } = useT();
  return (
    <details className="text-sm">
      <summary className="cursor-pointer font-medium">{t("leaves.changeEnd")}</summary>
      <Form method="post" className="mt-2 space-y-2">
        <input type="hidden" name="leaveId" value={leaveId} />
        <p className="text-stone-700">{t("leaves.changeHint")}</p>
        <label className="block">
          <span className="font-medium">{t("leaves.field.newEnd")}</span>
          <input name="endDate" type="date" required className="input mt-1 w-full" />
        </label>
        <label className="block">
          <span className="font-medium">{t("leaves.field.changeReason")}</span>
          <input name="reason" required minLength={2} maxLength={200} className="input mt-1 w-full" />
        </label>
        <button type="submit" name="intent" value="changeLeaveEnd" className="btn-secondary w-full">
          {t("leaves.changeEnd")}
        </button>
      </Form>
    </details>
  );
}

/** One 停薪留职 period: employer, dates, state; evidence and verify where the viewer may. */
export function LeaveItem({
  leave,
  showEvidence,
  canVerify,
  canChange = false,
}: {
  leave: LeaveView;
  showEvidence: boolean;
  canVerify: boolean;
  /** The commissioner and the bureau move the end of a leave that was not refused. */
  canChange?: boolean;
}) {
  const { t, locale } = useT();
  return (
    <li className="card space-y-1">
      <p>
        {leave.name ? `${leave.name} · ` : ""}
        {t("leaves.line", {
          employer: leave.employerName,
          from: formatDate(locale, leave.startDate),
          to: leave.endDate ? formatDate(locale, leave.endDate) : t("leaves.open"),
        })}
      </p>
      {leave.refusedAt ? (
        <p className="text-sm text-red-800">{t("leaves.refused", { reason: leave.refusalReason ?? "" })}</p>
      ) : (
        <p className={leave.verifiedAt ? "text-sm text-green-800" : "text-sm text-amber-800"}>
          {t(leave.verifiedAt ? "leaves.verified" : "leaves.unverified")}
        </p>
      )}
      {leave.changes?.length ? (
        <div className="text-sm text-stone-700">
          <p className="font-medium">{t("leaves.history")}</p>
          <ul>
            {leave.changes.map((change) => (
              <li key={change.id}>
                {t("leaves.historyLine", {
                  date: formatDate(locale, change.createdAt),
                  from: change.fromEndDate ? formatDate(locale, change.fromEndDate) : t("leaves.open"),
                  to: formatDate(locale, change.toEndDate),
                  reason: change.reason,
                })}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {canChange && !leave.refusedAt ? <LeaveEndForm leaveId={leave.id} /> : null}
      {showEvidence && leave.evidenceUploadId ? (
        <a href={`/commissioners/leaves/evidence/${leave.evidenceUploadId}`} className="text-sm underline">
          {t("leaves.evidence")}
        </a>
      ) : null}
      {canVerify && !leave.verifiedAt && !leave.refusedAt ? (
        <>
          <Form method="post">
            <input type="hidden" name="leaveId" value={leave.id} />
            <button type="submit" name="intent" value="verifyLeave" className="btn-secondary w-full">
              {t("leaves.verify")}
            </button>
          </Form>
          <LeaveRefuseForm leaveId={leave.id} />
        </>
      ) : null}
    </li>
  );
}

/** Recording a 停薪留职 period (multipart: an optional photo of the approval). */
export function LeaveForm({
  people,
  userId,
}: {
  /** The bureau chooses the commissioner; a commissioner records their own (userId). */
  people?: { id: string; displayName: string }[];
  userId?: string;
}) {
  const { t } = useT();
  return (
    <Form method="post" encType="multipart/form-data" className="card space-y-3">
      <h2 className="text-lg font-semibold">{t("leaves.record")}</h2>
      {people ? (
        <label className="block">
          <span className="font-medium">{t("commissioners.field.expert")}</span>
          <select name="userId" required className="input mt-1 w-full">
            {people.map((person) => (
              <option key={person.id} value={person.id}>
                {person.displayName}
              </option>
            ))}
          </select>
        </label>
      ) : (
        <input type="hidden" name="userId" value={userId} />
      )}
      <label className="block">
        <span className="font-medium">{t("leaves.field.employer")}</span>
        <input name="employerName" required minLength={2} maxLength={80} className="input mt-1 w-full" />
      </label>
      <label className="block">
        <span className="font-medium">{t("leaves.field.startDate")}</span>
        <input name="startDate" type="date" required className="input mt-1 w-full" />
      </label>
      <label className="block">
        <span className="font-medium">{t("leaves.field.endDate")}</span>
        <input name="endDate" type="date" className="input mt-1 w-full" />
      </label>
      <label className="block">
        <span className="font-medium">{t("leaves.field.evidence")}</span>
        <input name="evidence" type="file" accept="image/jpeg,image/png,image/webp" className="mt-1 w-full" />
      </label>
      <button type="submit" name="intent" value="recordLeave" className="btn-primary w-full">
        {t("leaves.record")}
      </button>
    </Form>
  );
}
