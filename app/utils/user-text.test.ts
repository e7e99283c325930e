import { describe, expect, it } from "vitest";
import { isBlankText, normaliseUserText, optionalUserText, userText } from "./user-text";

describe("normaliseUserText", () => {
  it("composes to NFC and drops controls, direction overrides, isolates and BOM", () => {
    expect(normaliseUserText("Cafe\u0301 \u202Egnp.exe\u202C \u2066x\u2069\uFEFF\u0007\u001b[1m\u0085")).toBe(
      "Café gnp.exe x[1m",
    );
  });

  it("keeps emoji joiners and non-joiners", () => {
    expect(normaliseUserText("👨‍👩‍👧‍👦 می‌خواهم")).toBe("👨‍👩‍👧‍👦 می‌خواهم");
  });

  it("keeps newlines and tabs only where the field is multi-line", () => {
    expect(normaliseUserText("一\r\n二\t三", { multiline: true })).toBe("一\n二\t三");
    expect(normaliseUserText("一\r\n二\t三")).toBe("一 二 三");
  });

  it("sees blank text through zero-width characters", () => {
    expect(isBlankText("\u200B\u200B \u200D")).toBe(true);
    expect(isBlankText("\u200B a")).toBe(false);
  });
});

describe("userText", () => {
  const title = userText(4, 80, "needs.errors.title_length");

  it.each([
    ["abc\ud800defg", "errors.malformed_text"],
    ["\udc00abcdefg", "errors.malformed_text"],
    ["\u200B\u200B\u200B\u200B", "errors.required"],
    ["\u202E\u202E\u202E\u202E", "errors.required"],
    ["abc", "needs.errors.title_length"],
  ])("refuses %j with %s", (input, message) => {
    const result = title.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.message)).toEqual([message]);
  });

  it("accepts a well-formed surrogate pair (an emoji) and returns the cleaned text", () => {
    expect(title.parse("  香菇🍄菌棒\u202E  ")).toBe("香菇🍄菌棒");
  });

  it("lets an optional field be left out or blank", () => {
    const note = optionalUserText(10, "profiles.errors.too_long");
    expect(note.parse(undefined)).toBeUndefined();
    expect(note.parse("\u200B ")).toBe("");
    expect(note.safeParse("x\ud800").success).toBe(false);
  });
});

describe("every text field of every form", () => {
  it("is cleaned the one way, including the optional ones written inline before", async () => {
    const { NeedFormSchema } = await import("~/modules/needs/needs.schema");
    const { ProposeRevisionSchema: CounterSchema } = await import("~/modules/negotiation/negotiation.schema");
    const story = NeedFormSchema.shape.story.parse("\u202E故事\u0007第一行\n第二行");
    expect(story).toBe("故事第一行\n第二行");
    expect(NeedFormSchema.shape.village.parse("\u200B\u200B")).toBe("");
    expect(CounterSchema.shape.note.parse(" 👨‍👩‍👧‍👦 价格可商量 ")).toBe("👨‍👩‍👧‍👦 价格可商量");
    expect(CounterSchema.shape.note.safeParse("a\uD800b").success).toBe(false);
  });
});
