import { getFormProps, type SubmissionResult } from "@conform-to/react";
import { Link } from "@remix-run/react";
import { Form } from "~/components/form";
import { FormErrors, SelectField, TextAreaField } from "~/components/forms";
import { formatDate, formatMoney } from "~/i18n/format";
import { useT } from "~/i18n/use-t";
import { countyName } from "~/modules/reference/reference";
import { useForm } from "~/utils/use-form";

type When = Date | string;

/** Where an application stands with its county (as prescreen.server.ts's PrescreenState, dates as text). */
export type PrescreenStateView =
  | { kind: "recorded"; opinion: { recommend: boolean; note: string; officerName: string; createdAt: When } }
  | { kind: "waiting" }
  | { kind: "no_officer" };

/**
 * The county's opinion, or why there is none: shown to the city on its application page and to the
 * county on its own. While it is awaited the city's review and decision forms are refused.
 */
export function CountyOpinionPanel({ state, countyCode }: { state: PrescreenStateView; countyCode: string }) {
  const { t, locale } = useT();
  const county = countyName(countyCode, locale) ?? countyCode;
  return (
    <div className="card space-y-2" role="note" aria-labelledby="county-opinion-title">
      <h2 id="county-opinion-title" className="font-semibold">
        {t("counties.city.title")}
      </h2>
      {state.kind === "recorded" ? (
        <>
          <p className={state.opinion.recommend ? "font-medium text-brand-800" : "font-medium text-red-800"}>
            {t("counties.city.recorded", {
              county,
              verdict: t(
                state.opinion.recommend ? "counties.prescreen.recommend" : "counties.prescreen.notRecommend",
              ),
            })}
          </p>
          <p className="whitespace-pre-line">{state.opinion.note}</p>
          <p className="text-sm text-stone-600">
            {t("counties.prescreen.by", {
              name: state.opinion.officerName,
              date: formatDate(locale, state.opinion.createdAt),
            })}
          </p>
        </>
      ) : (
        <p className={state.kind === "waiting" ? "text-amber-900" : "text-stone-600"}>
          {t(state.kind === "waiting" ? "counties.city.waiting" : "counties.city.noOfficer", { county })}
        </p>
      )}
    </div>
  );
}

/** The county officer's opinion: recommend or not, with the reasons the city reads. */
export function CountyOpinionForm({ lastResult }: { lastResult?: SubmissionResult<string[]> }) {
  const { t } = useT();
  const [form, fields] = useForm({ id: "county-opinion", lastResult });
  return (
    <Form method="post" {...getFormProps(form)} className="card space-y-4">
      <h2 className="text-lg font-semibold">{t("counties.prescreen.opinion")}</h2>
      <FormErrors errors={form.errors} />
      <SelectField
        meta={fields.recommend}
        label={t("counties.prescreen.opinion")}
        placeholder="—"
        options={[
          { value: "yes", label: t("counties.prescreen.recommend") },
          { value: "no", label: t("counties.prescreen.notRecommend") },
        ]}
      />
      <TextAreaField
        meta={fields.note}
        label={t("counties.prescreen.note")}
        hint={t("counties.prescreen.noteHint")}
      />
      <button type="submit" className="btn-primary w-full">
        {t("counties.prescreen.submit")}
      </button>
    </Form>
  );
}

type Row = {
  id: string;
  title: string;
  countyCode: string;
  requestedFen: number;
  createdAt: When;
  programme: { title: string };
  countyOpinion: { recommend: boolean } | null;
};

function PrescreenItem({ row }: { row: Row }) {
  const { t, locale } = useT();
  return (
    <li className="card space-y-1 p-3">
      <Link to={`/bureau/prescreen/${row.id}`} className="link font-medium">
        {row.title}
      </Link>
      <p className="text-sm text-stone-600">
        {row.programme.title} · {countyName(row.countyCode, locale)} · {formatMoney(locale, row.requestedFen)}{" "}
        · {t("counties.prescreen.submittedOn", { date: formatDate(locale, row.createdAt) })}
      </p>
      {row.countyOpinion ? (
        <p className="text-sm font-medium">
          {t(
            row.countyOpinion.recommend ? "counties.prescreen.recommend" : "counties.prescreen.notRecommend",
          )}
        </p>
      ) : null}
    </li>
  );
}

export function PrescreenLists({ waiting, done }: { waiting: Row[]; done: Row[] }) {
  const { t } = useT();
  const lists = [
    {
      key: "waiting",
      title: t("counties.prescreen.waiting"),
      empty: t("counties.prescreen.waitingEmpty"),
      rows: waiting,
    },
    {
      key: "done",
      title: t("counties.prescreen.done"),
      empty: t("counties.prescreen.doneEmpty"),
      rows: done,
    },
  ];
  return (
    <>
      {lists.map((list) => (
        <section key={list.key} className="space-y-2" aria-labelledby={`prescreen-${list.key}`}>
          <h2 id={`prescreen-${list.key}`} className="text-xl font-semibold">
            {list.title}
          </h2>
          {list.rows.length === 0 ? <p className="card text-stone-600">{list.empty}</p> : null}
          <ul className="space-y-2">
            {list.rows.map((row) => (
              <PrescreenItem key={row.id} row={row} />
            ))}
          </ul>
        </section>
      ))}
    </>
  );
}
