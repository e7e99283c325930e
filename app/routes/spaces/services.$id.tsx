import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FormErrors } from "~/components/forms";
import { ListingModeration, ListingOwnerActions } from "~/components/listings/listing-controls";
import { formatDate } from "~/i18n/format";
import { getLocale } from "~/i18n/i18n.server";
import { translate } from "~/i18n/i18n";
import { useT } from "~/i18n/use-t";
import { ServiceActionSchema } from "~/modules/spaces/spaces.schema";
import {
  getServiceDetail,
  hideService,
  publishService,
  unhideService,
  withdrawService,
} from "~/modules/spaces/spaces.server";
import { getOptionalUser, requireUser } from "~/modules/users/guards.server";
import { can } from "~/modules/users/permissions";
import { domainErrorResponse } from "~/utils/errors";
import { replyInvalid, replyWithDomainError } from "~/utils/forms.server";
import { requestMeta } from "~/utils/request.server";
import { redirectWithToast } from "~/utils/toast.server";
import { CategoryLabel, ServiceFacts, SpaceName } from "~/components/spaces/service-views";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.service.title} · ${translate(data.locale, "app.name")}` : "XiangKe" },
  { name: "description", content: data?.service.description.slice(0, 150) ?? "" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await getOptionalUser(request);
  const [page, locale] = await Promise.all([
    getServiceDetail(viewer, params.id ?? "").catch((error: unknown) => {
      throw domainErrorResponse(error);
    }),
    getLocale(request),
  ]);
  // Villages and farmers ask for a live service through its request form.
  const canRequest =
    can(viewer, "service.request") &&
    !page.isOwner &&
    page.service.status === "PUBLISHED" &&
    !page.service.hiddenAt;
  return { ...page, canRequest, locale };
}

const TOASTS = {
  publish: "spaces.toast.published",
  withdraw: "spaces.toast.withdrawn",
  hide: "spaces.toast.hidden",
  unhide: "spaces.toast.unhidden",
} as const;

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const serviceId = params.id ?? "";
  const submission = parseWithZod(await request.formData(), { schema: ServiceActionSchema });
  if (submission.status !== "success") return replyInvalid(submission);
  const command = submission.value;
  const meta = requestMeta(request, context);
  try {
    if (command.intent === "publish") await publishService(user, serviceId, meta);
    else if (command.intent === "withdraw") await withdrawService(user, serviceId, meta);
    else if (command.intent === "hide") await hideService(user, serviceId, command.reason, meta);
    else await unhideService(user, serviceId, meta);
    return redirectWithToast(`/services/${serviceId}`, { message: TOASTS[command.intent] });
  } catch (error) {
    return replyWithDomainError(submission, error, await getLocale(request));
  }
}

export default function ServicePage() {
  const { service, isOwner, canModerate, canRequest } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { t, locale } = useT();
  // The hide form shows its own errors; a refused publish or withdraw shows at the top.
  const isHideReply = lastResult?.initialValue?.intent === "hide";
  return (
    <article className="mx-auto max-w-2xl space-y-4">
      {!isHideReply ? <FormErrors errors={lastResult?.error?.[""]} /> : null}
      {service.hiddenAt ? (
        <p role="note" className="rounded-lg border-l-4 border-red-600 bg-red-50 px-4 py-3">
          {t("spaces.notice.hidden", { reason: service.hiddenReason ?? "" })}
        </p>
      ) : null}
      {service.status === "DRAFT" ? (
        <p role="note" className="rounded-lg border-l-4 border-amber-500 bg-amber-50 px-4 py-3">
          {t("spaces.notice.draft")}
        </p>
      ) : null}
      {service.status === "WITHDRAWN" ? (
        <p role="note" className="rounded-lg border-l-4 border-stone-500 bg-stone-100 px-4 py-3">
          {t("spaces.notice.withdrawn")}
        </p>
      ) : null}
      <header className="space-y-2">
        <div className="flex flex-wrap items-center gap-2">
          <CategoryLabel category={service.category} />
          {isOwner ? (
            <span className="text-sm text-stone-600">{t(`spaces.status.${service.status}`)}</span>
          ) : null}
          {service.publishedAt ? (
            <span className="text-sm text-stone-600">
              {t("spaces.publishedOn", { date: formatDate(locale, service.publishedAt) })}
            </span>
          ) : null}
        </div>
        <h1 className="text-2xl font-bold">{service.title}</h1>
        <p>
          <span className="text-stone-600">{t("spaces.provider")}：</span>
          <SpaceName organisation={service.organisation} />
        </p>
      </header>
      <section className="card space-y-4">
        <ServiceFacts service={service} />
        <p className="whitespace-pre-line break-words">{service.description}</p>
        {canRequest ? (
          <Link to={`/services/${service.id}/request`} className="btn-primary w-full sm:w-auto">
            {t("spaces.request.action")}
          </Link>
        ) : null}
      </section>
      {isOwner ? (
        <ListingOwnerActions
          status={service.status}
          editHref={`/services/${service.id}/edit`}
          labels={{
            title: t("spaces.manage"),
            edit: t("spaces.action.edit"),
            publish: t("spaces.action.publish"),
            republish: t("spaces.action.republish"),
            withdraw: t("spaces.action.withdraw"),
          }}
        />
      ) : null}
      {canModerate && (service.hiddenAt || service.status === "PUBLISHED") ? (
        <ListingModeration
          hidden={Boolean(service.hiddenAt)}
          formId="hide-service"
          lastResult={isHideReply ? lastResult : undefined}
          labels={{
            title: t("spaces.moderate"),
            unhide: t("spaces.action.unhide"),
            reason: t("spaces.hide.reason"),
            reasonHint: t("spaces.hide.reasonHint"),
            hide: t("spaces.action.hide"),
          }}
        />
      ) : null}
    </article>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
