import { Link } from "@remix-run/react";
import { Form } from "~/components/form";
import type { ServiceRequestStatus } from "~/generated/prisma/enums";
import type { ReactNode } from "react";
import { formatDate } from "~/i18n/format";
import { useT } from "~/i18n/use-t";
import { countyName } from "~/modules/reference/reference";
import { RequestStatus } from "~/components/spaces/space-views";

type DateLike = Date | string | null;

export interface RequestCardData {
  id: string;
  status: ServiceRequestStatus;
  description: string;
  countyCode: string;
  village: string | null;
  preferredDate: DateLike;
  response: string | null;
  rating: number | null;
  feedback: string | null;
  createdAt: DateLike;
  requesterId: string;
  organisationId: string;
  service: { id: string; title: string } | null;
  space: { id: string; name: string; nameEn: string | null } | null;
  requester: { id: string; displayName: string } | null;
}

/** One service request as either side sees it; the side's buttons come in as children. */
export function RequestCard({
  request,
  side,
  children,
}: {
  request: RequestCardData;
  side: "space" | "requester";
  children?: ReactNode;
}) {
  const { t, locale } = useT();
  const place = [countyName(request.countyCode, locale), request.village].filter(Boolean).join(" · ");
  const spaceName = request.space
    ? locale === "en" && request.space.nameEn
      ? request.space.nameEn
      : request.space.name
    : "";
  return (
    <article className="card space-y-2">
      <div className="flex flex-wrap items-center gap-2">
        <RequestStatus status={request.status} />
        {request.createdAt ? (
          <span className="text-sm text-stone-600">
            {t("spaces.request.submittedOn", { date: formatDate(locale, request.createdAt) })}
          </span>
        ) : null}
      </div>
      <h2 className="font-semibold">
        {request.service ? (
          <Link to={`/services/${request.service.id}`} className="link">
            {request.service.title}
          </Link>
        ) : null}
      </h2>
      {side === "space" ? (
        <p className="text-sm">
          {t("spaces.inbox.requester", { name: request.requester?.displayName ?? "" })}
        </p>
      ) : (
        <p className="text-sm">
          <span className="text-stone-600">{t("spaces.provider")}：</span>
          <Link to={`/spaces/${request.organisationId}`} className="link">
            {spaceName}
          </Link>
        </p>
      )}
      <p className="text-sm text-stone-700">
        {t("spaces.request.place", { place })}
        {request.preferredDate
          ? ` · ${t("spaces.request.preferred", { date: formatDate(locale, request.preferredDate) })}`
          : null}
      </p>
      <p className="whitespace-pre-line break-words">{request.description}</p>
      {request.response ? (
        <p className="rounded-lg bg-stone-50 px-3 py-2 text-sm">
          {t("spaces.mine.answer", { answer: request.response })}
        </p>
      ) : null}
      {request.rating ? (
        <p className="text-sm">
          {t("spaces.mine.ratingValue", { rating: request.rating })}
          {request.feedback ? ` · ${request.feedback}` : null}
        </p>
      ) : null}
      {side === "space" ? (
        <Form method="post" action="/messages/direct">
          <input type="hidden" name="userId" value={request.requesterId} />
          <button type="submit" className="link text-sm">
            {t("spaces.inbox.messageRequester")}
          </button>
        </Form>
      ) : null}
      {children}
    </article>
  );
}
