/**
 * How money held for a co-funded milestone goes back to its payers (pure, shared by the server
 * and the page that states the rule).
 *
 * The rule (最大余数法): each payer gets floor(amount × share ÷ total) fen; the fen left over
 * (fewer than the number of payers) go one each to the payers with the largest remainders, ties
 * to the lower position. So the parts always add up to the amount, each part is within one fen
 * of the exact proportion, and no payer gets more than its share back when amount ≤ total.
 * Integer arithmetic only (BigInt: amount × share can pass 2^53).
 */
export function splitByShares<Id extends string>(
  amountFen: number,
  shares: readonly { id: Id; shareFen: number }[],
): { id: Id; amountFen: number }[] {
  if (!Number.isSafeInteger(amountFen) || amountFen < 0)
    throw new RangeError("amountFen must be a non-negative integer");
  if (shares.some((share) => !Number.isSafeInteger(share.shareFen) || share.shareFen <= 0))
    throw new RangeError("shares must be positive integers");
  const total = shares.reduce((sum, share) => sum + BigInt(share.shareFen), 0n);
  if (total === 0n) throw new RangeError("at least one share is needed");
  const amount = BigInt(amountFen);
  const parts = shares.map((share, position) => {
    const exact = amount * BigInt(share.shareFen);
    return { id: share.id, position, fen: exact / total, remainder: exact % total };
  });
  let leftover = amount - parts.reduce((sum, part) => sum + part.fen, 0n);
  const byRemainder = [...parts].sort((a, b) =>
    a.remainder === b.remainder ? a.position - b.position : a.remainder > b.remainder ? -1 : 1,
  );
  for (const part of byRemainder) {
    if (leftover === 0n) break;
    part.fen += 1n;
    leftover -= 1n;
  }
  return parts.map((part) => ({ id: part.id, amountFen: Number(part.fen) }));
}

/** Basis points in a whole (100 %). */
export const WHOLE_BP = 10_000;

/**
 * Shares typed as percentages (in basis points) turned into fen of the milestone's amount. When
 * they make exactly 100 % the amount is split with the rule above, so the fen add up exactly;
 * otherwise each is rounded down and the caller reports the difference.
 */
export function percentSharesToFen(amountFen: number, basisPoints: readonly number[]): number[] {
  const total = basisPoints.reduce((sum, bp) => sum + bp, 0);
  if (total === WHOLE_BP && basisPoints.every((bp) => bp > 0)) {
    return splitByShares(
      amountFen,
      basisPoints.map((bp, index) => ({ id: String(index), shareFen: bp })),
    ).map((part) => part.amountFen);
  }
  return basisPoints.map((bp) => Number((BigInt(amountFen) * BigInt(bp)) / BigInt(WHOLE_BP)));
}

/** A share as a percentage with up to two decimals, for display ("33.33"). */
export function shareBasisPoints(shareFen: number, amountFen: number): number {
  return amountFen > 0 ? Math.round((shareFen * WHOLE_BP) / amountFen) : 0;
}
