import { describe, expect, it } from "vitest";
import { commonWords } from "./jieba-dictionary.server";

describe("commonWords", () => {
  it("keeps the lines whose frequency reaches the minimum, in order", () => {
    const dictionary = Buffer.from("番茄 300 n\n黄萎病 2 n\n大棚 20 n\n硼肥 19 n\n蔬菜 1200 n");
    expect(commonWords(dictionary, 20).toString()).toBe("番茄 300 n\n大棚 20 n\n蔬菜 1200 n\n");
  });

  it("reads a frequency with no tag after it and keeps a line it cannot read", () => {
    const dictionary = Buffer.from("香菇 5\n木耳 50\n魔芋\n\n");
    expect(commonWords(dictionary, 20).toString()).toBe("木耳 50\n魔芋\n\n");
  });

  it("keeps everything at minimum 0", () => {
    const dictionary = Buffer.from("一 1 m\n二 0 m\n");
    expect(commonWords(dictionary, 0).toString()).toBe("一 1 m\n二 0 m\n");
  });
});
