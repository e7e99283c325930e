import type { SubmissionResult } from "@conform-to/react";
import type { ReactNode } from "react";
import { FormErrors } from "~/components/forms";
import { formatDate } from "~/i18n/format";
import { useT } from "~/i18n/use-t";
import type { ListingKindName } from "~/modules/listings/listing-kinds";
import { ListingModeration, ListingOwnerActions } from "./listing-controls";

/*
 * The detail page of a listing (an offer or a space's service): notices for a hidden, draft or
 * withdrawn listing, the header, the facts and description, then the owner's and the moderator's
 * controls. Each kind passes its name and its own label, provider, facts and next step.
 */

interface Listing {
  id: string;
  title: string;
  description: string;
  status: "DRAFT" | "PUBLISHED" | "WITHDRAWN";
  publishedAt: Date | string | null;
  hiddenAt: Date | string | null;
  hiddenReason: string | null;
}

/** What the detail page's loader and action say of any kind of listing, passed on as they are. */
export interface ListingPageProps {
  isOwner: boolean;
  canModerate: boolean;
  lastResult: SubmissionResult<string[]> | undefined;
}

export function ListingDetail({
  kind,
  listing,
  isOwner,
  canModerate,
  lastResult,
  label,
  provider,
  facts,
  callToAction,
  aside,
}: ListingPageProps & {
  kind: ListingKindName;
  listing: Listing;
  label: ReactNode;
  provider: ReactNode;
  facts: ReactNode;
  /** Shown under the description, inside its card. */
  callToAction?: ReactNode;
  /** Shown after the description's card, before the owner's controls. */
  aside?: ReactNode;
}) {
  const { ns } = kind;
  const { t, locale } = useT();
  // The hide form shows its own errors; a refused publish or withdraw shows at the top.
  const isHideReply = lastResult?.initialValue?.intent === "hide";
  return (
    <article className="mx-auto max-w-2xl space-y-4">
      {!isHideReply ? <FormErrors errors={lastResult?.error?.[""]} /> : null}
      {listing.hiddenAt ? (
        <p role="note" className="rounded-lg border-l-4 border-red-600 bg-red-50 px-4 py-3">
          {t(`${ns}.notice.hidden`, { reason: listing.hiddenReason ?? "" })}
        </p>
      ) : null}
      {listing.status === "DRAFT" ? (
        <p role="note" className="rounded-lg border-l-4 border-amber-500 bg-amber-50 px-4 py-3">
          {t(`${ns}.notice.draft`)}
        </p>
      ) : null}
      {listing.status === "WITHDRAWN" ? (
        <p role="note" className="rounded-lg border-l-4 border-stone-500 bg-stone-100 px-4 py-3">
          {t(`${ns}.notice.withdrawn`)}
        </p>
      ) : null}
      <header className="space-y-2">
        <div className="flex flex-wrap items-center gap-2">
          {label}
          {isOwner ? (
            <span className="text-sm text-stone-600">{t(`${ns}.status.${listing.status}`)}</span>
          ) : null}
          {listing.publishedAt ? (
            <span className="text-sm text-stone-600">
              {t(`${ns}.publishedOn`, { date: formatDate(locale, listing.publishedAt) })}
            </span>
          ) : null}
        </div>
        <h1 className="text-2xl font-bold">{listing.title}</h1>
        <p>
          <span className="text-stone-600">{t(`${ns}.provider`)}：</span>
          {provider}
        </p>
      </header>
      <section className="card space-y-4">
        {facts}
        <p className="whitespace-pre-line break-words">{listing.description}</p>
        {callToAction}
      </section>
      {aside}
      {isOwner ? (
        <ListingOwnerActions
          status={listing.status}
          editHref={`${kind.basePath}/${listing.id}/edit`}
          labels={{
            title: t(`${ns}.manage`),
            edit: t(`${ns}.action.edit`),
            publish: t(`${ns}.action.publish`),
            republish: t(`${ns}.action.republish`),
            withdraw: t(`${ns}.action.withdraw`),
          }}
        />
      ) : null}
      {canModerate && (listing.hiddenAt || listing.status === "PUBLISHED") ? (
        <ListingModeration
          hidden={Boolean(listing.hiddenAt)}
          formId={`hide-${kind.noun}`}
          lastResult={isHideReply ? lastResult : undefined}
          labels={{
            title: t(`${ns}.moderate`),
            unhide: t(`${ns}.action.unhide`),
            reason: t(`${ns}.hide.reason`),
            reasonHint: t(`${ns}.hide.reasonHint`),
            hide: t(`${ns}.action.hide`),
          }}
        />
      ) : null}
    </article>
  );
}
