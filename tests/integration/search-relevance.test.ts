import { beforeAll, describe, expect, it } from "vitest";
import { createEmbeddedEngine } from "~/modules/indexing/embedded.server";
import type { IndexDefinition, SearchEngine } from "~/modules/indexing/search.types";
import { SEARCH_DICTIONARY } from "~/modules/indexing/dictionary";
import { RELEVANCE_DOCS, RELEVANCE_QUERIES } from "../fixtures/search/relevance";

/** The floor the embedded engine must keep; measured value is printed on every run. */
const MIN_PRECISION_AT_5 = 0.8;

const DEFINITION: IndexDefinition = {
  fieldTypes: {
    title: "text",
    tags: "keywords",
    description: "text",
    industry: "keyword",
    county: "keyword",
  },
  searchable: ["title", "tags", "description"],
  filterable: ["industry", "county"],
  sortable: [],
};

let engine: SearchEngine;

beforeAll(async () => {
  engine = createEmbeddedEngine();
  await engine.configure("needs", DEFINITION, SEARCH_DICTIONARY);
  await engine.upsert(
    "needs",
    RELEVANCE_DOCS.map((doc) => ({
      id: doc.id,
      title: doc.title,
      tags: doc.tags ?? [],
      description: doc.description,
      industry: doc.industry,
      county: doc.countyCode,
    })),
  );
});

describe("relevance on 200 realistic needs and offers", () => {
  it(`keeps precision@5 at ${MIN_PRECISION_AT_5} or better over ${RELEVANCE_QUERIES.length} queries`, async () => {
    const perQuery: { q: string; precision: number }[] = [];
    for (const query of RELEVANCE_QUERIES) {
      const filters = [
        ...(query.filters?.industry
          ? [{ field: "industry", op: "eq" as const, value: query.filters.industry }]
          : []),
        ...(query.filters?.countyCode
          ? [{ field: "county", op: "eq" as const, value: query.filters.countyCode }]
          : []),
      ];
      const result = await engine.search("needs", { q: query.q, filters, limit: 5 });
      const relevant = new Set(query.relevant);
      const found = result.hits.filter((hit) => relevant.has(hit.id)).length;
      // A query with fewer than five relevant documents can still score 1.
      perQuery.push({ q: query.q, precision: found / Math.min(5, relevant.size) });
    }
    const mean = perQuery.reduce((sum, row) => sum + row.precision, 0) / perQuery.length;
    const weakest = [...perQuery].sort((a, b) => a.precision - b.precision).slice(0, 5);
    console.log(
      `precision@5 (embedded engine) = ${mean.toFixed(3)} over ${perQuery.length} queries; weakest: ${weakest.map((row) => `${row.q} ${row.precision.toFixed(2)}`).join(", ")}`,
    );
    expect(mean).toBeGreaterThanOrEqual(MIN_PRECISION_AT_5);
  });
});
