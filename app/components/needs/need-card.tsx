import { Link } from "@remix-run/react";
import { Highlight } from "~/components/search/highlight";
import { VerifiedBadge } from "~/components/verified-badge";
import { PovertyBadge } from "~/components/poverty-badge";
import { formatDate } from "~/i18n/format";
import type { NeedKind, NeedStatus, Urgency } from "~/generated/prisma/enums";
import { useT } from "~/i18n/use-t";
import { countyName, INDUSTRIES, localName } from "~/modules/reference/reference";
import { MoneyRange } from "~/components/money-range";
import { STATUS_TONE } from "./need-labels";
import { Photo } from "~/components/photo";

export interface NeedCardData {
  id: string;
  kind: NeedKind;
  title: string;
  industry: string;
  countyCode: string;
  village: string | null;
  budgetMinFen: number | null;
  budgetMaxFen: number | null;
  urgency: Urgency;
  deadline: string | Date | null;
  status: NeedStatus;
  publishedAt: string | Date | null;
  organisation: {
    name: string;
    verifiedAt: string | Date | null;
    povertyVillageAt?: string | Date | null;
  } | null;
  postedBy: { displayName: string; verifiedAt: string | Date | null };
  photos: { uploadId: string }[];
  _count: { applications: number };
}

export function NeedCard({ need, terms = [] }: { need: NeedCardData; terms?: readonly string[] }) {
  const { t, locale } = useT();
  const industry = INDUSTRIES.find((item) => item.code === need.industry);
  const poster = need.organisation ?? {
    name: need.postedBy.displayName,
    verifiedAt: need.postedBy.verifiedAt,
  };
  const photo = need.photos[0];
  return (
    <li className="card flex gap-3 p-3 sm:p-4">
      {photo ? (
        <Photo
          src={`/uploads/${photo.uploadId}`}
          sizes="6rem"
          alt=""
          width={96}
          height={96}
          className="h-24 w-24 flex-none rounded-lg object-cover"
        />
      ) : null}
      <div className="min-w-0 flex-1">
        <div className="flex flex-wrap items-center gap-2 text-xs">
          <span className={`rounded-full px-2 py-0.5 ${STATUS_TONE[need.status]}`}>
            {t(`needs.status.${need.status}`)}
          </span>
          {need.kind === "BRANDING" ? (
            <span className="rounded-full bg-amber-100 px-2 py-0.5 text-amber-900">
              {t("needs.kind.BRANDING")}
            </span>
          ) : null}
          {need.urgency === "URGENT" || need.urgency === "HIGH" ? (
            <span className="rounded-full bg-red-100 px-2 py-0.5 text-red-800">
              {t(`needs.urgency.${need.urgency}`)}
            </span>
          ) : null}
        </div>
        <h2 className="mt-1 text-lg font-semibold leading-snug">
          <Link to={`/needs/${need.id}`} className="hover:underline">
            <Highlight text={need.title} terms={terms} />
          </Link>
        </h2>
        <p className="mt-1 text-sm text-stone-700">
          {industry ? localName(industry, locale) : need.industry} · {countyName(need.countyCode, locale)}
          {need.village ? ` ${need.village}` : ""}
        </p>
        <p className="mt-1 flex gap-2 text-sm">
          <span className="text-stone-600">{t("needs.budget")}</span>
          <span className="font-medium text-brand-800">
            <MoneyRange minFen={need.budgetMinFen} maxFen={need.budgetMaxFen} />
          </span>
        </p>
        <div className="mt-2 flex flex-wrap items-center gap-x-3 gap-y-1 text-sm text-stone-600">
          <span className="inline-flex items-center gap-1">
            {poster.name} <VerifiedBadge verified={Boolean(poster.verifiedAt)} compact />
            <PovertyBadge marked={Boolean(need.organisation?.povertyVillageAt)} />
          </span>
          {need.deadline ? (
            <span>{t("needs.deadlineOn", { date: formatDate(locale, need.deadline) })}</span>
          ) : null}
          <span>{t("needs.applicationsCount", { count: need._count.applications })}</span>
        </div>
      </div>
    </li>
  );
}
