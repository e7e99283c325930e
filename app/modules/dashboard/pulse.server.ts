import { db } from "~/db.server";
import { Prisma } from "~/generated/prisma/client";
import type { Locale } from "~/i18n/i18n";
import { translate } from "~/i18n/i18n";
import { linkageFiguresIn } from "~/modules/linkage/linkage.figures.server";
import { publishedWhere } from "~/modules/needs/needs.queries.server";
import { NeedFiltersSchema } from "~/modules/needs/needs.schema";
import { publishedOffersWhere } from "~/modules/offers/offers.queries.server";
import { luoyangYear, startOfLuoyangDay } from "~/utils/dates";
import { renderCountyMap } from "./charts.server";

/**
 * The home page's pulse: what the platform did lately, for anyone. Each figure is one definition:
 *
 * - needsPosted / needsMatched: needs published this (Luoyang) year, and of them those with an
 *   accepted application — the dashboard's definition of posted and matched.
 * - expertsActive: distinct people who applied to a need or filed a commissioner's service log in
 *   the last 90 days.
 * - countiesCovered: distinct counties with a need published this year or a commissioner's
 *   assignment running today.
 * - escrowHeldFen: money held in escrow now, over every milestone.
 * - householdsReached: the benefit-linkage figure (linkage.figures.server.ts) for this year.
 *
 * Read in one snapshot and kept for a minute: a crowd opening the home page at once costs one
 * read, not one per visitor.
 */
export interface Pulse {
  year: number;
  needsPosted: number;
  needsMatched: number;
  expertsActive: number;
  countiesCovered: number;
  escrowHeldFen: number;
  householdsReached: number;
  /** Needs published this year per county code (the map). */
  needsByCounty: Record<string, number>;
  recentNeeds: {
    id: string;
    title: string;
    countyCode: string;
    industry: string;
    publishedAt: string;
    poster: string;
  }[];
  recentOffers: {
    id: string;
    title: string;
    industry: string;
    countiesServed: string[];
    publishedAt: string;
    provider: string;
  }[];
}

export const PULSE_TTL_MS = 60_000;
const ACTIVE_DAYS = 90;
const RECENT = 5;

