import { Link } from "@remix-run/react";
import { VerifiedBadge } from "~/components/verified-badge";
import { formatDate } from "~/i18n/format";
import type { ArrangementType, BrandService, NeedKind, NeedStatus, Urgency } from "~/generated/prisma/enums";
import { useT } from "~/i18n/use-t";
import { countyName, INDUSTRIES, localName } from "~/modules/reference/reference";
import type { ReactNode } from "react";
import { FactList } from "~/components/fact-list";
import { MoneyRange } from "~/components/money-range";
import { STATUS_TONE } from "./need-labels";
import { Photo } from "~/components/photo";

export interface NeedDetailsData {
  id: string;
  kind: NeedKind;
  title: string;
  description: string;
  industry: string;
  countyCode: string;
  village: string | null;
  budgetMinFen: number | null;
  budgetMaxFen: number | null;
  urgency: Urgency;
  arrangements: ArrangementType[];
  deadline: string | Date | null;
  status: NeedStatus;
  publishedAt: string | Date | null;
  productName: string | null;
  origin: string | null;
  story: string | null;
  brandServices: BrandService[];
  organisation: { id: string; name: string; verifiedAt: string | Date | null } | null;
  postedBy: { id: string; displayName: string; verifiedAt: string | Date | null };
  photos: { uploadId: string }[];
}

/** Everything a visitor reads about a need, in the order a farmer would tell it. */
export function NeedDetails({ need }: { need: NeedDetailsData }) {
  const { t, locale } = useT();
  const industry = INDUSTRIES.find((item) => item.code === need.industry);
  const rows: [string, ReactNode][] = [
    [t("needs.field.industry"), industry ? localName(industry, locale) : need.industry],
    [
      t("needs.field.county"),
      `${countyName(need.countyCode, locale) ?? ""}${need.village ? ` ${need.village}` : ""}`,
    ],
    [t("needs.budget"), <MoneyRange key="budget" minFen={need.budgetMinFen} maxFen={need.budgetMaxFen} />],
    [t("needs.field.urgency"), t(`needs.urgency.${need.urgency}`)],
    [t("needs.field.arrangements"), need.arrangements.map((a) => t(`arrangement.${a}`)).join("、")],
  ];
  if (need.deadline) rows.push([t("needs.field.deadline"), formatDate(locale, need.deadline)]);
  return (
    <article className="space-y-4">
      <div className="flex flex-wrap items-center gap-2 text-sm">
        <span className={`rounded-full px-2 py-0.5 ${STATUS_TONE[need.status]}`}>
          {t(`needs.status.${need.status}`)}
        </span>
        <span className="rounded-full bg-stone-100 px-2 py-0.5">{t(`needs.kind.${need.kind}`)}</span>
        {need.publishedAt ? (
          <span className="text-stone-600">
            {t("needs.postedOn", { date: formatDate(locale, need.publishedAt) })}
          </span>
        ) : null}
      </div>
      <h1 className="text-2xl font-bold leading-snug">{need.title}</h1>
      <p className="flex flex-wrap items-center gap-2 text-stone-700">
        <span>{t("needs.postedBy")}</span>
        {need.organisation ? (
          <Link to={`/orgs/${need.organisation.id}`} className="link">
            {need.organisation.name}
          </Link>
        ) : (
          <span>{need.postedBy.displayName}</span>
        )}
        <VerifiedBadge
          verified={Boolean(need.organisation ? need.organisation.verifiedAt : need.postedBy.verifiedAt)}
        />
      </p>
      {need.photos.length > 0 ? (
        <ul className="grid grid-cols-2 gap-2 sm:grid-cols-3">
          {need.photos.map((photo, index) => (
            <li key={photo.uploadId}>
              <a href={`/uploads/${photo.uploadId}`}>
                <Photo
                  src={`/uploads/${photo.uploadId}`}
                  sizes="(min-width: 640px) 16rem, 50vw"
                  upTo="full"
                  alt={t("needs.photoAlt", { n: index + 1 })}
                  className="aspect-[4/3] w-full rounded-lg object-cover"
                />
              </a>
            </li>
          ))}
        </ul>
      ) : null}
      <FactList facts={rows} className="card" />
      <p className="whitespace-pre-line leading-relaxed">{need.description}</p>
      {need.kind === "BRANDING" ? (
        <section className="card space-y-2 border-amber-200 bg-amber-50/40">
          {need.productName ? (
            <p>
              <span className="text-stone-600">{t("needs.field.productName")}</span> {need.productName}
            </p>
          ) : null}
          {need.origin ? (
            <p>
              <span className="text-stone-600">{t("needs.field.origin")}</span> {need.origin}
            </p>
          ) : null}
          {need.story ? <p className="whitespace-pre-line">{need.story}</p> : null}
          <ul className="flex flex-wrap gap-2">
            {need.brandServices.map((service) => (
              <li key={service} className="rounded-full bg-amber-100 px-2 py-0.5 text-sm text-amber-900">
                {t(`needs.brandService.${service}`)}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </article>
  );
}

/** Why the need is not (yet) public: a draft, or hidden by the bureau with its reason. */
export function NeedStatusNotices({
  need,
}: {
  need: { status: string; hiddenAt: Date | string | null; hiddenReason: string | null };
}) {
  const { t } = useT();
  return (
    <>
      {need.status === "DRAFT" ? (
        <p className="rounded-lg bg-stone-100 px-4 py-3 text-stone-700">{t("needs.draftNotice")}</p>
      ) : null}
      {need.hiddenAt ? (
        <p className="rounded-lg bg-red-50 px-4 py-3 text-red-800">
          {t("needs.hiddenNotice", { reason: need.hiddenReason ?? "" })}
        </p>
      ) : null}
    </>
  );
}
