import { Form } from "~/components/form";
import { formatDateTime } from "~/i18n/format";
import { useT } from "~/i18n/use-t";
import { notificationMessageKey } from "~/modules/notifications/notification-types";
import type { NotificationView } from "~/modules/realtime/events";

/** A whole row is one submit button: opening marks it read and follows its link, with or without JS. */
export function NotificationItem({ notification }: { notification: NotificationView }) {
  const { t, locale } = useT();
  const unread = notification.readAt === null;
  return (
    <li className={unread ? "border-l-4 border-brand-600 bg-brand-50" : "border-l-4 border-transparent"}>
      <Form method="post">
        <input type="hidden" name="id" value={notification.id} />
        <button
          type="submit"
          name="intent"
          value="open"
          className="flex w-full flex-col gap-1 px-4 py-3 text-left hover:bg-stone-50"
        >
          <span className="flex items-start gap-2">
            {unread ? (
              <span className="mt-0.5 shrink-0 rounded-full bg-brand-700 px-2 text-xs leading-5 text-white">
                <span aria-hidden="true">{t("notifications.new")}</span>
                <span className="sr-only">{t("notifications.unread")}</span>
              </span>
            ) : null}
            <span className={unread ? "font-medium" : "text-stone-700"}>
              {t(notificationMessageKey(notification.type), notification.params)}
            </span>
          </span>
          <time dateTime={notification.createdAt} className="text-sm text-stone-600">
            {formatDateTime(locale, notification.createdAt)}
          </time>
        </button>
      </Form>
    </li>
  );
}
