import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { AnswerForms } from "~/components/spaces/request-answer-forms";
import { getLocale } from "~/i18n/i18n.server";
import { useT } from "~/i18n/use-t";
import {
  InboxActionSchema,
  InboxFilterSchema,
  REQUEST_STATUSES,
} from "~/modules/spaces/service-requests.schema";
import {
  acceptRequest,
  completeRequest,
  declineRequest,
  listSpaceInbox,
} from "~/modules/spaces/service-requests.server";
import { requirePermission } from "~/modules/users/guards.server";
import { domainErrorResponse } from "~/utils/errors";
import { submitForm } from "~/utils/form-action.server";
import { titleMeta } from "~/utils/meta";
import { requestMeta } from "~/utils/request.server";
import { RequestCard } from "~/components/spaces/request-card";

export const meta: MetaFunction<typeof loader> = titleMeta("spaces.inbox.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "space.manageServices");
  const filter = InboxFilterSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const [inbox, locale] = await Promise.all([
    listSpaceInbox(user, filter).catch((error: unknown) => {
      throw domainErrorResponse(error);
    }),
    getLocale(request),
  ]);
  return { ...inbox, status: filter.status ?? null, locale };
}

const TOASTS = {
  accept: "spaces.toast.accepted",
  decline: "spaces.toast.declined",
  complete: "spaces.toast.completed",
} as const;

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, "space.manageServices");
  const meta = requestMeta(request, context);
  return submitForm(request, InboxActionSchema, async (command) => {
    if (command.intent === "accept") await acceptRequest(user, command.requestId, command.response, meta);
    else if (command.intent === "decline")
      await declineRequest(user, command.requestId, command.reason, meta);
    else await completeRequest(user, command.requestId, meta);
    return { redirectTo: "/spaces/requests", toast: { message: TOASTS[command.intent] } };
  });
}

export default function SpaceInboxPage() {
  const { requests, counts, status } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { t } = useT();
  const total = Object.values(counts).reduce((sum, count) => sum + (count ?? 0), 0);
  const tab = (to: string, label: string, current: boolean) => (
    <Link
      key={to}
      to={to}
      aria-current={current ? "page" : undefined}
      className={current ? "btn-primary" : "btn-secondary"}
    >
      {label}
    </Link>
  );
  return (
    <section className="mx-auto max-w-3xl space-y-4">
      <h1 className="text-2xl font-bold">{t("spaces.inbox.title")}</h1>
      <nav className="flex flex-wrap gap-2" aria-label={t("spaces.filter.title")}>
        {tab("/spaces/requests", t("spaces.inbox.all", { count: total }), status === null)}
        {REQUEST_STATUSES.map((item) =>
          tab(
            `/spaces/requests?status=${item}`,
            t("spaces.inbox.statusCount", {
              status: t(`spaces.requestStatus.${item}`),
              count: counts[item] ?? 0,
            }),
            status === item,
          ),
        )}
      </nav>
      {requests.length === 0 ? <p className="card text-stone-600">{t("spaces.inbox.empty")}</p> : null}
      {requests.map((request) => (
        <RequestCard key={request.id} request={request} side="space">
          <AnswerForms request={request} lastResult={lastResult} />
        </RequestCard>
      ))}
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
