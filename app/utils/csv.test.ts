import { describe, expect, it } from "vitest";
import { csvCell, toCsv } from "~/utils/csv";
import { luoyangDateTime } from "~/utils/dates";
import { fenToYuan } from "~/utils/money";

describe("statement CSV helpers", () => {
  it("writes yuan with two decimals, sign first", () => {
    expect(fenToYuan(0)).toBe("0.00");
    expect(fenToYuan(5)).toBe("0.05");
    expect(fenToYuan(123_450)).toBe("1234.50");
    expect(fenToYuan(-1)).toBe("-0.01");
  });

  it("shows times in Asia/Shanghai", () => {
    expect(luoyangDateTime("2026-01-31T16:30:05.123Z")).toBe("2026-02-01 00:30:05");
  });

  it("defuses cells a spreadsheet would run as formulas, but not plain numbers", () => {
    expect(csvCell('=HYPERLINK("http://x")')).toBe('"\'=HYPERLINK(""http://x"")"');
    expect(csvCell("+86 138")).toBe("'+86 138");
    expect(csvCell("-1+2")).toBe("'-1+2");
    expect(csvCell("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(csvCell("\tcmd")).toBe("'\tcmd");
    expect(csvCell("-12.50")).toBe("-12.50");
    expect(csvCell("合作社, 栾川")).toBe('"合作社, 栾川"');
    expect(csvCell("普通")).toBe("普通");
  });

  it("starts with a byte-order mark and ends lines with CRLF", () => {
    expect(
      toCsv([
        ["a", "b"],
        ["1", "2"],
      ]),
    ).toBe("\uFEFFa,b\r\n1,2\r\n");
  });
});
