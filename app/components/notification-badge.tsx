import { Link, useLocation } from "@remix-run/react";
import { useEffect, useState } from "react";
import { useClientMessages } from "~/i18n/page-messages";
import { useT } from "~/i18n/use-t";
import { notificationMessageKey } from "~/modules/notifications/notification-types";
import type { NotificationView } from "~/modules/realtime/events";
import { useSocketEvent } from "~/utils/socket-client";

const LIVE_NOTICE_MS = 8000;

/**
 * The header's link to the notification centre. The count comes from the root loader, so it is
 * right without JavaScript; with JavaScript the socket keeps it current and announces new ones.
 */
export function NotificationBadge({ unreadCount }: { unreadCount: number }) {
  const { t } = useT();
  useClientMessages("notifications.badgeLabel", "notifications.view");
  const { pathname } = useLocation();
  const seeing = pathname === "/notifications";
  const [count, setCount] = useState(seeing ? 0 : unreadCount);
  const [latest, setLatest] = useState<NotificationView | null>(null);

  // A navigation reloads the root data; the server's count is then the freshest. On the list
  // itself everything is seen.
  useEffect(() => setCount(seeing ? 0 : unreadCount), [unreadCount, seeing]);

  useSocketEvent("notification:new", ({ notification, unreadCount }) => {
    setCount(unreadCount);
    setLatest(notification);
  });
  useSocketEvent("notification:unread", ({ unreadCount }) => setCount(unreadCount));

  useEffect(() => {
    if (!latest) return;
    const timer = setTimeout(() => setLatest(null), LIVE_NOTICE_MS);
    return () => clearTimeout(timer);
  }, [latest]);

  return (
    <>
      <Link
        to="/notifications"
        className="btn relative min-h-9 gap-1 px-2 py-1 text-sm text-stone-700 hover:bg-stone-100"
        aria-label={count > 0 ? t("notifications.badgeLabel", { count }) : t("notifications.title")}
      >
        <BellIcon />
        <span className="sr-only sm:not-sr-only">{t("notifications.title")}</span>
        {count > 0 ? (
          <span
            aria-hidden="true"
            className="min-w-5 rounded-full bg-red-600 px-1.5 text-center text-xs font-bold leading-5 text-white"
          >
            {count > 99 ? "99+" : count}
          </span>
        ) : null}
      </Link>
      {/* Always in the page so screen readers notice when text appears in it. A "log" (not a
          "status"): it announces arriving notifications, while the page's own status line stays the toast. */}
      <div
        role="log"
        aria-live="polite"
        aria-label={t("notifications.liveLabel")}
        className="pointer-events-none fixed inset-x-2 bottom-4 z-50 flex justify-center"
      >
        {latest ? (
          <p className="pointer-events-auto flex max-w-md items-center gap-3 rounded-lg border-l-4 border-sky-600 bg-white px-4 py-3 shadow-lg">
            <span>
              <span className="sr-only">{t("notifications.liveLabel")}: </span>
              {t(notificationMessageKey(latest.type), latest.params)}
            </span>
            <Link to="/notifications" className="link shrink-0" onClick={() => setLatest(null)}>
              {t("notifications.view")}
            </Link>
          </p>
        ) : null}
      </div>
    </>
  );
}

function BellIcon() {
  return (
    <svg
      aria-hidden="true"
      viewBox="0 0 24 24"
      className="h-5 w-5"
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
    >
      <path d="M6 8a6 6 0 1 1 12 0c0 7 3 9 3 9H3s3-2 3-9" strokeLinecap="round" strokeLinejoin="round" />
      <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}
