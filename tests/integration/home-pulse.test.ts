import { describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { PULSE_TTL_MS, homeMapSvg, homePulse } from "~/modules/dashboard/pulse.server";
import { loader as homeLoader } from "~/routes/site/_index";
import { loader as mapLoader } from "~/routes/site/pulse-map[.]svg";
import { useTestDatabase } from "../support/database";
import {
  CLEARING,
  at,
  createCohort,
  createMilestoneEscrow,
  createNeed,
  transferAt,
} from "../support/dashboard-factories";

useTestDatabase();

/** One independent count in plain SQL. */
async function sql(query: string): Promise<number> {
  const [row] = await db.$queryRawUnsafe<{ n: bigint | number | null }[]>(query);
  return Number(row?.n ?? 0);
}

describe("the home page's pulse", () => {
  // Mid-June 2026 in Luoyang; each test reads at its own moment, so the minute's cache is its own.
  const now = at(2026, 6, 15);

  it("counts this year's needs, active experts, counties, escrow and the newest listings, as SQL does", async () => {
    // In the year, matched and not; last year; a draft. Applications 2 days and 200 days before now.
    const matched = await createNeed("410324", "PLANTING", at(2026, 5, 1), [
      { hoursLater: 1, status: "ACCEPTED" },
    ]);
    await createNeed("410325", "BREEDING", at(2026, 3, 1));
    await createNeed("410326", "PLANTING", at(2025, 12, 1), [{ hoursLater: 1 }]);
    await createNeed("410327", "PLANTING", null);
    await createNeed("410328", "PLANTING", at(2026, 6, 13), [{ hoursLater: 1 }]);
    await createCohort(2026, ["410329"]);
    const escrow = await createMilestoneEscrow(matched);
    await transferAt(at(2026, 5, 10), {
      from: CLEARING,
      to: escrow.escrow,
      amountFen: 50_000,
      reason: "MILESTONE_FUND",
      agreementId: escrow.agreementId,
      milestoneId: escrow.milestoneId,
    });

    const pulse = await homePulse(now);
    const start = "2025-12-31 16:00:00";
    const end = "2026-12-31 16:00:00";
    expect(pulse).toMatchObject({
      year: 2026,
      needsPosted: await sql(
        `SELECT count(*) AS n FROM "Need" WHERE "publishedAt" >= '${start}' AND "publishedAt" < '${end}'`,
      ),
      needsMatched: await sql(
        `SELECT count(*) AS n FROM "Need" n WHERE "publishedAt" >= '${start}' AND "publishedAt" < '${end}'
           AND EXISTS (SELECT 1 FROM "Application" a WHERE a."needId" = n.id AND a.status = 'ACCEPTED')`,
      ),
      escrowHeldFen: await sql(`SELECT sum("balanceFen") AS n FROM "LedgerAccount" WHERE kind = 'ESCROW'`),
    });
    // The seeded world, by hand: three needs this year, one matched; the applications of 1 May and
    // 13 June are within 90 days (the one of December is not), and the commissioner files no log.
    expect(pulse).toMatchObject({ needsPosted: 3, needsMatched: 1, expertsActive: 2, escrowHeldFen: 50_000 });
    // Counties with a need this year (3) and the commissioner's county if its assignment runs today.
    const running = await sql(
      `SELECT count(*) AS n FROM "CommissionerAssignment" WHERE "startDate" <= '2026-06-15 04:00:00' AND "endDate" >= '2026-06-15 04:00:00'`,
    );
    expect(pulse.countiesCovered).toBe(3 + running);
    expect(pulse.needsByCounty).toEqual({ "410324": 1, "410325": 1, "410328": 1 });
    // The newest published need first; drafts and last year's needs are in the list only if newest.
    expect(pulse.recentNeeds[0]?.countyCode).toBe("410328");
    expect(pulse.recentNeeds.map((need) => need.countyCode)).not.toContain("410327");
  });

  it("keeps one read for a minute, then reads again", async () => {
    const first = await homePulse(at(2026, 7, 1));
    await createNeed("410324", "PLANTING", at(2026, 6, 30));
    const withinMinute = await homePulse(new Date(at(2026, 7, 1).getTime() + PULSE_TTL_MS - 1));
    expect(withinMinute).toBe(first);
    const later = await homePulse(new Date(at(2026, 7, 1).getTime() + PULSE_TTL_MS));
    expect(later.needsPosted).toBe(first.needsPosted + 1);
  });

  it("serves the map as a cached SVG in the language asked, and the home page with the pulse", async () => {
    const svg = await homeMapSvg("zh", at(2026, 8, 1));
    expect(svg).toContain("<svg");
    expect(svg).toContain("栾川县");
    const response = await mapLoader({
      request: new Request("http://localhost/pulse-map.svg?lang=en"),
      params: {},
      context: {},
    } as never);
    expect(response.headers.get("content-type")).toBe("image/svg+xml; charset=utf-8");
    expect(response.headers.get("cache-control")).toBe("public, max-age=60");
    expect(await response.text()).toContain("Luanchuan");
    // A language that does not exist falls back to the visitor's, never a 5xx.
    const odd = await mapLoader({
      request: new Request("http://localhost/pulse-map.svg?lang=fr"),
      params: {},
      context: {},
    } as never);
    expect(odd.status).toBe(200);
    const page = await homeLoader({
      request: new Request("http://localhost/"),
      params: {},
      context: {},
    } as never);
    expect(page.pulse.year).toBeGreaterThanOrEqual(2026);
  });
});
