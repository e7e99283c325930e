import { describe, expect, it } from "vitest";
import { SEARCH_DICTIONARY } from "./dictionary";
import { normaliseText, partsOf, segment, tokenize } from "./tokenizer.server";

describe("the tokenizer", () => {
  it("reads traditional characters from Hong Kong and Taiwan as simplified", () => {
    expect(tokenize("番茄病蟲害")).toEqual(tokenize("番茄病虫害"));
    expect(tokenize("雞蛋")).toEqual(tokenize("鸡蛋"));
    // 著 is 著 in Hong Kong usage and 着 in Taiwan's; both sides of a search must agree.
    expect(normaliseText("溫室裡著色")).toBe("温室里着色");
    expect(normaliseText("乾燥")).toBe("干燥");
  });

  it("folds full-width letters and digits, and lower-cases", () => {
    expect(normaliseText("ＡＢＣ１２３ Shiitake")).toBe("abc123 shiitake");
  });

  it("keeps every Chinese word of the search dictionary whole, and still yields its parts", () => {
    const hanWords = SEARCH_DICTIONARY.words.filter((word) => /^\p{Script=Han}{2,}$/u.test(word));
    expect(hanWords.length).toBeGreaterThan(10);
    const split = hanWords.filter((word) => segment(word).join("|") !== normaliseText(word));
    expect(split).toEqual([]);
    // 直播带货 is in the dictionary; jieba alone cuts it in two.
    expect(segment("直播带货和网店运营")).toContain("直播带货");
    expect(tokenize("直播带货")).toEqual(expect.arrayContaining(["直播", "直播带货"]));
    expect(partsOf("直播带货")).toContain("直播");
  });

  it("drops punctuation, emoji and whitespace", () => {
    expect(tokenize("🍄，香菇！ \n")).toEqual(["香菇"]);
  });
});
