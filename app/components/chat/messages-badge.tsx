import { Link, useLocation } from "@remix-run/react";
import { useEffect, useState } from "react";
import { useClientMessages } from "~/i18n/page-messages";
import { useT } from "~/i18n/use-t";
import { useSocketEvent } from "~/utils/socket-client";

/**
 * The header's link to the conversations, with the number of unread messages. Right without
 * JavaScript (the root loader counts); live with it: a message from someone else adds one unless
 * its conversation is open on screen, and reading (in any tab) sets the server's new count.
 */
export function MessagesBadge({ unreadCount, userId }: { unreadCount: number; userId: string }) {
  const { t } = useT();
  useClientMessages("chat.badgeLabel");
  const location = useLocation();
  const [count, setCount] = useState(unreadCount);
  useEffect(() => setCount(unreadCount), [unreadCount]);

  useSocketEvent("chat:message", ({ message }) => {
    if (message.senderId === userId) return;
    if (location.pathname === `/messages/${message.conversationId}` && document.visibilityState === "visible")
      return;
    setCount((current) => current + 1);
  });
  useSocketEvent("chat:unread", ({ unreadCount: fresh }) => setCount(fresh));

  return (
    <Link
      to="/messages"
      className="btn relative min-h-9 gap-1 px-2 py-1 text-sm text-stone-700 hover:bg-stone-100"
      aria-label={count > 0 ? t("chat.badgeLabel", { count }) : t("chat.nav")}
    >
      <svg
        aria-hidden="true"
        viewBox="0 0 24 24"
        className="h-5 w-5"
        fill="none"
        stroke="currentColor"
        strokeWidth="2"
      >
        <path d="M21 12a8 8 0 0 1-11.6 7.1L4 20l1-4.6A8 8 0 1 1 21 12Z" strokeLinejoin="round" />
      </svg>
      <span className="sr-only sm:not-sr-only">{t("chat.nav")}</span>
      {count > 0 ? (
        <span
          aria-hidden="true"
          data-testid="messages-unread"
          className="min-w-5 rounded-full bg-red-600 px-1.5 text-center text-xs font-bold leading-5 text-white"
        >
          {count > 99 ? "99+" : count}
        </span>
      ) : null}
    </Link>
  );
}
