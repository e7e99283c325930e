import { describe, expect, it } from "vitest";
import { en } from "~/i18n/en";
import { zh } from "~/i18n/zh";
import { agreementsErrors } from "./agreements.errors";
import { agreementsMessagesZh } from "./agreements.messages";
import { agreementsMessagesEn } from "./agreements.messages.en";
import { COMPONENT_TYPES, REVENUE_BASES, REVENUE_PERIODS } from "./terms";

// Indexed by keys built at run time: a missing key reads as undefined and fails the assertion.
const zhTable: Record<string, string> = zh;
const enTable: Record<string, string> = en;
const englishTable: Record<string, string> = agreementsMessagesEn;

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();

describe("agreement messages", () => {
  it("say the same thing with the same placeholders in both languages, none empty", () => {
    expect(Object.keys(agreementsMessagesEn).sort()).toEqual(Object.keys(agreementsMessagesZh).sort());
    for (const [key, text] of Object.entries(agreementsMessagesZh)) {
      const english = englishTable[key];
      expect(placeholders(english), key).toEqual(placeholders(text));
      expect(text.trim(), key).not.toBe("");
      expect(english.trim(), key).not.toBe("");
    }
  });

  it("name every status, side, arrangement, base and period, and every refusal, in the app's catalogues", () => {
    const keys = [
      ...["DRAFT", "PROPOSED", "SIGNED", "ACTIVE", "COMPLETED", "TERMINATED", "DISPUTED"].map(
        (s) => `agreements.agreementStatus.${s}`,
      ),
      ...["DRAFT", "PROPOSED", "SIGNED", "SUPERSEDED", "WITHDRAWN"].map(
        (s) => `agreements.versionStatus.${s}`,
      ),
      ...["DRAFT", "PROPOSED", "SUPERSEDED", "WITHDRAWN"].map((s) => `contract.notInForce.${s}`),
      ...["PAYER", "PAYEE"].map((p) => `agreements.party.${p}`),
      ...COMPONENT_TYPES.map((type) => `arrangement.${type}`),
      ...REVENUE_BASES.map((base) => `agreements.base.${base}`),
      ...REVENUE_PERIODS.flatMap((period) => [
        `agreements.period.${period}`,
        `agreements.periodEach.${period}`,
      ]),
      ...Object.values(agreementsErrors).map((spec) => spec.message),
    ];
    for (const key of keys) {
      expect(zhTable[key], key).toBeTruthy();
      expect(enTable[key], key).toBeTruthy();
    }
  });
});
