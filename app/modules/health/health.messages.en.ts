import type { healthMessagesZh } from "./health.messages";

/** English for health.messages.ts: typed against the Chinese, so a missing or extra key fails the type check. */
export const healthMessagesEn: Record<keyof typeof healthMessagesZh, string> = {
  "health.unavailable.title": "Temporarily unavailable",
  "health.unavailable.heading": "XiangKe is recovering",
  "health.unavailable.body":
    "Our data service is briefly interrupted. Please try again in a minute or two; a form that did not go through needs to be sent again.",
  "health.unavailable.retry": "Reload",
};
