// npm run bench:relevance — how well search ranks for people, on the project's graded relevance set
// (tests/fixtures/search/relevance*.ts): nDCG@5, precision@5 and the share of the best possible
// precision@5, per query category and overall, for the embedded engine with the app's dictionary
// and, in the same run over the same documents and filters, two baselines returning the same top
// five: plain substring matching of the whole query (ranked by occurrences) and PostgreSQL ILIKE
// over title and description (ranked like bench:search's scan). Prints the tables and the issue's
// targets, writes bench/results/relevance.json. The issue judges its targets on a held-out set;
// this set is the project's own yardstick, written the same way.
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import pino from "pino";
import {
  QUERY_CATEGORIES,
  RELEVANCE_DOCS,
  RELEVANCE_QUERIES,
  type RelevanceQuery,
} from "../tests/fixtures/search/relevance";
import {
  CUTOFF,
  TARGETS,
  engineFilters,
  loadRelevanceEngine,
  passesFilters,
  scoreRanking,
  summarizeByCategory,
  type QueryScore,
  type Summary,
} from "../tests/fixtures/search/relevance-scoring";
import { startEmbeddedPostgres } from "../server/embedded-postgres";
import { round } from "./lib";
import { thisMachine, writeResults } from "./results-file";

const docOrder = new Map(RELEVANCE_DOCS.map((doc, index) => [doc.id, index]));

function occurrences(text: string, needle: string): number {
  let count = 0;
  for (let at = text.indexOf(needle); at !== -1; at = text.indexOf(needle, at + needle.length)) count += 1;
  return count;
}

/** The whole query as one substring of title + description, most occurrences first. */
function substringRanking(query: RelevanceQuery): string[] {
  const needle = query.q.trim().toLowerCase();
  if (!needle) return [];
  return RELEVANCE_DOCS.filter((doc) => passesFilters(query, doc))
    .map((doc) => ({
      id: doc.id,
      count: occurrences(`${doc.title}\n${doc.description}`.toLowerCase(), needle),
    }))
    .filter((row) => row.count > 0)
    .sort((a, b) => b.count - a.count || docOrder.get(a.id)! - docOrder.get(b.id)!)
    .slice(0, CUTOFF)
    .map((row) => row.id);
}

