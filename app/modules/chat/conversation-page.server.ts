import { translate, type Locale } from "~/i18n/i18n";
import { getConversationHeader, listMessages } from "./chat.server";

/**
 * A conversation as its participant reads it: named after what it is about (an agreement, an
 * application's need, or the people in it), the others with their read receipts, and a page
 * of history ending before `before` when the reader pages back.
 */
export async function conversationPageData({
  userId,
  conversationId,
  before,
  locale,
}: {
  userId: string;
  conversationId: string;
  before: number | undefined;
  locale: Locale;
}) {
  const [header, history] = await Promise.all([
    getConversationHeader(conversationId, userId),
    listMessages(conversationId, { before }),
  ]);
  const title = header.agreement
    ? translate(locale, "chat.aboutAgreement", { agreement: header.agreement.title })
    : header.application
      ? translate(locale, "chat.about", { need: header.application.need.title })
      : translate(locale, "chat.with", {
          name: header.others.map((other) => other.user.displayName).join("、"),
        });
  return {
    title,
    userId,
    conversationId,
    kind: header.kind,
    application: header.application,
    agreement: header.agreement,
    others: header.others.map((other) => ({
      id: other.userId,
      name: other.user.displayName,
      verified: Boolean(other.user.verifiedAt),
    })),
    receipts: Object.fromEntries(
      header.others.map((other) => [
        other.userId,
        { deliveredSeq: other.lastDeliveredSeq, readSeq: other.lastReadSeq },
      ]),
    ),
    /** How far the reader had read before this page was shown. */
    myReadSeq: header.myReadSeq,
    messages: history.messages,
    hasOlder: history.hasMore,
    paging: before !== undefined,
  };
}
