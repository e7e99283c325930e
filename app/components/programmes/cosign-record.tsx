import { formatDate, formatMoney } from "~/i18n/format";
import { useT } from "~/i18n/use-t";
import type { CosignView } from "~/modules/programmes/programmes.cosign.queries.server";
import type { ReactNode } from "react";

type Serialised<T> = T extends Date ? string : T extends object ? { [K in keyof T]: Serialised<T[K]> } : T;
type View = Serialised<CosignView> | CosignView;

/**
 * The payment proposals with who proposed and who signed or refused, and why. Both bureaus see
 * the same list; the forms of whoever is looking come as children of each pending row.
 */
export function CosignProposals({
  view,
  pendingActions,
  children,
}: {
  view: View;
  /** Finance's sign and refuse forms for a pending proposal. */
  pendingActions?: (proposal: { id: string; amountFen: number }) => ReactNode;
  children?: ReactNode;
}) {
  const { t, locale } = useT();
  return (
    <div className="card space-y-3">
      <h2 className="font-semibold">{t("cosign.proposals")}</h2>
      {view.proposals.length === 0 ? <p>{t("cosign.noProposals")}</p> : null}
      <ul className="space-y-3">
        {view.proposals.map((proposal) => (
          <li
            key={proposal.id}
            className="space-y-1 border-t border-stone-200 pt-2 first:border-0 first:pt-0"
          >
            <p>
              {t("cosign.proposal", {
                amount: formatMoney(locale, proposal.amountFen),
                name: proposal.proposedBy,
                date: formatDate(locale, proposal.proposedAt),
              })}
            </p>
            {proposal.note ? (
              <p className="text-sm">{t("cosign.proposalNote", { note: proposal.note })}</p>
            ) : null}
            <p className={proposal.status === "REFUSED" ? "text-red-800" : "font-medium"}>
              {t(`cosign.proposalStatus.${proposal.status}`)}
              {proposal.decidedAt
                ? ` · ${t("cosign.decidedBy", { name: proposal.decidedBy, date: formatDate(locale, proposal.decidedAt) })}`
                : ""}
            </p>
            {proposal.refusalReason ? (
              <p className="text-sm text-red-800">
                {t("cosign.refusalReason", { reason: proposal.refusalReason })}
              </p>
            ) : null}
            {proposal.status === "PENDING" && pendingActions ? pendingActions(proposal) : null}
          </li>
        ))}
      </ul>
      {children}
    </div>
  );
}

/** Each evaluation round: the science bureau's score and narrative, then finance's opinion. */
export function CosignEvaluations({ view, children }: { view: View; children?: ReactNode }) {
  const { t, locale } = useT();
  return (
    <div className="card space-y-3">
      <h2 className="font-semibold">{t("cosign.evaluations")}</h2>
      {view.rounds.length === 0 ? <p>{t("cosign.noEvaluations")}</p> : null}
      <ul className="space-y-3">
        {view.rounds.map((round) => (
          <li key={round.id} className="space-y-1 border-t border-stone-200 pt-2 first:border-0 first:pt-0">
            <p>
              {t("cosign.round", {
                name: round.evaluatedBy,
                date: formatDate(locale, round.evaluatedAt),
                score: round.score,
                narrative: round.narrative,
              })}
              {round.commended ? t("cosign.roundCommended") : ""}
            </p>
            <p className={round.financeOpinion === "DISAGREE" ? "text-red-800" : "font-medium"}>
              {round.financeOpinion
                ? t(`cosign.opinion.${round.financeOpinion}`, {
                    name: round.financeBy,
                    date: formatDate(locale, round.financeAt ?? round.evaluatedAt),
                    note: round.financeNote ?? "",
                  })
                : t("cosign.opinion.waiting")}
            </p>
          </li>
        ))}
      </ul>
      {children}
    </div>
  );
}

/** Who stopped payments (停拨) (their name carries their bureau), why, and who resumed them. */
export function CosignStops({
  view,
  activeActions,
}: {
  view: View;
  /** The resume form, for whoever may lift this stop. */
  activeActions?: (stop: { id: string }) => ReactNode;
}) {
  const { t, locale } = useT();
  if (view.stops.length === 0) return null;
  return (
    <ul className="space-y-1">
      {view.stops.map((stop) => (
        <li key={stop.id} className={stop.liftedAt ? "" : "text-red-800"}>
          {t("cosign.stopped", {
            name: stop.stoppedBy,
            date: formatDate(locale, stop.startsAt),
            reason: stop.reason,
          })}
          {stop.liftedAt
            ? ` ${t("cosign.liftedBy", { name: stop.liftedBy, reason: stop.liftReason ?? "" })}`
            : ""}
          {!stop.liftedAt && activeActions ? activeActions(stop) : null}
        </li>
      ))}
    </ul>
  );
}
