import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { percentSharesToFen, splitByShares } from "./shares";

const shares = fc
  .array(fc.integer({ min: 1, max: 50_000_000 }), { minLength: 1, maxLength: 5 })
  .map((list) => list.map((shareFen, i) => ({ id: `p${i}`, shareFen })));

describe("splitByShares (largest remainder, ties to the lower position)", () => {
  it("splits 30/70 of an odd amount with the leftover fen to the largest remainder", () => {
    expect(
      splitByShares(10_001, [
        { id: "coop", shareFen: 3_000 },
        { id: "programme", shareFen: 7_000 },
      ]),
    ).toEqual([
      { id: "coop", amountFen: 3_000 },
      { id: "programme", amountFen: 7_001 },
    ]);
  });

  it("gives a tie to the payer listed first", () => {
    const parts = splitByShares(2, [
      { id: "a", shareFen: 1 },
      { id: "b", shareFen: 1 },
      { id: "c", shareFen: 1 },
    ]);
    expect(parts.map((p) => p.amountFen)).toEqual([1, 1, 0]);
  });

  it("refuses shares that are not positive integers", () => {
    expect(() => splitByShares(10, [{ id: "a", shareFen: 0 }])).toThrow(RangeError);
    expect(() => splitByShares(-1, [{ id: "a", shareFen: 1 }])).toThrow(RangeError);
  });

  it("always adds up to the amount, stays within one fen of the exact proportion and is deterministic", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2_000_000_000 }), shares, (amountFen, list) => {
        const total = list.reduce((sum, s) => sum + s.shareFen, 0);
        const parts = splitByShares(amountFen, list);
        expect(parts.map((p) => p.id)).toEqual(list.map((s) => s.id));
        expect(parts.reduce((sum, p) => sum + p.amountFen, 0)).toBe(amountFen);
        parts.forEach((part, i) => {
          expect(Number.isInteger(part.amountFen)).toBe(true);
          // |part − amount × share ÷ total| < 1, compared exactly in integers.
          const gap = BigInt(part.amountFen) * BigInt(total) - BigInt(amountFen) * BigInt(list[i]!.shareFen);
          expect(gap < BigInt(total) && gap > -BigInt(total)).toBe(true);
        });
        expect(splitByShares(amountFen, list)).toEqual(parts);
      }),
      { numRuns: 2_000 },
    );
  });

  it("never gives a payer more than its share when the amount is at most the total", () => {
    fc.assert(
      fc.property(shares, fc.double({ min: 0, max: 1, noNaN: true }), (list, fraction) => {
        const total = list.reduce((sum, s) => sum + s.shareFen, 0);
        const amountFen = Math.floor(total * fraction);
        splitByShares(amountFen, list).forEach((part, i) =>
          expect(part.amountFen).toBeLessThanOrEqual(list[i]!.shareFen),
        );
      }),
      { numRuns: 2_000 },
    );
  });
});

describe("percentSharesToFen", () => {
  it("turns percentages that make 100 % into fen that add up to the amount exactly", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000_000_000 }),
        fc.array(fc.integer({ min: 1, max: 9_999 }), { minLength: 1, maxLength: 4 }),
        (amountFen, cuts) => {
          // Cut 100 % (10 000 basis points) into positive pieces.
          const points = [...new Set(cuts)].sort((a, b) => a - b);
          const bps = [...points, 10_000].map((point, i) => point - (i === 0 ? 0 : points[i - 1]!));
          expect(percentSharesToFen(amountFen, bps).reduce((a, b) => a + b, 0)).toBe(amountFen);
        },
      ),
    );
  });

  it("rounds each down when the percentages do not make 100 %, so the caller sees the gap", () => {
    expect(percentSharesToFen(10_000, [3_000, 6_000])).toEqual([3_000, 6_000]);
  });
});
