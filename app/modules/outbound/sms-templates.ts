import type { Env } from "~/env.server";

/**
 * Text messages in China go out only through templates the provider approved beforehand. Each
 * notification category has its own (its wording names the kind of news), taking two
 * parameters: `text`, the notification, and `link`, the page to open (empty when it did not fit).
 */
export const NOTICE_TEMPLATE_ENV = {
  money: "SMS_NOTICE_TEMPLATE_MONEY",
  decisions: "SMS_NOTICE_TEMPLATE_DECISIONS",
  applications: "SMS_NOTICE_TEMPLATE_APPLICATIONS",
  agreements: "SMS_NOTICE_TEMPLATE_AGREEMENTS",
  alerts: "SMS_NOTICE_TEMPLATE_ALERTS",
  work: "SMS_NOTICE_TEMPLATE_WORK",
  updates: "SMS_NOTICE_TEMPLATE_UPDATES",
} as const satisfies Record<string, keyof Env>;

/** The notification categories (notifications/notification-categories.ts checks they are the same). */
export type NoticeCategory = keyof typeof NOTICE_TEMPLATE_ENV;

export type NoticeTemplateEnv = Pick<Env, (typeof NOTICE_TEMPLATE_ENV)[NoticeCategory]>;

export function noticeTemplateId(env: NoticeTemplateEnv, category: NoticeCategory): string | undefined {
  return env[NOTICE_TEMPLATE_ENV[category]];
}
