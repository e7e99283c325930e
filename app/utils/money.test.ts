import { describe, expect, it } from "vitest";
import { fenToYuanText, parseYuanToFen } from "./money";

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
