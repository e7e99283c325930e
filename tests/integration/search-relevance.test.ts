import { beforeAll, describe, expect, it } from "vitest";
import type { SearchEngine } from "~/modules/indexing/search.types";
import { RELEVANCE_DOCS, RELEVANCE_QUERIES } from "../fixtures/search/relevance";
import {
  CUTOFF,
  engineFilters,
  loadRelevanceEngine,
  scoreRanking,
  summarizeByCategory,
  type QueryScore,
} from "../fixtures/search/relevance-scoring";

/**
 * Floors the embedded engine must keep on the whole graded set, a little below what it measures
 * (nDCG@5 0.918, 89.9 % of the best possible precision@5 with the dictionary, weighted expansion
 * and pinyin; 0.717 and 71.3 % before them). Raise them as the engine improves; the issue's
 * targets (0.92, 92 %) are printed by `npm run bench:relevance`, which gives the full table.
 */
const MIN_NDCG_AT_5 = 0.9;
const MIN_SHARE_OF_BEST_PRECISION = 0.88;

let engine: SearchEngine;
const scores: QueryScore[] = [];

beforeAll(async () => {
  engine = await loadRelevanceEngine();
  for (const query of RELEVANCE_QUERIES) {
    const result = await engine.search("needs", { q: query.q, filters: engineFilters(query), limit: CUTOFF });
    scores.push(
      scoreRanking(
        query,
        result.hits.map((hit) => hit.id),
      ),
    );
  }
  const table = summarizeByCategory(scores);
  console.log(
    `relevance (embedded engine) over ${RELEVANCE_QUERIES.length} queries and ${RELEVANCE_DOCS.length} documents:\n` +
      Object.entries(table)
        .map(
          ([category, s]) =>
            `  ${category.padEnd(18)} ${String(s.queries).padStart(3)} queries  nDCG@5 ${s.ndcgAt5.toFixed(3)}  ` +
            `P@5 ${s.precisionAt5.toFixed(3)} of best ${s.bestPrecisionAt5.toFixed(3)} (${(s.shareOfBestPrecision * 100).toFixed(1)} %)`,
        )
        .join("\n"),
  );
});

describe(`relevance on ${RELEVANCE_DOCS.length} realistic needs and offers`, () => {
  it(`keeps nDCG@5 at ${MIN_NDCG_AT_5} or better over the whole graded set`, () => {
    expect(summarizeByCategory(scores).overall.ndcgAt5).toBeGreaterThanOrEqual(MIN_NDCG_AT_5);
  });

  it(`keeps ${MIN_SHARE_OF_BEST_PRECISION * 100} % or more of the best possible precision@5`, () => {
    expect(summarizeByCategory(scores).overall.shareOfBestPrecision).toBeGreaterThanOrEqual(
      MIN_SHARE_OF_BEST_PRECISION,
    );
  });

  it("never returns a document outside a query's filters", () => {
    const byId = new Map(RELEVANCE_DOCS.map((doc) => [doc.id, doc]));
    const filtered = RELEVANCE_QUERIES.map((query, index) => ({ query, top: scores[index].top })).filter(
      ({ query }) => query.filters,
    );
    expect(filtered.length).toBeGreaterThan(0);
    for (const { query, top } of filtered) {
      for (const id of top) {
        const doc = byId.get(id)!;
        if (query.filters?.industry) expect(doc.industry, `${query.q} → ${id}`).toBe(query.filters.industry);
        if (query.filters?.countyCode)
          expect(doc.countyCode, `${query.q} → ${id}`).toBe(query.filters.countyCode);
        if (query.filters?.type) expect(doc.type, `${query.q} → ${id}`).toBe(query.filters.type);
      }
    }
  });
});
