import { radix } from "@orama/orama/trees";
import { describe, expect, it } from "vitest";
import { findAllWordsLinear, originalFindAllWords } from "./orama-patch.server";

type Output = Record<string, (string | number)[]>;
type Tree = {
  insert(word: string, docId: number): void;
  find(params: { term: string; exact?: boolean; tolerance?: number }): Output;
};
const RadixNode = (radix as unknown as { RadixNode: { prototype: { findAllWords: unknown } } }).RadixNode;

function tree(): Tree {
  const RadixTree = (radix as unknown as { RadixTree: new () => Tree }).RadixTree;
  const built = new RadixTree();
  const words = ["香菇", "香菇栽培", "香蕉", "花菇", "apple", "apples", "applied"];
  for (let doc = 0; doc < 300; doc++) built.insert(words[doc % words.length], doc);
  built.insert("香菇", 1000);
  return built;
}

describe("the Orama findAllWords patch", () => {
  it("is installed", () => {
    expect(RadixNode.prototype.findAllWords).toBe(findAllWordsLinear);
  });

  it.each([
    ["香菇", false],
    ["香", false],
    ["香菇", true],
    ["app", false],
    ["apple", true],
    ["zzz", false],
  ])("returns exactly what the original returns for %s (exact: %s)", (term, exact) => {
    const built = tree();
    const patched = built.find({ term, exact, tolerance: 0 });
    RadixNode.prototype.findAllWords = originalFindAllWords;
    let original: Output;
    try {
      original = built.find({ term, exact, tolerance: 0 });
    } finally {
      RadixNode.prototype.findAllWords = findAllWordsLinear;
    }
    expect(Object.keys(patched).length).toBeGreaterThanOrEqual(term === "zzz" ? 0 : 1);
    const sorted = (output: Output) =>
      Object.fromEntries(Object.entries(output).map(([word, docs]) => [word, [...docs].sort()]));
    expect(sorted(patched)).toEqual(sorted(original));
  });
});
