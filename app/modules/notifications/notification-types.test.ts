import { describe, expect, it } from "vitest";
import { en } from "~/i18n/en";
import { zh } from "~/i18n/zh";
import { NOTIFICATION_PARAMS, NOTIFICATION_TYPES, notificationMessageKey } from "./notification-types";

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();

describe("notification texts", () => {
  it("have a text in both languages for every type, using exactly that type's params", () => {
    for (const type of NOTIFICATION_TYPES) {
      const key = notificationMessageKey(type);
      expect(key, type).toBe(`notification.${type}`);
      const expected = [...NOTIFICATION_PARAMS[type]].sort();
      expect(placeholders(zh[key]), key).toEqual(expected);
      expect(placeholders(en[key]), key).toEqual(expected);
    }
  });

  it("fall back to a generic text for a type nobody defined", () => {
    expect(notificationMessageKey("payment.received")).toBe("notification.unknown");
    expect(notificationMessageKey("toString")).toBe("notification.unknown");
    expect(zh["notification.unknown"]).toBe("您有一条新通知");
  });
});
