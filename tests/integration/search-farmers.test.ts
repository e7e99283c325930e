import { beforeAll, describe, expect, it } from "vitest";
import { compileDictionary } from "~/modules/indexing/dictionary/compile";
import { createEmbeddedEngine } from "~/modules/indexing/embedded.server";
import type { SearchDocument, SearchEngine } from "~/modules/indexing/search.types";
import { sharedTerms } from "~/modules/matching/matching.server";
import { INDEX_DEFINITIONS } from "~/modules/search/indexes.server";
import { highlightTerms } from "~/modules/search/search.server";

/**
 * The embedded engine on farmers' language: small documents of our own and a dictionary of our
 * own, so each case shows one behaviour whatever the shipped dictionary holds.
 */
const DICTIONARY = compileDictionary([
  {
    domain: "测试",
    source: "集成测试自编",
    synonyms: [
      ["番茄", "西红柿"],
      ["土鸡", "柴鸡"],
    ],
    hypernyms: [["苹果", ["红富士"]]],
    colloquial: [["叶子发黄", ["黄化病"]]],
  },
]);

function need(id: string, title: string, description = "", poster = ""): SearchDocument {
  return {
    id,
    title,
    details: "",
    description,
    poster,
    kind: "TECHNICAL",
    industry: "PLANTING",
    county: "410324",
    arrangements: ["TECH_CONTRACT"],
    status: "OPEN",
    budgetMinFen: null,
    budgetMaxFen: null,
    budgetBand: "open",
    verified: true,
    publishedAt: 1,
  };
}

const DOCS = [
  need("tomato-typed", "西红柿大棚种植", "西红柿苗期管理。"),
  need("tomato-synonym", "番茄育苗", "番茄穴盘育苗。"),
  need("trad", "溫室蔬菜病蟲害防治", "我們需要綠色防控。"),
  need("apple", "苹果园春季修剪", "老果园修剪和施肥。"),
  need("fuji", "红富士套袋", "红富士红富士红富士，摘袋时间和着色。"),
  need("chicken-vaccine", "散养土鸡疫苗接种", "土鸡新城疫疫苗怎么打。"),
  need("chicken-repeat", "柴鸡柴鸡", "柴鸡养殖，柴鸡出栏，柴鸡销售，柴鸡品牌。"),
  need("egg-hen", "蛋鸡饲料配方", "蛋鸡产蛋率下降。"),
  need("chicken-alone", "鸡的呼吸道病", "鸡咳嗽流鼻涕。"),
  need("pepper", "红干椒晾晒", "红干椒晾晒和分级。"),
  need("walnut-by-mushroom-coop", "核桃嫁接", "核桃树高接换优。", "栾川香菇专业合作社"),
  need("mushroom", "香菇烘干", "香菇烘干温度曲线。", "三合村村委会"),
  need("yellow", "苹果黄化病诊断", "缺铁引起的黄化病。"),
  need("seed-2025", "2025年玉米新品种", "2025年新品种示范。"),
];

let engine: SearchEngine;
const ids = async (q: string) => (await engine.search("needs", { q, limit: 20 })).hits.map((hit) => hit.id);

beforeAll(async () => {
  engine = createEmbeddedEngine();
  await engine.configure("needs", INDEX_DEFINITIONS.needs, DICTIONARY);
  await engine.upsert("needs", DOCS);
});

