import { Meilisearch } from "meilisearch";
import { afterAll, describe, expect, it } from "vitest";
import {
  MAX_QUERY_CHARS,
  createMeiliEngine,
  meiliFilter,
  meiliSearchParams,
  meiliSettings,
} from "~/modules/indexing/meilisearch.server";
import { SEARCH_INDEXES } from "~/modules/indexing/search.types";
import { SEARCH_DICTIONARY } from "~/modules/indexing/dictionary";
import { CONTRACT_DEFINITION, describeSearchContract } from "../support/search-contract";

const host = process.env.MEILI_HOST;
const apiKey = process.env.MEILI_API_KEY;

if (host) {
  // One prefix per run, so parallel runs and real data on the same server never meet.
  const prefix = `xiangke_test_${process.pid}_${Date.now()}_`;

  afterAll(async () => {
    const admin = new Meilisearch({ host, apiKey });
    // Deleting an index that was never created only fails its task, which is fine here.
    for (const index of SEARCH_INDEXES)
      await admin.deleteIndex(`${prefix}${index}`).waitTask({ timeout: 30_000 });
    // Indexes left by a rebuild case that failed half-way.
    const { results } = await admin.getRawIndexes({ limit: 1000 });
    for (const { uid } of results.filter((index) => index.uid.startsWith(prefix)))
      await admin.deleteIndex(uid).waitTask({ timeout: 30_000 });
  });

  describeSearchContract("meilisearch", async () => createMeiliEngine({ host, apiKey, prefix }));
} else {
  describe("meilisearch adapter without a server (set MEILI_HOST to run the contract)", () => {
    it("builds settings, filters and search bodies covering what the contract asks", () => {
      const settings = meiliSettings(CONTRACT_DEFINITION, SEARCH_DICTIONARY);
      expect(settings.searchableAttributes).toEqual(["title", "tags", "description", "_pinyin"]);
      // Sorted requests are ordered by the sort alone; numbers are never typo-matched.
      expect(settings.rankingRules?.[0]).toBe("sort");
      expect(settings.typoTolerance?.disableOnNumbers).toBe(true);
      expect(settings.filterableAttributes).toEqual(
        expect.arrayContaining(["industry", "counties", "budgetMaxFen", "verified"]),
      );
      expect(settings.sortableAttributes).toEqual(expect.arrayContaining(["publishedAt", "budgetMaxFen"]));
      expect(settings.synonyms?.["太阳能发电"]).toContain("光伏");
      expect(settings.synonyms?.["大棚"]).toContain("温室");
      expect(settings.synonyms?.["香菇"]).toEqual(expect.arrayContaining(["花菇", "shiitake"]));
      // "shitake" (7 letters) must get one typo on the tags where "shiitake" lives.
      expect(settings.typoTolerance?.minWordSizeForTypos?.oneTypo).toBeLessThanOrEqual("shitake".length);
      expect(settings.typoTolerance?.disableOnAttributes).not.toContain("tags");
      expect(settings.typoTolerance?.disableOnWords).not.toEqual(
        expect.arrayContaining(["shiitake", "strawberry"]),
      );

      expect(meiliFilter([{ field: "counties", op: "in", values: ["410325"] }])).toBe(
        'counties IN ["410325"]',
      );
      expect(meiliFilter([{ field: "budgetMaxFen", op: "range", min: 500_000, max: 1_000_000 }])).toBe(
        "budgetMaxFen >= 500000 AND budgetMaxFen <= 1000000",
      );
      expect(meiliFilter([{ field: "verified", op: "eq", value: false }])).toBe("verified = false");
      expect(
        meiliFilter([{ field: "industry", op: "eq", value: 'PLANTING" OR industry = "SOLAR_WIND' }]),
      ).toBe('industry = "PLANTING\\" OR industry = \\"SOLAR_WIND"');

      // The contract's prefix case: a trailing space ends the last word.
      expect(meiliSearchParams({ q: "strawb " }).q).toBe("strawb ");
      expect(meiliSearchParams({ q: "strawb" }).q).toBe("strawb");
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
        expect(Array.from(meiliSearchParams({ q }).q).length).toBeLessThanOrEqual(MAX_QUERY_CHARS);
      }
      expect(
        meiliSearchParams({
          q: "",
          facets: ["industry"],
          sort: { field: "publishedAt", direction: "desc" },
          limit: 2,
          offset: 1,
        }),
      ).toMatchObject({
        facets: ["industry"],
        sort: ["publishedAt:desc"],
        page: 1,
        hitsPerPage: 3,
        skip: 1,
      });
    });
  });
}
