import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { IndexDefinition, SearchDocument, SearchEngine } from "~/modules/indexing/search.types";
import { SEARCH_DICTIONARY } from "~/modules/indexing/dictionary";

export const CONTRACT_INDEX = "needs" as const;

export const CONTRACT_DEFINITION: IndexDefinition = {
  fieldTypes: {
    title: "text",
    description: "text",
    tags: "keywords",
    industry: "keyword",
    counties: "keywords",
    budgetMaxFen: "number",
    publishedAt: "number",
    verified: "boolean",
  },
  searchable: ["title", "tags", "description"],
  filterable: ["industry", "counties", "budgetMaxFen", "verified"],
  sortable: ["budgetMaxFen", "publishedAt"],
};

export const CONTRACT_DOCS: SearchDocument[] = [
  {
    id: "d1",
    title: "香菇菌棒污染防治技术指导",
    description: "栾川县合作社香菇菌棒春季绿霉污染严重，需要专家现场指导。",
    tags: ["shiitake"],
    industry: "PLANTING",
    counties: ["410324"],
    budgetMaxFen: 2_000_000,
    publishedAt: 1,
    verified: true,
  },
  {
    id: "d2",
    title: "花菇烘干设备选型",
    description: "嵩县花菇产量增加，想了解热风烘干房和烘干机。",
    tags: [],
    industry: "AGRI_PROCESSING",
    counties: ["410325"],
    budgetMaxFen: 8_000_000,
    publishedAt: 2,
    verified: true,
  },
  {
    id: "d3",
    title: "村级光伏电站运维培训",
    description: "光伏扶贫电站发电量下降，需要组件清洗和逆变器维护培训。",
    tags: [],
    industry: "SOLAR_WIND",
    counties: ["410326"],
    budgetMaxFen: 500_000,
    publishedAt: 3,
    verified: false,
  },
  {
    id: "d4",
    title: "温室草莓病虫害绿色防控",
    description: "日光温室草莓白粉病和红蜘蛛防治，希望减少农药使用。",
    tags: ["strawberry"],
    industry: "PLANTING",
    counties: ["410311", "410307"],
    budgetMaxFen: 1_000_000,
    publishedAt: 4,
    verified: true,
  },
  {
    id: "d5",
    title: "洛宁苹果冷库建设方案",
    description: "合作社计划建设 500 吨苹果保鲜冷库，需要设计和设备建议。",
    tags: ["Fuji apple"],
    industry: "AGRI_PROCESSING",
    counties: ["410328"],
    budgetMaxFen: null,
    publishedAt: 5,
    verified: false,
  },
  {
    id: "d6",
    title: "农产品网店运营与直播带货",
    description: "帮助合作社开设网店，培训直播销售。",
    tags: [],
    industry: "RURAL_ECOMMERCE",
    counties: ["410324", "410325"],
    budgetMaxFen: 300_000,
    publishedAt: 6,
    verified: true,
  },
];

const ids = (response: { hits: { id: string }[] }) => response.hits.map((hit) => hit.id);

/**
 * What every search engine must do, however it does it. Run against the embedded engine always
 * and against Meilisearch when MEILI_HOST is set.
 */