describe("embedded engine: farmers' language", () => {
  it("finds traditional characters by simplified ones and the other way round", async () => {
    expect(await ids("病虫害")).toContain("trad");
    expect(await ids("溫室")).toContain("trad");
    expect(await ids("西紅柿")).toContain("tomato-typed");
  });

  it("ignores stop words and generic words in a question, and still answers a query of nothing else", async () => {
    // The cooperative named after mushrooms is found too, below: its name is searchable, weighing little.
    expect(await ids("请问我们的香菇怎么办啊")).toEqual(["mushroom", "walnut-by-mushroom-coop"]);
    // 我们, 需要 are in the traditional document only; they are not a reason to find it.
    expect(await ids("我们需要红干椒")).toEqual(["pepper"]);
    expect((await ids("需要")).length).toBeGreaterThan(0);
  });

  it("ranks the word as typed above its synonym, and finds both", async () => {
    expect((await ids("西红柿")).slice(0, 2)).toEqual(["tomato-typed", "tomato-synonym"]);
    expect((await ids("番茄")).slice(0, 2)).toEqual(["tomato-synonym", "tomato-typed"]);
  });

  it("ranks a general word's own documents above those of its specifics, however often they repeat them", async () => {
    const apple = await ids("苹果");
    expect(apple.indexOf("apple")).toBeLessThan(apple.indexOf("fuji"));
    expect(apple).toContain("fuji");
    const fuji = await ids("红富士");
    expect(fuji[0]).toBe("fuji");
    expect(fuji).toContain("apple");
  });

  it("ranks a document naming both things asked for above one repeating a synonym of one", async () => {
    const result = await ids("土鸡 疫苗");
    expect(result[0]).toBe("chicken-vaccine");
    expect(result).toContain("chicken-repeat");
  });

  it("maps a colloquial phrase to the terms it means", async () => {
    expect((await ids("苹果树叶子发黄"))[0]).toBe("yellow");
  });

  it("finds Chinese words by their pinyin, the last word typed also as a prefix", async () => {
    expect(await ids("fanqie")).toEqual(expect.arrayContaining(["tomato-typed", "tomato-synonym"]));
    expect(await ids("dapeng")).toContain("tomato-typed");
    expect(await ids("tuji")).toEqual(expect.arrayContaining(["chicken-vaccine", "chicken-repeat"]));
    // "honggan" spells 烘干 whole, and is the start of 红干椒 (hongganjiao) while still being typed.
    expect(await ids("honggan")).toEqual(expect.arrayContaining(["mushroom", "pepper"]));
    expect(await ids("honggan ")).toEqual(["mushroom"]);
    // One typo in a pinyin word is forgiven, as in any Latin word.
    expect(await ids("fangie")).toContain("tomato-synonym");
  });

  it("never treats one number as a typo of another", async () => {
    expect(await ids("2025")).toEqual(["seed-2025"]);
    expect(await ids("2024")).toEqual([]);
  });

  it("finds a single character and a partial word, below whole-word matches", async () => {
    const chicken = await ids("鸡");
    expect(chicken[0]).toBe("chicken-alone");
    expect(chicken).toEqual(expect.arrayContaining(["chicken-vaccine", "egg-hen", "chicken-repeat"]));
    expect(chicken).not.toContain("walnut-by-mushroom-coop");
    expect(await ids("红干")).toContain("pepper");
  });

  it("weighs the poster's name far below what the need is about", async () => {
    const result = await ids("香菇");
    expect(result[0]).toBe("mushroom");
    // Still findable by the cooperative's name, only not as if it were about mushrooms.
    expect(result).toContain("walnut-by-mushroom-coop");
    expect((await ids("香菇 核桃"))[0]).toBe("walnut-by-mushroom-coop");
  });

  it("keeps its counts right when documents with pinyin and partial words are replaced and removed", async () => {
    await engine.upsert("needs", [need("pepper", "辣椒育苗", "辣椒穴盘育苗。")]);
    expect(await ids("honggan")).not.toContain("pepper");
    expect(await ids("红干")).not.toContain("pepper");
    await engine.remove("needs", ["pepper"]);
    expect(await ids("lajiao")).toEqual([]);
    await engine.upsert(
      "needs",
      DOCS.filter((doc) => doc.id === "pepper"),
    );
    expect(await ids("honggan")).toContain("pepper");
  });
});

describe("reasons and highlights", () => {
  it("names only meaningful shared words as the reason for a match", () => {
    const terms = sharedTerms(
      "我们合作社需要香菇菌棒技术指导，可以提供场地",
      "专家提供香菇菌棒栽培技术服务和现场指导，可以合作",
    );
    expect(terms).toEqual(expect.arrayContaining(["香菇", "菌棒"]));
    for (const generic of ["技术", "指导", "可以", "提供", "需要", "合作"])
      expect(terms).not.toContain(generic);
  });

  it("drops a shared word that a longer shared word already names", () => {
    expect(sharedTerms("直播带货培训", "直播带货运营")).toEqual(["直播带货"]);
  });

  it("highlights the query's words and their synonyms, never stop words", () => {
    const terms = highlightTerms("请问光伏怎么维护");
    expect(terms).toEqual(expect.arrayContaining(["光伏", "维护", "太阳能发电"]));
    for (const stop of ["请问", "怎么"]) expect(terms).not.toContain(stop);
    expect(highlightTerms("需要技术")).toEqual([]);
  });
});
