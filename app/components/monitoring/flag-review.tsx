import type { SubmissionResult } from "@conform-to/react";
import { Link, useNavigation } from "@remix-run/react";
import { Form } from "~/components/form";
import { ErrorList } from "~/components/forms";
import { formatDate } from "~/i18n/format";
import { useT } from "~/i18n/use-t";
import { countyName } from "~/modules/reference/reference";
import { FlagSummary } from "./reports";

export interface FlagRow {
  id: string;
  rule: string;
  evidence: unknown;
  status: "OPEN" | "DISMISSED" | "CONFIRMED";
  countyCode: string;
  resolution: string | null;
  createdAt: string | Date;
  application: { id: string; title: string };
}

/** One flag in the review queue, with dismiss / confirm for the city science bureau. */
export function FlagCard({
  flag,
  mayReview,
  lastResult,
}: {
  flag: FlagRow;
  mayReview: boolean;
  lastResult?: SubmissionResult<string[]>;
}) {
  const { t, locale } = useT();
  const navigation = useNavigation();
  const reply =
    (lastResult?.initialValue as { flagId?: unknown } | undefined)?.flagId === flag.id
      ? lastResult
      : undefined;
  return (
    <article
      className="card space-y-2"
      aria-label={t(`monitoring.rule.${flag.rule}` as "monitoring.rule.OVER_LINE")}
    >
      <p className="text-sm text-stone-600">
        {formatDate(locale, flag.createdAt)} · {countyName(flag.countyCode, locale)} ·{" "}
        <Link to={`/programmes/applications/${flag.application.id}/reports`} className="link">
          {flag.application.title}
        </Link>
      </p>
      <FlagSummary rule={flag.rule} evidence={flag.evidence} />
      <p className="text-sm">
        {t(`monitoring.flagStatus.${flag.status}`)}
        {flag.resolution ? ` — ${flag.resolution}` : ""}
      </p>
      {flag.status === "CONFIRMED" ? (
        <Link
          to={`/bureau/sanctions/new?application=${flag.application.id}&flag=${flag.id}`}
          className="link"
        >
          {t("monitoring.toSanctions")}
        </Link>
      ) : null}
      {mayReview && flag.status === "OPEN" ? (
        <Form method="post" className="space-y-2 border-t border-stone-100 pt-2">
          <input type="hidden" name="flagId" value={flag.id} />
          <ErrorList errors={reply?.error?.[""]} />
          <label className="block space-y-1">
            <span className="block font-medium">{t("monitoring.field.flagReason")}</span>
            <textarea name="reason" rows={2} className="w-full" required />
          </label>
          <ErrorList errors={reply?.error?.reason} />
          <div className="grid grid-cols-2 gap-2">
            <button
              type="submit"
              name="intent"
              value="confirm"
              className="btn-primary w-full"
              disabled={navigation.state === "submitting"}
            >
              {t("monitoring.confirmFlag")}
            </button>
            <button
              type="submit"
              name="intent"
              value="dismiss"
              className="btn-secondary w-full"
              disabled={navigation.state === "submitting"}
            >
              {t("monitoring.dismissFlag")}
            </button>
          </div>
        </Form>
      ) : null}
    </article>
  );
}

/** Change requests waiting for the reader's signature, each a link to the project's plan page. */
export function ChangesAwaiting({
  requests,
}: {
  requests: {
    id: string;
    status: string;
    kinds: string[];
    createdAt: string | Date;
    application: { id: string; title: string; countyCode: string };
  }[];
}) {
  const { t, locale } = useT();
  return (
    <div className="card space-y-2">
      <h2 className="font-semibold">{t("monitoring.awaitingYou")}</h2>
      <ul className="space-y-1">
        {requests.map((request) => (
          <li key={request.id}>
            <Link to={`/programmes/applications/${request.application.id}/plan`} className="link">
              {request.application.title}
            </Link>{" "}
            · {countyName(request.application.countyCode, locale)} · {formatDate(locale, request.createdAt)} ·{" "}
            {request.kinds.map((kind) => t(`monitoring.kind.${kind}` as "monitoring.kind.SCOPE")).join("、")}
          </li>
        ))}
      </ul>
    </div>
  );
}
