import { Prisma } from "~/generated/prisma/client";

export interface FirstResponseScope {
  year?: number;
  countyCode?: string;
  industry?: string;
}

/**
 * The year of a timestamp in Luoyang. Prisma stores `timestamp without time zone` in UTC, so the
 * value is first read as UTC and then converted; a single `AT TIME ZONE 'Asia/Shanghai'` would
 * read it as Shanghai time and shift it the wrong way. Column names are constants of this module.
 */
export function yearOf(column: string) {
  return Prisma.raw(`date_part('year', (${column} AT TIME ZONE 'UTC') AT TIME ZONE 'Asia/Shanghai')::int`);
}

/**
 * 首次响应 — the one definition of "first response" that every dashboard table, the CSV and Excel
 * exports and the API read (the column's help text says the same in words):
 *
 *   the hours from a need's publication to the first application a supplier made to it.
 *
 * An invited expert accepts an invitation by applying (the invitation becomes APPLIED in the same
 * transaction), so an accepted invitation counts through its application; a declined invitation
 * or a triage assignment is not an answer to the farmer. The clock starts at publication and a
 * response counts from max(publishedAt, application createdAt): an application older than the
 * current publication (a need published again after it was closed) was there when the need went
 * up, so it answers after 0 hours — a duration is never negative. Hidden needs are left out.
 *
 * One row per published need in scope (the year is the Luoyang year of publication):
 * county, industry, status, year, "publishedAt", "firstAt" (null: no answer yet) and hours.
 */
export function firstResponses(scope: FirstResponseScope = {}): Prisma.Sql {
  const { year, countyCode, industry } = scope;
  return Prisma.sql`(
    SELECT n.id, n."countyCode" AS county, n.industry, n.status, ${yearOf(`n."publishedAt"`)} AS year,
      n."publishedAt", r."firstAt",
      (extract(epoch FROM r."firstAt" - n."publishedAt") / 3600)::float8 AS hours
    FROM "Need" n
    LEFT JOIN LATERAL (
      SELECT greatest(min(a."createdAt"), n."publishedAt") AS "firstAt"
      FROM "Application" a WHERE a."needId" = n.id
      HAVING count(*) > 0
    ) r ON true
    WHERE n."publishedAt" IS NOT NULL AND n."hiddenAt" IS NULL
      ${year ? Prisma.sql`AND ${yearOf(`n."publishedAt"`)} = ${year}` : Prisma.empty}
      ${countyCode ? Prisma.sql`AND n."countyCode" = ${countyCode}` : Prisma.empty}
      ${industry ? Prisma.sql`AND n.industry = ${industry}` : Prisma.empty}
  )`;
}

/** Hours with one decimal: enough to read, stable to compare; every table shows this rounding. */
export function roundHours(hours: number | null | undefined): number | null {
  return hours == null ? null : Math.round(Number(hours) * 10) / 10;
}
