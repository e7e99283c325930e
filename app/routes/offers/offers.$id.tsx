import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FormErrors } from "~/components/forms";
import { ListingModeration, ListingOwnerActions } from "~/components/listings/listing-controls";
import { formatDate } from "~/i18n/format";
import { getLocale } from "~/i18n/i18n.server";
import { translate } from "~/i18n/i18n";
import { useT } from "~/i18n/use-t";
import { OfferActionSchema } from "~/modules/offers/offers.schema";
import {
  getOfferPage,
  hideOffer,
  publishOffer,
  unhideOffer,
  withdrawOffer,
} from "~/modules/offers/offers.server";
import { getOptionalUser, requireUser } from "~/modules/users/guards.server";
import { can } from "~/modules/users/permissions";
import { domainErrorResponse } from "~/utils/errors";
import { replyInvalid, replyWithDomainError } from "~/utils/forms.server";
import { requestMeta } from "~/utils/request.server";
import { redirectWithToast } from "~/utils/toast.server";
import { KindLabel, OfferFacts, ProviderName } from "~/components/offers/offer-card";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.offer.title} · ${translate(data.locale, "app.name")}` : "XiangKe" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await getOptionalUser(request);
  const [page, locale] = await Promise.all([
    getOfferPage(viewer, params.id ?? "").catch((error: unknown) => {
      throw domainErrorResponse(error);
    }),
    getLocale(request),
  ]);
  // Villages and farmers may draft an agreement with the provider of a published offer.
  const canDraftAgreement =
    can(viewer, "need.post") && !page.isOwner && page.offer.status === "PUBLISHED" && !page.offer.hiddenAt;
  return { ...page, locale, canDraftAgreement };
}

const TOASTS = {
  publish: "offers.toast.published",
  withdraw: "offers.toast.withdrawn",
  hide: "offers.toast.hidden",
  unhide: "offers.toast.unhidden",
} as const;

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const offerId = params.id ?? "";
  const submission = parseWithZod(await request.formData(), { schema: OfferActionSchema });
  if (submission.status !== "success") return replyInvalid(submission);
  const command = submission.value;
  const meta = requestMeta(request, context);
  try {
    if (command.intent === "publish") await publishOffer(user, offerId, meta);
    else if (command.intent === "withdraw") await withdrawOffer(user, offerId, meta);
    else if (command.intent === "hide") await hideOffer(user, offerId, command.reason, meta);
    else await unhideOffer(user, offerId, meta);
    return redirectWithToast(`/offers/${offerId}`, { message: TOASTS[command.intent] });
  } catch (error) {
    return replyWithDomainError(submission, error, await getLocale(request));
  }
}

export default function OfferPage() {
  const { offer, isOwner, canModerate, canDraftAgreement } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { t, locale } = useT();
  // The hide form shows its own errors; a refused publish or withdraw shows at the top.
  const isHideReply = lastResult?.initialValue?.intent === "hide";
  return (
    <article className="mx-auto max-w-2xl space-y-4">
      {!isHideReply ? <FormErrors errors={lastResult?.error?.[""]} /> : null}
      {offer.hiddenAt ? (
        <p role="note" className="rounded-lg border-l-4 border-red-600 bg-red-50 px-4 py-3">
          {t("offers.notice.hidden", { reason: offer.hiddenReason ?? "" })}
        </p>
      ) : null}
      {offer.status === "DRAFT" ? (
        <p role="note" className="rounded-lg border-l-4 border-amber-500 bg-amber-50 px-4 py-3">
          {t("offers.notice.draft")}
        </p>
      ) : null}
      {offer.status === "WITHDRAWN" ? (
        <p role="note" className="rounded-lg border-l-4 border-stone-500 bg-stone-100 px-4 py-3">
          {t("offers.notice.withdrawn")}
        </p>
      ) : null}
      <header className="space-y-2">
        <div className="flex flex-wrap items-center gap-2">
          <KindLabel kind={offer.kind} />
          {isOwner ? (
            <span className="text-sm text-stone-600">{t(`offers.status.${offer.status}`)}</span>
          ) : null}
          {offer.publishedAt ? (
            <span className="text-sm text-stone-600">
              {t("offers.publishedOn", { date: formatDate(locale, offer.publishedAt) })}
            </span>
          ) : null}
        </div>
        <h1 className="text-2xl font-bold">{offer.title}</h1>
        <p>
          <span className="text-stone-600">{t("offers.provider")}：</span>
          <ProviderName offer={offer} />
        </p>
      </header>
      <section className="card space-y-4">
        <OfferFacts offer={offer} />
        <p className="whitespace-pre-line break-words">{offer.description}</p>
      </section>
      {canDraftAgreement ? (
        <Form method="post" action="/agreements/new" className="card">
          <input type="hidden" name="source" value="offer" />
          <input type="hidden" name="offerId" value={offer.id} />
          <input type="hidden" name="redirectTo" value={`/offers/${offer.id}`} />
          <button type="submit" className="btn-primary w-full sm:w-auto">
            {t("agreements.action.draft")}
          </button>
        </Form>
      ) : null}
      {isOwner ? (
        <ListingOwnerActions
          status={offer.status}
          editHref={`/offers/${offer.id}/edit`}
          labels={{
            title: t("offers.manage"),
            edit: t("offers.action.edit"),
            publish: t("offers.action.publish"),
            republish: t("offers.action.republish"),
            withdraw: t("offers.action.withdraw"),
          }}
        />
      ) : null}
      {canModerate && (offer.hiddenAt || offer.status === "PUBLISHED") ? (
        <ListingModeration
          hidden={Boolean(offer.hiddenAt)}
          formId="hide-offer"
          lastResult={isHideReply ? lastResult : undefined}
          labels={{
            title: t("offers.moderate"),
            unhide: t("offers.action.unhide"),
            reason: t("offers.hide.reason"),
            reasonHint: t("offers.hide.reasonHint"),
            hide: t("offers.action.hide"),
          }}
        />
      ) : null}
    </article>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
