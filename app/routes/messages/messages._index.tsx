import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useRevalidator } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { formatDateTime } from "~/i18n/format";
import { getLocale } from "~/i18n/i18n.server";
import { translate } from "~/i18n/i18n";
import { useT } from "~/i18n/use-t";
import { listConversations } from "~/modules/chat/chat.server";
import { requirePermission } from "~/modules/users/guards.server";
import { useSocketEvent } from "~/utils/socket-client";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  {
    title: data
      ? `${translate(data.locale, "chat.title")} · ${translate(data.locale, "app.name")}`
      : "XiangKe",
  },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "chat.use");
  const [conversations, locale] = await Promise.all([listConversations(user.id), getLocale(request)]);
  return { conversations, locale, userId: user.id };
}

export default function ConversationsPage() {
  const { conversations, userId } = useLoaderData<typeof loader>();
  const { t, locale } = useT();
  const revalidator = useRevalidator();
  // A new message anywhere moves its conversation up and bumps its count: reload the list.
  useSocketEvent("chat:message", () => {
    if (revalidator.state === "idle") revalidator.revalidate();
  });
  return (
    <section className="mx-auto max-w-2xl space-y-4">
      <h1 className="text-2xl font-bold">{t("chat.title")}</h1>
      {conversations.length === 0 ? (
        <p className="card text-stone-600">{t("chat.empty")}</p>
      ) : (
        <ul className="divide-y divide-stone-200 rounded-xl border border-stone-200 bg-white">
          {conversations.map((conversation) => {
            const title = conversation.agreementTitle
              ? t("chat.aboutAgreement", { agreement: conversation.agreementTitle })
              : conversation.needTitle
                ? t("chat.about", { need: conversation.needTitle })
                : t("chat.with", { name: conversation.otherName ?? "" });
            const last = conversation.lastMessage;
            const preview = last
              ? `${last.senderId === userId ? `${t("chat.you")}：` : ""}${last.body || t(last.attachment?.mimeType.startsWith("audio/") ? "chat.voiceNote" : "chat.image")}`
              : t("chat.noMessages");
            return (
              <li key={conversation.id}>
                <Link
                  to={`/messages/${conversation.id}`}
                  className="flex items-start gap-3 p-4 hover:bg-stone-50"
                >
                  <span className="min-w-0 flex-1">
                    <span className="block text-xs text-stone-500">
                      {t(`chat.kind.${conversation.kind}`)}
                    </span>
                    <span className="block truncate font-medium">{title}</span>
                    {conversation.counterpartName && conversation.kind === "APPLICATION" ? (
                      <span className="block text-sm text-stone-600">{conversation.counterpartName}</span>
                    ) : null}
                    <span className="block truncate text-sm text-stone-600">{preview}</span>
                  </span>
                  <span className="flex shrink-0 flex-col items-end gap-1 text-xs text-stone-500">
                    <time dateTime={conversation.lastActivity}>
                      {formatDateTime(locale, conversation.lastActivity)}
                    </time>
                    {conversation.unread > 0 ? (
                      <span className="min-w-5 rounded-full bg-red-600 px-1.5 text-center font-bold leading-5 text-white">
                        <span className="sr-only">
                          {t("chat.unreadCount", { count: conversation.unread })}
                        </span>
                        <span aria-hidden="true">
                          {conversation.unread > 99 ? "99+" : conversation.unread}
                        </span>
                      </span>
                    ) : null}
                  </span>
                </Link>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