async function loadPulse(now: Date): Promise<Pulse> {
  const year = luoyangYear(now);
  const start = startOfLuoyangDay(`${year}-01-01`);
  const end = startOfLuoyangDay(`${year + 1}-01-01`);
  const activeSince = new Date(now.getTime() - ACTIVE_DAYS * 24 * 3600_000);
  const at = (moment: Date) => Prisma.sql`(${moment.toISOString()}::timestamptz AT TIME ZONE 'UTC')`;
  return db.$transaction(
    async (tx) => {
      const needs = await tx.$queryRaw<{ county: string; posted: number; matched: number }[]>`
        SELECT n."countyCode" AS county, count(*)::int AS posted,
          count(*) FILTER (WHERE EXISTS (
            SELECT 1 FROM "Application" a WHERE a."needId" = n.id AND a.status = 'ACCEPTED'))::int AS matched
        FROM "Need" n
        WHERE n."publishedAt" >= ${at(start)} AND n."publishedAt" < ${at(end)}
        GROUP BY 1`;
      const [experts] = await tx.$queryRaw<{ n: number }[]>`
        SELECT count(*)::int AS n FROM (
          SELECT a."expertId" AS id FROM "Application" a WHERE a."createdAt" >= ${at(activeSince)}
          UNION
          SELECT c."userId" FROM "ServiceLog" l JOIN "CommissionerAssignment" c ON c.id = l."assignmentId"
          WHERE l."createdAt" >= ${at(activeSince)}
        ) people`;
      const [counties] = await tx.$queryRaw<{ n: number }[]>`
        SELECT count(*)::int AS n FROM (
          SELECT n."countyCode" AS county FROM "Need" n
          WHERE n."publishedAt" >= ${at(start)} AND n."publishedAt" < ${at(end)}
          UNION
          SELECT c."countyCode" FROM "CommissionerAssignment" c
          WHERE c."startDate" <= ${at(now)} AND c."endDate" >= ${at(now)}
        ) places`;
      const [escrow] = await tx.$queryRaw<{ held: bigint }[]>`
        SELECT coalesce(sum("balanceFen"), 0)::bigint AS held FROM "LedgerAccount" WHERE kind = 'ESCROW'`;
      const linkage = await linkageFiguresIn(tx, start, end);
      const recentNeeds = await tx.need.findMany({
        where: publishedWhere(NeedFiltersSchema.parse({})),
        orderBy: [{ publishedAt: "desc" }, { id: "desc" }],
        take: RECENT,
        select: {
          id: true,
          title: true,
          countyCode: true,
          industry: true,
          publishedAt: true,
          organisation: { select: { name: true } },
          postedBy: { select: { displayName: true } },
        },
      });
      const recentOffers = await tx.offer.findMany({
        where: publishedOffersWhere({}),
        orderBy: [{ publishedAt: "desc" }, { id: "desc" }],
        take: RECENT,
        select: {
          id: true,
          title: true,
          industry: true,
          countiesServed: true,
          publishedAt: true,
          expert: { select: { displayName: true } },
          organisation: { select: { name: true } },
        },
      });
      return {
        year,
        needsPosted: needs.reduce((total, row) => total + row.posted, 0),
        needsMatched: needs.reduce((total, row) => total + row.matched, 0),
        expertsActive: experts?.n ?? 0,
        countiesCovered: counties?.n ?? 0,
        escrowHeldFen: Number(escrow?.held ?? 0),
        householdsReached: linkage.householdsReached,
        needsByCounty: Object.fromEntries(needs.map((row) => [row.county, row.posted])),
        recentNeeds: recentNeeds.map((need) => ({
          id: need.id,
          title: need.title,
          countyCode: need.countyCode,
          industry: need.industry,
          publishedAt: (need.publishedAt ?? now).toISOString(),
          poster: need.organisation?.name ?? need.postedBy.displayName,
        })),
        recentOffers: recentOffers.map((offer) => ({
          id: offer.id,
          title: offer.title,
          industry: offer.industry,
          countiesServed: offer.countiesServed,
          publishedAt: (offer.publishedAt ?? now).toISOString(),
          provider: offer.organisation?.name ?? offer.expert?.displayName ?? "",
        })),
      };
    },
    { isolationLevel: "RepeatableRead", timeout: 15_000 },
  );
}

interface Cached {
  at: number;
  pulse: Promise<Pulse>;
  maps: Map<Locale, string>;
}
let cached: Cached | null = null;

function current(now: Date): Cached {
  if (!cached || now.getTime() - cached.at >= PULSE_TTL_MS || now.getTime() < cached.at) {
    const entry: Cached = { at: now.getTime(), pulse: loadPulse(now), maps: new Map() };
    // A failed read is not kept: the next visitor tries again.
    entry.pulse.catch(() => {
      if (cached === entry) cached = null;
    });
    cached = entry;
  }
  return cached;
}

/** The pulse, at most a minute old; concurrent visitors share one read. */
export function homePulse(now: Date = new Date()): Promise<Pulse> {
  return current(now).pulse;
}

/** The county map of needs posted this year as SVG, drawn once per language per pulse. */
export async function homeMapSvg(locale: Locale, now: Date = new Date()): Promise<string> {
  const entry = current(now);
  const pulse = await entry.pulse;
  let svg = entry.maps.get(locale);
  if (!svg) {
    svg = renderCountyMap({
      values: pulse.needsByCounty,
      title: translate(locale, "home.pulse.mapTitle", { year: pulse.year }),
      locale,
      unit: "",
    });
    entry.maps.set(locale, svg);
  }
  return svg;
}
