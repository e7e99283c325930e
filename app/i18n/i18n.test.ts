import { describe, expect, it } from "vitest";
import { en } from "./en";
import { formatMoney, formatMoneyRange, formatPhone } from "./format";
import { translate, translateMaybe } from "./i18n";
import { zh } from "./zh";

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();

describe("message catalogues", () => {
  it("has an English message for every Chinese key and no extra ones", () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(zh).sort());
  });

  it("uses the same placeholders in both languages", () => {
    for (const key of Object.keys(zh) as (keyof typeof zh)[]) {
      expect(placeholders(en[key]), key).toEqual(placeholders(zh[key]));
    }
  });

  it("leaves no message empty", () => {
    for (const [key, value] of [...Object.entries(zh), ...Object.entries(en)])
      expect(value.trim(), key).not.toBe("");
  });
});

describe("translate", () => {
  it("fills placeholders", () => {
    expect(translate("zh", "errors.too_many_attempts", { minutes: 7 })).toBe("尝试次数过多，请 7 分钟后再试");
    expect(translate("en", "home.welcomeBack", { name: "Li" })).toBe("Welcome back, Li");
  });

  it("shows text that is not a key as it is", () => {
    expect(translateMaybe("en", "errors.required")).toBe("Please fill this in");
    expect(translateMaybe("en", "已翻译的消息")).toBe("已翻译的消息");
  });
});

describe("formatPhone", () => {
  it("groups a mainland mobile number and leaves anything else alone", () => {
    expect(formatPhone("+8613800000001")).toBe("+86 138 0000 0001");
    expect(formatPhone("+85212345678")).toBe("+85212345678");
  });
});

describe("formatMoney", () => {
  it.each([
    [1_938_272, "¥19,382.72"],
    [1, "¥0.01"],
    [99_950, "¥999.50"],
    [4_000_000, "¥40,000"],
    [10_000_000_000, "¥100,000,000"],
    [-1_938_272, "-¥19,382.72"],
  ])("writes %i fen exactly as %s in both languages, never rounded to 万元", (fen, text) => {
    expect(formatMoney("zh", fen)).toBe(text);
    expect(formatMoney("en", fen)).toBe(text);
  });

  it("writes a Chinese range in 万元 only when both ends are exact in that unit", () => {
    expect(formatMoneyRange("zh", 500_000, 2_000_000)).toBe("0.5–2万元");
    expect(formatMoneyRange("zh", 50_000, 90_000)).toBe("¥500 – ¥900");
    expect(formatMoneyRange("zh", 500_000, 1_938_272)).toBe("¥5,000 – ¥19,382.72");
    expect(formatMoneyRange("en", 500_000, 2_000_000)).toBe("¥5,000 – ¥20,000");
  });

  it("refuses fractional fen", () => {
    expect(() => formatMoney("zh", 10.5)).toThrow(TypeError);
  });
});

describe("embeddedMessagesJson", () => {
  it("gives the keys asked for and every key of the namespaces asked for, and nothing else", async () => {
    const { embeddedMessagesJson, namespaceOf } = await import("./i18n");
    const picked = JSON.parse(
      embeddedMessagesJson("en", new Set(["nav", "app.name", "errors.no-such-key", "no-such-namespace"])),
    ) as Record<string, string>;
    const expected = Object.entries(en).filter(([key]) => namespaceOf(key) === "nav" || key === "app.name");
    expect(Object.entries(picked).sort()).toEqual(expected.sort());
    expect(JSON.parse(embeddedMessagesJson("zh", []))).toEqual({});
  });
});
