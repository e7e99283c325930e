import type { SubmissionResult } from "@conform-to/react";
import { Link } from "@remix-run/react";
import { Form } from "~/components/form";
import { FormErrors } from "~/components/forms";
import { IntentButton } from "~/components/intent-button";
import { formatDate, formatMoney } from "~/i18n/format";
import { useT } from "~/i18n/use-t";
import { Photo } from "~/components/photo";
import type { pairingPage } from "~/modules/pairings/pairings.queries.server";
import { PairingPlace } from "./pairing-list";

type Page = Awaited<ReturnType<typeof pairingPage>>;
type Pairing = Page["pairing"];

function Amount({ kind, value }: { kind: string; value: number }) {
  const { locale } = useT();
  return <>{kind === "FUNDING_FEN" ? formatMoney(locale, value) : value}</>;
}

/** Where a report's photo is served: through its pairing, to those who may see the pairing. */
const pairingPhotoUrl = (pairingId: string, uploadId: string) =>
  `/pairings/${encodeURIComponent(pairingId)}/photos/${encodeURIComponent(uploadId)}`;

/** A report's photos as thumbnails, each opening the full photo. */
export function ReportPhotos({ pairingId, photoIds }: { pairingId: string; photoIds: readonly string[] }) {
  const { t } = useT();
  if (photoIds.length === 0) return null;
  return (
    <figure className="space-y-1">
      <figcaption className="text-sm text-stone-600">
        {t("pairings.detail.photos", { count: photoIds.length })}
      </figcaption>
      <div className="grid grid-cols-3 gap-2">
        {photoIds.map((id, index) => (
          <a key={id} href={pairingPhotoUrl(pairingId, id)} target="_blank" rel="noreferrer">
            <Photo
              src={pairingPhotoUrl(pairingId, id)}
              sizes="33vw"
              alt={t("pairings.detail.photoAlt", { number: index + 1 })}
              className="aspect-square w-full rounded object-cover"
            />
          </a>
        ))}
      </div>
    </figure>
  );
}

/** A pairing: place and status, commitments against what the reports add up to, and the reports. */
export function PairingDetail({
  pairing,
  member,
  oversees,
  lastResult,
}: {
  pairing: Pairing;
  member: boolean;
  oversees: boolean;
  lastResult?: SubmissionResult<string[]>;
}) {
  const { t, locale } = useT();
  const kindOf = new Map(pairing.commitments.map((c) => [c.id, c.kind]));
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <header className="space-y-1">
        <h1 className="text-2xl font-bold">{pairing.organisation.name}</h1>
        <p>
          <PairingPlace item={pairing} />
        </p>
        <p className="text-sm text-stone-600">
          {t(`pairings.status.${pairing.status}`)} ·{" "}
          {t("pairings.period", { start: formatDate(locale, pairing.startsOn) })}
        </p>
        {pairing.note ? <p>{pairing.note}</p> : null}
      </header>
      <FormErrors errors={lastResult?.error?.[""]} />
      <div className="grid gap-2 sm:grid-cols-2">
        {oversees && pairing.status === "PROPOSED" ? (
          <IntentButton intent="agree" label={t("pairings.detail.agree")} primary />
        ) : null}
        {member && pairing.status === "ACTIVE" ? (
          <Link to={`/pairings/${pairing.id}/report`} className="btn-primary w-full text-center">
            {t("pairings.detail.fileReport")}
          </Link>
        ) : null}
        {(oversees || member) && pairing.status !== "ENDED" ? (
          <IntentButton intent="end" label={t("pairings.detail.end")} />
        ) : null}
      </div>
      <section className="space-y-2">
        <h2 className="text-lg font-semibold">{t("pairings.detail.commitments")}</h2>
        <ul className="space-y-2">
          {pairing.commitments.map((c) => (
            <li key={c.id} className="card p-3">
              <p className="font-medium">{t(`pairings.kind.${c.kind}`)}</p>
              <p className="text-sm text-stone-700">
                {t("pairings.detail.target")} <Amount kind={c.kind} value={c.targetPerYear} /> ·{" "}
                {t("pairings.detail.achieved")} <Amount kind={c.kind} value={c.achievedTotal} />
              </p>
            </li>
          ))}
        </ul>
      </section>
      <section className="space-y-2">
        <h2 className="text-lg font-semibold">{t("pairings.detail.reports")}</h2>
        {pairing.reports.length === 0 ? (
          <p className="text-stone-600">{t("pairings.detail.noReports")}</p>
        ) : null}
        <ul className="space-y-3">
          {pairing.reports.map((report) => (
            <li key={report.id} className="card space-y-2 p-3">
              <p className="font-medium">
                {t(report.half === 1 ? "pairings.report.period1" : "pairings.report.period2", {
                  year: report.year,
                })}{" "}
                · {t(`pairings.report.status.${report.status}`)}
              </p>
              <p className="whitespace-pre-line">{report.narrative}</p>
              <ul className="text-sm text-stone-700">
                {report.figures.map((figure) => {
                  const kind = kindOf.get(figure.commitmentId) ?? "";
                  return (
                    <li key={figure.commitmentId}>
                      {kind ? t(`pairings.kind.${kind}`) : ""}: <Amount kind={kind} value={figure.achieved} />
                    </li>
                  );
                })}
              </ul>
              <ReportPhotos pairingId={pairing.id} photoIds={report.photoIds} />
              {oversees && report.status === "SUBMITTED" ? (
                <Form method="post">
                  <input type="hidden" name="reportId" value={report.id} />
                  <button type="submit" name="intent" value="acknowledge" className="btn-secondary w-full">
                    {t("pairings.detail.acknowledge")}
                  </button>
                </Form>
              ) : null}
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
