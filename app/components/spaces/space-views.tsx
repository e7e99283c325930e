import type { ComputedKpis } from "~/modules/spaces/kpis.server";
import { Link } from "@remix-run/react";
import type { ReactNode } from "react";
import { FactList } from "~/components/fact-list";
import { VerifiedBadge } from "~/components/verified-badge";
import { formatMoney, formatNumber } from "~/i18n/format";
import type { MessageKey } from "~/i18n/i18n";
import type { ServiceRequestStatus, SpaceLevel } from "~/generated/prisma/enums";
import { useT } from "~/i18n/use-t";
import { countyName } from "~/modules/reference/reference";

type DateLike = Date | string | null;

export interface SpaceProfileData {
  level: SpaceLevel | null;
  recognisedAt: DateLike;
  host: string;
  areaSqm: number | null;
  latitude: number | null;
  longitude: number | null;
  openingHours: string;
}

/** 已认定 · 省级, or 未认定: the bureau's recognition, which the dashboard counts. */
export function RecognitionBadge({
  profile,
}: {
  profile: Pick<SpaceProfileData, "level" | "recognisedAt"> | null;
}) {
  const { t } = useT();
  if (!profile?.recognisedAt || !profile.level)
    return (
      <span className="rounded-full bg-stone-100 px-2 py-0.5 text-xs text-stone-700">
        {t("spaces.notRecognised")}
      </span>
    );
  return (
    <span className="rounded-full bg-amber-100 px-2 py-0.5 text-xs font-medium text-amber-900">
      {t("spaces.recognised", { level: t(`spaces.level.${profile.level}`) })}
    </span>
  );
}

/** Host, county, area, hours and location as short facts. */
export function SpaceFacts({
  profile,
  countyCode,
}: {
  profile: SpaceProfileData | null;
  countyCode: string | null;
}) {
  const { t, locale } = useT();
  const rows: [string, ReactNode][] = [
    [t("spaces.profile.county"), countyName(countyCode, locale) ?? null],
    [t("spaces.profile.host"), profile?.host || null],
    [
      t("spaces.profile.areaShort"),
      profile?.areaSqm
        ? t("spaces.profile.areaValue", { area: formatNumber(locale, profile.areaSqm) })
        : null,
    ],
    [t("spaces.profile.openingHours"), profile?.openingHours || null],
    [
      t("spaces.profile.location"),
      profile?.latitude != null && profile.longitude != null
        ? t("spaces.profile.locationValue", {
            lat: profile.latitude.toFixed(4),
            lng: profile.longitude.toFixed(4),
          })
        : null,
    ],
  ];
  return <FactList facts={rows} className="gap-x-3 gap-y-1 text-sm" />;
}

export interface SpaceCardData {
  id: string;
  name: string;
  nameEn: string | null;
  countyCode: string | null;
  verifiedAt: DateLike;
  profile: SpaceProfileData | null;
  servicesPublished: number;
  requestsCompleted: number;
  averageRating: number | null;
}

export function SpaceCard({ space }: { space: SpaceCardData }) {
  const { t, locale } = useT();
  return (
    <article className="card space-y-2">
      <div className="flex flex-wrap items-center gap-2">
        <RecognitionBadge profile={space.profile} />
        <VerifiedBadge verified={Boolean(space.verifiedAt)} />
      </div>
      <h2 className="text-lg font-semibold leading-snug">
        <Link to={`/spaces/${space.id}`} className="hover:underline">
          {locale === "en" && space.nameEn ? space.nameEn : space.name}
        </Link>
      </h2>
      <SpaceFacts profile={space.profile} countyCode={space.countyCode} />
      <p className="flex flex-wrap gap-x-4 gap-y-1 text-sm text-stone-700">
        <span>{t("spaces.stats.services", { count: space.servicesPublished })}</span>
        <span>{t("spaces.stats.completed", { count: space.requestsCompleted })}</span>
        <span>
          {space.averageRating === null
            ? t("spaces.stats.noRating")
            : t("spaces.stats.rating", { rating: space.averageRating })}
        </span>
      </p>
    </article>
  );
}

/** The figures the platform computes for a space, per year (kpis.server.ts). */
export type ComputedKpiData = ComputedKpis;