export function describeSearchContract(name: string, makeEngine: () => Promise<SearchEngine>) {
  describe(`search contract: ${name}`, () => {
    let engine: SearchEngine;

    beforeAll(async () => {
      engine = await makeEngine();
      await engine.configure(CONTRACT_INDEX, CONTRACT_DEFINITION, SEARCH_DICTIONARY);
      await engine.clear(CONTRACT_INDEX);
      await engine.upsert(CONTRACT_INDEX, CONTRACT_DOCS);
    });

    afterAll(async () => {
      await engine?.clear(CONTRACT_INDEX);
    });

    it("finds Chinese words inside longer text, best match first", async () => {
      const result = await engine.search(CONTRACT_INDEX, { q: "菌棒污染" });
      expect(ids(result)[0]).toBe("d1");
      expect(ids(await engine.search(CONTRACT_INDEX, { q: "栾川" }))).toContain("d1");
    });

    it("treats the synonyms people mix as the same word", async () => {
      expect(ids(await engine.search(CONTRACT_INDEX, { q: "太阳能发电" }))).toContain("d3");
      expect(ids(await engine.search(CONTRACT_INDEX, { q: "大棚" }))).toContain("d4");
      expect(ids(await engine.search(CONTRACT_INDEX, { q: "香菇" }))).toEqual(
        expect.arrayContaining(["d1", "d2"]),
      );
    });

    it("takes the last word typed as the start of a longer word, and earlier words whole", async () => {
      // Search as you type: "strawb" is on its way to "strawberry", "烘" to "烘干".
      expect(ids(await engine.search(CONTRACT_INDEX, { q: "strawb" }))).toContain("d4");
      expect(ids(await engine.search(CONTRACT_INDEX, { q: "花菇 烘" }))[0]).toBe("d2");
      // A finished word (followed by a space) is matched whole.
      expect(ids(await engine.search(CONTRACT_INDEX, { q: "strawb " }))).not.toContain("d4");
    });

    it("reads traditional characters as the simplified ones the documents hold", async () => {
      expect(ids(await engine.search(CONTRACT_INDEX, { q: "溫室草莓" }))[0]).toBe("d4");
      expect(ids(await engine.search(CONTRACT_INDEX, { q: "光伏電站" }))).toContain("d3");
    });

    it("leaves stop words out of a question", async () => {
      // 我们 想要 are stop words; d1 says 需要 and d2 想了解, which must not make them match.
      const result = ids(await engine.search(CONTRACT_INDEX, { q: "请问我们想要光伏" }));
      expect(result).toContain("d3");
      expect(result).not.toContain("d1");
      expect(result).not.toContain("d2");
    });

    it("finds Chinese words by their toneless pinyin", async () => {
      expect(ids(await engine.search(CONTRACT_INDEX, { q: "caomei" }))).toContain("d4");
      expect(ids(await engine.search(CONTRACT_INDEX, { q: "guangfu " }))).toContain("d3");
    });

    it("forgives a typo in a Latin product name", async () => {
      expect(ids(await engine.search(CONTRACT_INDEX, { q: "shitake" }))).toContain("d1");
      expect(ids(await engine.search(CONTRACT_INDEX, { q: "strawbery" }))).toContain("d4");
    });

    it("filters by keyword, keyword list, range and flag", async () => {
      const all = { q: "" };
      expect(
        ids(
          await engine.search(CONTRACT_INDEX, {
            ...all,
            filters: [{ field: "industry", op: "eq", value: "AGRI_PROCESSING" }],
          }),
        ).sort(),
      ).toEqual(["d2", "d5"]);
      expect(
        ids(
          await engine.search(CONTRACT_INDEX, {
            ...all,
            filters: [{ field: "counties", op: "in", values: ["410325"] }],
          }),
        ).sort(),
      ).toEqual(["d2", "d6"]);
      expect(
        ids(
          await engine.search(CONTRACT_INDEX, {
            ...all,
            filters: [{ field: "budgetMaxFen", op: "range", min: 500_000, max: 1_000_000 }],
          }),
        ).sort(),
      ).toEqual(["d3", "d4"]);
      expect(
        ids(
          await engine.search(CONTRACT_INDEX, {
            ...all,
            filters: [{ field: "verified", op: "eq", value: false }],
          }),
        ).sort(),
      ).toEqual(["d3", "d5"]);
    });

    it("counts facets over every match, not only the page", async () => {
      const result = await engine.search(CONTRACT_INDEX, { q: "", facets: ["industry"], limit: 1 });
      expect(result.total).toBe(6);
      expect(result.hits).toHaveLength(1);
      expect(result.facets.industry).toEqual({
        PLANTING: 2,
        AGRI_PROCESSING: 2,
        SOLAR_WIND: 1,
        RURAL_ECOMMERCE: 1,
      });
    });

    it("sorts by a number and pages through the results", async () => {
      const sorted = await engine.search(CONTRACT_INDEX, {
        q: "",
        sort: { field: "publishedAt", direction: "desc" },
        limit: 2,
        offset: 1,
      });
      expect(ids(sorted)).toEqual(["d5", "d4"]);
      expect(sorted.total).toBe(6);
    });

    it("replaces a document with the same id and forgets removed ones", async () => {
      await engine.upsert(CONTRACT_INDEX, [
        {
          ...CONTRACT_DOCS[5],
          title: "农产品快递物流对接",
          description: "联系快递公司，降低山区农产品物流成本。",
        },
      ]);
      expect(ids(await engine.search(CONTRACT_INDEX, { q: "快递" }))).toEqual(["d6"]);
      expect(ids(await engine.search(CONTRACT_INDEX, { q: "直播带货" }))).not.toContain("d6");
      await engine.remove(CONTRACT_INDEX, ["d6"]);
      expect(ids(await engine.search(CONTRACT_INDEX, { q: "快递" }))).toEqual([]);
      await engine.upsert(CONTRACT_INDEX, [CONTRACT_DOCS[5]]);
    });

    it("trims spaces before the query only: leading spaces change nothing, a trailing one ends the word", async () => {
      expect(ids(await engine.search(CONTRACT_INDEX, { q: "   strawb" }))).toContain("d4");
      expect(ids(await engine.search(CONTRACT_INDEX, { q: "   strawb  " }))).not.toContain("d4");
    });

    it("never takes one number for another", async () => {
      expect(ids(await engine.search(CONTRACT_INDEX, { q: "500" }))).toContain("d5");
      expect(ids(await engine.search(CONTRACT_INDEX, { q: "501" }))).not.toContain("d5");
      expect(ids(await engine.search(CONTRACT_INDEX, { q: "600" }))).not.toContain("d5");
    });

    it("counts every match exactly, whatever the page", async () => {
      const all = await engine.search(CONTRACT_INDEX, { q: "", limit: 100 });
      expect(all.total).toBe(CONTRACT_DOCS.length);
      for (const page of [
        { limit: 1, offset: 0 },
        { limit: 2, offset: 1 },
        { limit: 0, offset: 0 },
        { limit: 4, offset: 4 },
      ]) {
        const result = await engine.search(CONTRACT_INDEX, { q: "", ...page });
        expect(result.total).toBe(CONTRACT_DOCS.length);
        expect(result.hits).toHaveLength(
          Math.max(0, Math.min(page.limit, CONTRACT_DOCS.length - page.offset)),
        );
      }
    });

    it("orders by the sort alone when a request sorts, relevance only without one", async () => {
      // x1 says 核桃 in its title (the better match), x2 only in its description but is newer.
      const extra: SearchDocument[] = [
        {
          ...CONTRACT_DOCS[0],
          id: "x1",
          title: "核桃嫁接改良",
          description: "山地核桃园品种老化。",
          tags: [],
          publishedAt: 7,
        },
        {
          ...CONTRACT_DOCS[0],
          id: "x2",
          title: "山区经济林管理",
          description: "核桃树冬季修剪。",
          tags: [],
          publishedAt: 8,
        },
      ];
      await engine.upsert(CONTRACT_INDEX, extra);
      try {
        const newest = await engine.search(CONTRACT_INDEX, {
          q: "核桃",
          sort: { field: "publishedAt", direction: "desc" },
        });
        expect(ids(newest)).toEqual(["x2", "x1"]);
        const oldest = await engine.search(CONTRACT_INDEX, {
          q: "核桃",
          sort: { field: "publishedAt", direction: "asc" },
        });
        expect(ids(oldest)).toEqual(["x1", "x2"]);
        expect(ids(await engine.search(CONTRACT_INDEX, { q: "核桃" }))[0]).toBe("x1");
      } finally {
        await engine.remove(CONTRACT_INDEX, ["x1", "x2"]);
      }
    });

    it("finds Chinese words typed in pinyin", async () => {
      expect(ids(await engine.search(CONTRACT_INDEX, { q: "guangfu" }))).toContain("d3");
      // The last word typed may be the start of a longer spelling.
      expect(ids(await engine.search(CONTRACT_INDEX, { q: "lengk" }))).toContain("d5");
    });

    it("finds simplified text when the query is typed in traditional characters", async () => {
      expect(ids(await engine.search(CONTRACT_INDEX, { q: "溫室" }))).toContain("d4");
      expect(ids(await engine.search(CONTRACT_INDEX, { q: "蘋果" }))).toContain("d5");
    });

    it("finds a broader term's needs from a specific one", async () => {
      // The dictionary says 红富士 is a 苹果: a need about apples is found by the variety.
      expect(ids(await engine.search(CONTRACT_INDEX, { q: "红富士" }))).toContain("d5");
    });

    it("answers any query text without failing", async () => {
      for (const q of [
        "",
        "   ",
        "x".repeat(10_000),
        "🍄🌾",
        "' OR 1=1 --",
        '"] OR id EXISTS',
        "industry = PLANTING",
        '\\"\n\t',
      ]) {
        const result = await engine.search(CONTRACT_INDEX, { q });
        expect(Array.isArray(result.hits)).toBe(true);
      }
    });

    it("treats filter values literally, however odd", async () => {
      const result = await engine.search(CONTRACT_INDEX, {
        q: "",
        filters: [{ field: "industry", op: "eq", value: 'PLANTING" OR industry = "SOLAR_WIND' }],
      });
      expect(result.total).toBe(0);
    });
  });
}
