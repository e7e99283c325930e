import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { formatMoney } from "~/i18n/format";
import { MAX_FEN, fenToYuan, fenToYuanText, normaliseAmountText, parseYuanToFen } from "./money";

describe("parseYuanToFen", () => {
  it.each([
    ["12345.67", 1_234_567],
    ["0.1", 10],
    ["0.05", 5],
    ["1,000", 100_000],
    ["¥ 2 000.5", 200_050],
    ["100000000", 10_000_000_000],
  ])("reads %s as %i fen", (raw, fen) => {
    expect(parseYuanToFen(raw)).toBe(fen);
  });

  it.each(["", "-5", "1.234", "abc", "1e5", "100000000.01", "0x10"])("refuses %s", (raw) => {
    expect(parseYuanToFen(raw)).toBeNull();
  });
});

describe("fenToYuanText", () => {
  it("round-trips with parseYuanToFen", () => {
    for (const fen of [0, 5, 10, 99, 100, 123_456, 1_234_567])
      expect(parseYuanToFen(fenToYuanText(fen))).toBe(fen);
  });
});

describe("the one amount reading", () => {
  it.each([
    ["1500", 150_000],
    ["1500.5", 150_050],
    ["1,500.50", 150_050],
    ["1,234,567", 123_456_700],
    ["１５００", 150_000],
    ["１，５００．５０", 150_050],
    ["1 500", 150_000],
    ["1\u3000500", 150_000],
    ["￥ 20", 2_000],
  ])("reads %s as %i fen", (raw, fen) => {
    expect(parseYuanToFen(raw)).toBe(fen);
  });

  it.each(["1,5", "1,50", "1.500,50", "15,00", "1,5000", "1,500 000", "1 50", ",500", "1.5.0"])(
    "refuses %s, which could mean two amounts",
    (raw) => {
      expect(normaliseAmountText(raw)).toBeNull();
      expect(parseYuanToFen(raw)).toBeNull();
    },
  );

  it("reads back every amount as the app and a spreadsheet write it", () => {
    const grouped = new Intl.NumberFormat("en-GB", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
    fc.assert(
      fc.property(fc.integer({ min: 1, max: MAX_FEN }), (fen) => {
        expect(parseYuanToFen(fenToYuanText(fen))).toBe(fen);
        expect(parseYuanToFen(fenToYuan(fen))).toBe(fen);
        expect(parseYuanToFen(grouped.format(fen / 100))).toBe(fen);
        expect(parseYuanToFen(formatMoney("en", fen))).toBe(fen);
      }),
      { seed: 20_020, numRuns: 2_000 },
    );
  });
});
