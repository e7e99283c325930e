import { describe, expect, it } from "vitest";
import { chineseOrdinal, fenToChineseCapital } from "./chinese-numbers";

describe("fenToChineseCapital", () => {
  it.each([
    [1_200_000, "壹万贰仟元整"],
    [0, "零元整"],
    [100, "壹元整"],
    [5, "伍分"],
    [50, "伍角"],
    [105, "壹元零伍分"],
    [1_050, "壹拾元伍角"],
    [1_055, "壹拾元伍角伍分"],
    [101_000, "壹仟零壹拾元整"],
    [1_000_100, "壹万零壹元整"],
    [1_010_000, "壹万零壹佰元整"],
    [10_000_000, "壹拾万元整"],
    [1_100_000, "壹万壹仟元整"],
    [12_345_678, "壹拾贰万叁仟肆佰伍拾陆元柒角捌分"],
    [10_000_000_000, "壹亿元整"],
    [10_000_000_100, "壹亿零壹元整"],
    [10_010_000_000, "壹亿零壹拾万元整"],
    [10_100_000_000, "壹亿零壹佰万元整"],
    [100_000_000_000_000, "壹万亿元整"],
    [6_000_500, "陆万零伍元整"],
    [6_000_500_000, "陆仟万伍仟元整"],
  ])("writes %i fen as %s", (fen, capitals) => {
    expect(fenToChineseCapital(fen)).toBe(capitals);
  });

  it.each([-1, 1.5, Number.NaN])("refuses %s", (fen) => {
    expect(() => fenToChineseCapital(fen)).toThrow(RangeError);
  });
});

describe("chineseOrdinal", () => {
  it.each([
    [1, "一"],
    [9, "九"],
    [10, "十"],
    [11, "十一"],
    [20, "二十"],
    [35, "三十五"],
    [99, "九十九"],
  ])("numbers article %i as 第%s条", (n, text) => {
    expect(chineseOrdinal(n)).toBe(text);
  });

  it("refuses numbers outside 1..99", () => {
    expect(() => chineseOrdinal(0)).toThrow(RangeError);
    expect(() => chineseOrdinal(100)).toThrow(RangeError);
  });
});