async function ilikeRankings(): Promise<Map<RelevanceQuery, string[]>> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "xiangke-bench-relevance-"));
  const database = await startEmbeddedPostgres(dir, pino({ level: "warn" }));
  const client = new pg.Client({ connectionString: database.url });
  const rankings = new Map<RelevanceQuery, string[]>();
  try {
    await client.connect();
    await client.query(
      "CREATE TABLE docs (id text primary key, position int, kind text, title text, description text, industry text, county text)",
    );
    for (const doc of RELEVANCE_DOCS) {
      await client.query("INSERT INTO docs VALUES ($1, $2, $3, $4, $5, $6, $7)", [
        doc.id,
        docOrder.get(doc.id),
        doc.type,
        doc.title,
        doc.description,
        doc.industry,
        doc.countyCode,
      ]);
    }
    for (const query of RELEVANCE_QUERIES) {
      // ILIKE's own wildcards in what a person typed are matched literally.
      const words = query.q
        .split(/\s+/)
        .filter(Boolean)
        .map((word) => `%${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
      const params: unknown[] = [...words];
      const match = words
        .map((_, i) => `(title ILIKE $${i + 1} OR description ILIKE $${i + 1})`)
        .join(" OR ");
      const score = words
        .map((_, i) => `(title ILIKE $${i + 1})::int * 2 + (description ILIKE $${i + 1})::int`)
        .join(" + ");
      let where = `(${match})`;
      for (const [column, value] of [
        ["industry", query.filters?.industry],
        ["county", query.filters?.countyCode],
        ["kind", query.filters?.type],
      ] as const) {
        if (!value) continue;
        params.push(value);
        where += ` AND ${column} = $${params.length}`;
      }
      const { rows } = await client.query<{ id: string }>(
        `SELECT id FROM docs WHERE ${where} ORDER BY ${score} DESC, position LIMIT ${CUTOFF}`,
        params,
      );
      rankings.set(
        query,
        rows.map((row) => row.id),
      );
    }
  } finally {
    await client.end().catch(() => undefined);
    await database.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  return rankings;
}

const engine = await loadRelevanceEngine();
const engineScores: QueryScore[] = [];
for (const query of RELEVANCE_QUERIES) {
  const result = await engine.search("needs", { q: query.q, filters: engineFilters(query), limit: CUTOFF });
  engineScores.push(
    scoreRanking(
      query,
      result.hits.map((hit) => hit.id),
    ),
  );
}
const substringScores = RELEVANCE_QUERIES.map((query) => scoreRanking(query, substringRanking(query)));
const ilike = await ilikeRankings();
const ilikeScores = RELEVANCE_QUERIES.map((query) => scoreRanking(query, ilike.get(query) ?? []));

const systems = {
  engine: summarizeByCategory(engineScores),
  substring: summarizeByCategory(substringScores),
  postgresIlike: summarizeByCategory(ilikeScores),
};
const overall = systems.engine.overall;
const passes = {
  ndcgAt5: overall.ndcgAt5 >= TARGETS.ndcgAt5,
  shareOfBestPrecision: overall.shareOfBestPrecision >= TARGETS.shareOfBestPrecision,
};

const percent = (value: number) => `${round(value * 100, 1)} %`;
const rowsOf = (table: Record<string, Summary>) =>
  Object.fromEntries(
    Object.entries(table).map(([category, s]) => [
      category,
      {
        queries: s.queries,
        "nDCG@5": s.ndcgAt5,
        "P@5": s.precisionAt5,
        "best P@5": s.bestPrecisionAt5,
        "% of best P@5": percent(s.shareOfBestPrecision),
      },
    ]),
  );

console.log(
  `\nbench:relevance — ${RELEVANCE_QUERIES.length} graded queries over ${RELEVANCE_DOCS.length} documents, top ${CUTOFF}, ${os.cpus().length} cores\n`,
);
console.log("embedded engine (Orama + jieba, app dictionary):");
console.table(rowsOf(systems.engine));
console.log("the same figures side by side with the baselines (same documents, filters and cut-off):");
console.table(
  Object.fromEntries(
    [...QUERY_CATEGORIES, "overall"].map((category) => [
      category,
      {
        "nDCG@5 engine": systems.engine[category].ndcgAt5,
        "nDCG@5 substring": systems.substring[category].ndcgAt5,
        "nDCG@5 ILIKE": systems.postgresIlike[category].ndcgAt5,
        "% best engine": percent(systems.engine[category].shareOfBestPrecision),
        "% best substring": percent(systems.substring[category].shareOfBestPrecision),
        "% best ILIKE": percent(systems.postgresIlike[category].shareOfBestPrecision),
      },
    ]),
  ),
);
const weakest = [...engineScores]
  .sort((a, b) => a.ndcg - b.ndcg || a.shareOfBest - b.shareOfBest)
  .slice(0, 15);
console.log("weakest queries for the engine (nDCG@5, share of best P@5, top five):");
for (const s of weakest) {
  console.log(
    `  ${s.ndcg.toFixed(2)} ${percent(s.shareOfBest).padStart(7)}  [${s.category}] ${s.q} → ${s.top.join(" ") || "nothing"}`,
  );
}
console.log(
  `\ntarget nDCG@5 ≥ ${TARGETS.ndcgAt5}: ${overall.ndcgAt5} ${passes.ndcgAt5 ? "pass" : "FAIL"}` +
    `\ntarget ≥ ${percent(TARGETS.shareOfBestPrecision)} of the best possible P@5: ${percent(overall.shareOfBestPrecision)} ${passes.shareOfBestPrecision ? "pass" : "FAIL"}` +
    "\n(the issue judges these targets on its held-out set; this is the project's own set)",
);

writeResults("relevance", {
  machine: thisMachine(),
  documents: RELEVANCE_DOCS.length,
  queries: RELEVANCE_QUERIES.length,
  cutoff: CUTOFF,
  engine: systems.engine,
  substring: systems.substring,
  postgresIlike: systems.postgresIlike,
  target: TARGETS,
  pass: passes,
  perQuery: engineScores.map((s) => ({
    q: s.q,
    category: s.category,
    filtered: s.filtered,
    ndcg: round(s.ndcg, 3),
    shareOfBest: round(s.shareOfBest, 3),
    top: s.top,
  })),
});
console.log("wrote bench/results/relevance.json");
