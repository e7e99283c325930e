import { radix } from "@orama/orama/trees";

/**
 * Orama 3.1.18's RadixNode.findAllWords adds each document of each word it visits with
 * `if (!docs.includes(docID)) docs.push(docID)` — a linear scan per document, so collecting a
 * word found in n documents costs n²/2 comparisons. The array it scans is always created fresh
 * for that word a moment earlier and the node's documents are a Set, so the check can never find
 * a duplicate. A common Chinese word in 50,000 documents made search p95 climb past 190 ms
 * (bench:search). This replacement does the same walk without the check; searches with a typo
 * tolerance (which this app never asks Orama for) keep the original code.
 * Remove when Orama fixes findAllWords upstream; search-orama-patch.test.ts compares both.
 */
type Output = Record<string, string[] | number[]>;
interface RadixNodeLike {
  e: boolean;
  w: string;
  d: Set<string | number>;
  c: Map<string, RadixNodeLike>;
  findAllWords(output: Output, term: string, exact?: boolean, tolerance?: number): Output;
}

const RadixNode = (radix as unknown as { RadixNode: { prototype: RadixNodeLike } }).RadixNode;
export const originalFindAllWords = RadixNode.prototype.findAllWords;

export function findAllWordsLinear(
  this: RadixNodeLike,
  output: Output,
  term: string,
  exact?: boolean,
  tolerance?: number,
): Output {
  if (tolerance) return originalFindAllWords.call(this, output, term, exact, tolerance);
  const stack: RadixNodeLike[] = [this];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.e) {
      if (exact && node.w !== term) continue;
      const docs: (string | number)[] = [];
      for (const id of node.d) docs.push(id);
      output[node.w] = docs as string[];
    }
    for (const child of node.c.values()) stack.push(child);
  }
  return output;
}

RadixNode.prototype.findAllWords = findAllWordsLinear;