export interface KpiReportData {
  year: number;
  incubated: number;
  mentors: number;
  trainingsHeld: number;
  peopleTrained: number;
  jobsCreated: number;
  financingFen: number;
}

/**
 * One table, a row per year; scrolls sideways on a narrow phone instead of squeezing. Without rows
 * it says so in one line under its caption's words.
 */
function YearTable<Row extends { year: number }>({
  caption,
  rows,
  columns,
}: {
  caption: string;
  rows: Row[];
  columns: [MessageKey, (row: Row) => ReactNode][];
}) {
  const { t } = useT();
  if (rows.length === 0) {
    return (
      <p className="text-stone-600">
        {caption}：{t("spaces.kpi.empty")}
      </p>
    );
  }
  return (
    <div tabIndex={0} className="overflow-x-auto">
      <table className="w-full min-w-max text-sm">
        <caption className="mb-2 text-left font-medium">{caption}</caption>
        <thead>
          <tr className="border-b border-stone-300 text-left">
            <th scope="col" className="py-1 pr-3">
              {t("spaces.kpi.year")}
            </th>
            {columns.map(([label]) => (
              <th key={label} scope="col" className="py-1 pr-3">
                {t(label)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.year} className="border-b border-stone-100">
              <th scope="row" className="py-1 pr-3 text-left">
                {row.year}
              </th>
              {columns.map(([label, value]) => (
                <td key={label} className="py-1 pr-3">
                  {value(row) ?? t("spaces.kpi.none")}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The space's results: what the platform recorded and what the space reported, year by year. */
export function KpiSection({
  computed,
  reports,
}: {
  computed?: ComputedKpiData[];
  reports: KpiReportData[];
}) {
  const { t, locale } = useT();
  const percent = (value: number | null) => (value === null ? null : `${Math.round(value * 100)}%`);
  return (
    <section className="card space-y-4" aria-labelledby="kpis">
      <h2 id="kpis" className="text-lg font-semibold">
        {t("spaces.kpi.title")}
      </h2>
      {computed ? (
        <YearTable
          caption={t("spaces.kpi.computed")}
          rows={computed}
          columns={[
            ["spaces.kpi.servicesPublished", (row) => row.servicesPublished],
            ["spaces.kpi.requestsReceived", (row) => row.requestsReceived],
            ["spaces.kpi.requestsAccepted", (row) => row.requestsAccepted],
            ["spaces.kpi.requestsCompleted", (row) => row.requestsCompleted],
            ["spaces.kpi.acceptanceRate", (row) => percent(row.acceptanceRate)],
            ["spaces.kpi.medianDays", (row) => row.medianDaysToRespond],
            ["spaces.kpi.averageRating", (row) => row.averageRating],
            ["spaces.kpi.trainingsHosted", (row) => row.trainingsHeld],
          ]}
        />
      ) : null}
      <YearTable
        caption={t("spaces.kpi.reported")}
        rows={reports}
        columns={[
          ["spaces.kpi.incubated", (row) => row.incubated],
          ["spaces.kpi.mentors", (row) => row.mentors],
          ["spaces.kpi.trainingsHeld", (row) => row.trainingsHeld],
          ["spaces.kpi.peopleTrained", (row) => row.peopleTrained],
          ["spaces.kpi.jobsCreated", (row) => row.jobsCreated],
          ["spaces.kpi.financingShort", (row) => formatMoney(locale, row.financingFen)],
        ]}
      />
    </section>
  );
}

const STATUS_STYLE: Record<string, string> = {
  SUBMITTED: "bg-amber-100 text-amber-900",
  ACCEPTED: "bg-sky-100 text-sky-900",
  COMPLETED: "bg-green-100 text-green-900",
  DECLINED: "bg-stone-200 text-stone-800",
  CANCELLED: "bg-stone-100 text-stone-700",
};

export function RequestStatus({ status }: { status: ServiceRequestStatus }) {
  const { t } = useT();
  return (
    <span className={`rounded-full px-2 py-0.5 text-xs font-medium ${STATUS_STYLE[status] ?? ""}`}>
      {t(`spaces.requestStatus.${status}`)}
    </span>
  );
}
