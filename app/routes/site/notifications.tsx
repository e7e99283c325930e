import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useLoaderData, useNavigation, useRevalidator } from "@remix-run/react";
import { Form } from "~/components/form";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { NotificationItem } from "~/components/notifications/notification-item";
import { getLocale } from "~/i18n/i18n.server";
import { translate } from "~/i18n/i18n";
import { useT } from "~/i18n/use-t";
import {
  countUnread,
  listNotifications,
  markAllRead,
  markRead,
} from "~/modules/notifications/notifications.server";
import { NotificationIntentSchema } from "~/modules/notifications/notifications.schema";
import type { NotificationView } from "~/modules/realtime/events";
import { requireUser } from "~/modules/users/guards.server";
import { domainErrorResponse } from "~/utils/errors";
import { safeRedirect } from "~/utils/request.server";
import { useSocketEvent } from "~/utils/socket-client";
import { redirectWithToast } from "~/utils/toast.server";

const PAGE_SIZE = 20;

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  {
    title: data
      ? `${translate(data.locale, "notifications.title")} · ${translate(data.locale, "app.name")}`
      : "XiangKe",
  },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const cursor = new URL(request.url).searchParams.get("cursor");
  const [page, unreadCount, locale] = await Promise.all([
    listNotifications(user.id, { cursor, limit: PAGE_SIZE }),
    countUnread(user.id),
    getLocale(request),
  ]);
  // Opening the list is seeing what is new: the header's badge clears (live over the socket).
  // The list still marks which were new on this visit, as they were read just before marking.
  if (!cursor && unreadCount > 0) await markAllRead(user.id);
  return { ...page, unreadCount, isFirstPage: !cursor, locale };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const parsed = NotificationIntentSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) throw new Response("Bad Request", { status: 400 });
  const intent = parsed.data;
  switch (intent.intent) {
    case "open": {
      let notification: NotificationView;
      try {
        notification = await markRead(user.id, intent.id);
      } catch (error) {
        throw domainErrorResponse(error);
      }
      return redirect(safeRedirect(notification.href, "/notifications"));
    }
    case "mark-all":
      await markAllRead(user.id);
      return redirectWithToast("/notifications", { message: "notifications.allMarkedRead" });
  }
}

export default function NotificationsPage() {
  const { notifications, nextCursor, unreadCount, isFirstPage } = useLoaderData<typeof loader>();
  const { t } = useT();
  const navigation = useNavigation();
  const revalidator = useRevalidator();
  // On the newest page, a notification pushed live appears in the list at once.
  useSocketEvent("notification:new", () => revalidator.revalidate(), isFirstPage);

  return (
    <section className="mx-auto max-w-2xl space-y-4">
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-bold">{t("notifications.title")}</h1>
        {unreadCount > 0 ? (
          <span className="text-stone-600">{t("notifications.unreadCount", { count: unreadCount })}</span>
        ) : null}
        {unreadCount > 0 ? (
          <Form method="post" className="ml-auto">
            <button
              type="submit"
              name="intent"
              value="mark-all"
              className="btn-secondary"
              disabled={navigation.state === "submitting"}
            >
              {t("notifications.markAllRead")}
            </button>
          </Form>
        ) : null}
      </div>
      {notifications.length === 0 ? (
        <p className="card text-stone-600">{t("notifications.empty")}</p>
      ) : (
        <ul className="divide-y divide-stone-200 overflow-hidden rounded-xl border border-stone-200 bg-white">
          {notifications.map((notification) => (
            <NotificationItem key={notification.id} notification={notification} />
          ))}
        </ul>
      )}
      <nav className="flex flex-wrap gap-3">
        {!isFirstPage ? (
          <Link to="/notifications" className="btn-secondary">
            {t("notifications.newest")}
          </Link>
        ) : null}
        {nextCursor ? (
          <Link
            to={`/notifications?${new URLSearchParams({ cursor: nextCursor })}`}
            className="btn-secondary"
          >
            {t("notifications.older")}
          </Link>
        ) : null}
      </nav>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
