import { translate, type Locale } from "~/i18n/i18n";
import { renderNotice, type SmsNotice } from "~/modules/outbound/sms.server";
import type { MailMessage } from "~/modules/outbound/mail.server";
import type { NotificationCategory } from "./notification-categories";
import { notificationMessageKey } from "./notification-types";
import type { NotificationView } from "~/modules/realtime/events";

/** Two text-message segments of 67 characters: longer notices cost more and arrive in pieces. */
export const SMS_MAX_CHARS = 134;
/** A name or title quoted in a notice is cut to this many characters. */
const PARAM_MAX_CHARS = 20;

function shorten(text: string, max: number): string {
  const characters = [...text];
  return characters.length <= max ? text : `${characters.slice(0, max - 1).join("")}…`;
}

/** The notification's text with long names cut, so a title cannot push the rest out of the text. */
export function noticeText(locale: Locale, notification: NotificationView): string {
  const params = Object.fromEntries(
    Object.entries(notification.params).map(([name, value]) => [
      name,
      typeof value === "string" ? shorten(value, PARAM_MAX_CHARS) : value,
    ]),
  );
  return translate(locale, notificationMessageKey(notification.type), params);
}

/** The page to open, on the address people use; none without PUBLIC_URL or a link. */
export function noticeLink(publicUrl: string | undefined, href: string | null): string {
  return publicUrl && href ? `${publicUrl.replace(/\/$/, "")}${href}` : "";
}

/** At most two segments: the link goes when it does not fit, then the text is cut. */
export function smsNotice(
  to: { phone: string; category: NotificationCategory },
  text: string,
  link: string,
): SmsNotice {
  const fits = (params: SmsNotice["params"]) => [...renderNotice(params)].length <= SMS_MAX_CHARS;
  if (fits({ text, link })) return { ...to, params: { text, link } };
  const room = SMS_MAX_CHARS - [...renderNotice({ text: "", link: "" })].length;
  return { ...to, params: { text: shorten(text, room), link: "" } };
}

/** The e-mail: the notice, its link, and where to change what arrives by e-mail. */
export function noticeMail(
  locale: Locale,
  to: { email: string; displayName: string },
  text: string,
  link: string,
  settingsLink: string,
): MailMessage {
  return {
    to: to.email,
    subject: translate(locale, "notifications.email.subject", { text: shorten(text, 60) }),
    text: [
      translate(locale, "notifications.email.greeting", { name: to.displayName }),
      "",
      text,
      ...(link ? [translate(locale, "notifications.email.open", { link })] : []),
      "",
      "--",
      settingsLink
        ? translate(locale, "notifications.email.settings", { link: settingsLink })
        : translate(locale, "notifications.email.settingsInApp"),
    ].join("\n"),
  };
}
