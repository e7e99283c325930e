import { compileDictionary } from "~/modules/indexing/dictionary/compile";
import { describe, expect, it } from "vitest";
import { createEmbeddedEngine, withoutCommonWords } from "~/modules/indexing/embedded.server";
import type { IndexDefinition, SearchDocument } from "~/modules/indexing/search.types";
import { describeSearchContract } from "../support/search-contract";

describeSearchContract("embedded engine", async () => createEmbeddedEngine());

describe("embedded engine: very common words", () => {
  const definition: IndexDefinition = {
    fieldTypes: { title: "text", county: "keyword" },
    searchable: ["title"],
    filterable: ["county"],
    sortable: [],
  };
  // 1,200 cooperatives: every title says 合作社, ten of them grow 香菇.
  const documents = (mushrooms: number, cooperatives: number): SearchDocument[] =>
    Array.from({ length: 1200 }, (_, i) => ({
      id: `c${i}`,
      title: `${i < mushrooms ? "香菇" : "核桃"}种植${i < cooperatives ? "合作社" : "家庭农场"}`,
      county: i % 2 ? "410324" : "410325",
    }));

  it("leaves out words most documents hold when the query has rarer ones", () => {
    const frequency = new Map([
      ["合作社", 900],
      ["香菇", 10],
    ]);
    expect(withoutCommonWords(["香菇", "合作社"], frequency, 1000)).toEqual(["香菇"]);
    // Only common words: keep them, or nothing would be found.
    expect(withoutCommonWords(["合作社"], frequency, 1000)).toEqual(["合作社"]);
    // A small index keeps every word.
    expect(withoutCommonWords(["香菇", "合作社"], frequency, 999)).toEqual(["香菇", "合作社"]);
  });

  it("ranks by the rare word, and keeps its counts right as documents are replaced and removed", async () => {
    const engine = createEmbeddedEngine();
    await engine.configure("needs", definition, compileDictionary([]));
    await engine.upsert("needs", documents(10, 1200));
    const rare = await engine.search("needs", { q: "香菇 合作社" });
    expect(rare.total).toBe(10);
    expect((await engine.search("needs", { q: "合作社" })).total).toBe(1200);

    // Now only 100 documents say 合作社: it is no longer common and counts again.
    await engine.upsert("needs", documents(10, 100));
    expect((await engine.search("needs", { q: "香菇 合作社" })).total).toBe(100);

    // Removing most documents shrinks the index below the size where words are dropped.
    await engine.remove(
      "needs",
      documents(10, 100)
        .slice(300)
        .map((document) => document.id),
    );
    expect((await engine.search("needs", { q: "核桃 合作社" })).total).toBe(300);
  });

  it("orders a deep page as it orders the first ones (pages picked two ways agree)", async () => {
    const engine = createEmbeddedEngine();
    await engine.configure("needs", definition, compileDictionary([]));
    // Scores differ: some titles say 合作社 twice.
    await engine.upsert(
      "needs",
      documents(10, 1200).map((document, i) =>
        i % 7 === 0 ? { ...document, title: `${String(document.title)} 合作社联合社` } : document,
      ),
    );
    const ids = async (offset: number, limit: number) =>
      (await engine.search("needs", { q: "合作社", offset, limit })).hits.map((hit) => hit.id);
    // Up to 200 results are picked by insertion, beyond by a full sort: the same order either way.
    const whole = await ids(0, 400);
    expect(whole).toHaveLength(400);
    expect(await ids(180, 20)).toEqual(whole.slice(180, 200));
    expect(await ids(190, 20)).toEqual(whole.slice(190, 210));
    expect(await ids(380, 20)).toEqual(whole.slice(380, 400));
  });

  it("counts facets and filters over the same matches", async () => {
    const engine = createEmbeddedEngine();
    await engine.configure("needs", definition, compileDictionary([]));
    await engine.upsert("needs", documents(10, 1200));
    const result = await engine.search("needs", {
      q: "香菇",
      facets: ["county"],
      filters: [{ field: "county", op: "eq", value: "410324" }],
    });
    expect(result.total).toBe(5);
    expect(result.facets.county).toEqual({ "410324": 5 });
  });
});
