import { describe, expect, it } from "vitest";
import { NOTIFICATION_PARAMS, notificationMessageKey } from "~/modules/notifications/notification-types";
import { SEARCH_TYPES } from "~/modules/search/search.schema";
import { spacesMessagesZh } from "./spaces.messages";
import { spacesMessagesEn } from "./spaces.messages.en";
import { SERVICE_CATEGORIES, SERVICE_SORTS } from "./spaces.schema";
import { zh } from "~/i18n/zh";
import { en } from "~/i18n/en";

// Indexed by keys built at run time: a missing key reads as undefined and fails the assertion.
const zhTable: Record<string, string> = zh;
const enTable: Record<string, string> = en;
const englishTable: Record<string, string> = spacesMessagesEn;

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();

describe("space service messages", () => {
  it("say the same thing with the same placeholders in both languages", () => {
    expect(Object.keys(spacesMessagesEn).sort()).toEqual(Object.keys(spacesMessagesZh).sort());
    for (const [key, text] of Object.entries(spacesMessagesZh)) {
      expect(placeholders(englishTable[key]), key).toEqual(placeholders(text));
    }
  });

  it("name every category, sort and status, and reach the app's catalogues", () => {
    const keys = [
      ...SERVICE_CATEGORIES.map((category) => `spaces.category.${category}`),
      ...SERVICE_SORTS.map((sort) => `spaces.sort.${sort}`),
      ...["DRAFT", "PUBLISHED", "WITHDRAWN"].map((status) => `spaces.status.${status}`),
      ...SEARCH_TYPES.map((type) => `search.type.${type}`),
      "search.facet.category",
      "spaces.nav",
    ];
    for (const key of keys) {
      expect(zhTable[key], key).toBeTruthy();
      expect(enTable[key], key).toBeTruthy();
    }
  });

  it("has the hidden-service notification text with exactly its params", () => {
    const key = notificationMessageKey("service.hidden");
    expect(placeholders(zh[key])).toEqual([...NOTIFICATION_PARAMS["service.hidden"]].sort());
    expect(placeholders(en[key])).toEqual([...NOTIFICATION_PARAMS["service.hidden"]].sort());
  });
});
