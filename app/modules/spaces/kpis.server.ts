import { db } from "~/db.server";
import type { Prisma } from "~/generated/prisma/client";
import { recordAudit } from "~/modules/audit/audit.server";
import { can, type Actor } from "~/modules/users/permissions";
import { luoyangYear } from "~/utils/dates";
import { DomainError } from "~/utils/errors";
import type { KpiReportFields } from "./space-directory.schema";
import type { AudienceFields } from "./audiences.schema";
import { saveServedByGroup, splitAudience } from "./audiences.server";
import { managesSpace, type RequestMeta } from "./spaces.server";

export interface ComputedKpis {
  year: number;
  /** Services first put live (their latest publishing) in the year. */
  servicesPublished: number;
  /** Requests received in the year, and what became of those same requests. */
  requestsReceived: number;
  requestsAccepted: number;
  requestsCompleted: number;
  /** Accepted out of answered (accepted or declined); null before any answer. */
  acceptanceRate: number | null;
  medianDaysToRespond: number | null;
  averageRating: number | null;
  /** Trainings hosted by the space's accounts that started in the year and were not cancelled. */
  trainingsHeld: number;
}

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

const oneDecimal = (value: number | null) => (value === null ? null : Math.round(value * 10) / 10);

/** The space's figures from the platform's own records, one entry per year with any activity, newest first. */
export async function computeSpaceKpis(organisationId: string): Promise<ComputedKpis[]> {
  const members = await db.membership.findMany({
    where: { organisationId, role: "SPACE" },
    select: { userId: true },
  });
  const [services, requests, trainings] = await Promise.all([
    db.spaceService.findMany({
      where: { organisationId, publishedAt: { not: null } },
      select: { publishedAt: true },
    }),
    db.serviceRequest.findMany({
      where: { organisationId },
      select: { status: true, createdAt: true, respondedAt: true, rating: true },
    }),
    db.training.findMany({
      where: { hostId: { in: members.map((m) => m.userId) }, status: { not: "CANCELLED" } },
      select: { startsAt: true },
    }),
  ]);
  const years = new Set<number>([
    ...services.map((s) => luoyangYear(s.publishedAt!)),
    ...requests.map((r) => luoyangYear(r.createdAt)),
    ...trainings.map((t) => luoyangYear(t.startsAt)),
  ]);
  return [...years]
    .sort((a, b) => b - a)
    .map((year) => {
      const received = requests.filter((r) => luoyangYear(r.createdAt) === year);
      const answered = received.filter((r) => r.respondedAt !== null);
      // A declined request was answered too; anything else answered was accepted (even if later cancelled).
      const accepted = answered.filter((r) => r.status !== "DECLINED");
      const ratings = received.map((r) => r.rating).filter((rating): rating is number => rating !== null);
      return {
        year,
        servicesPublished: services.filter((s) => luoyangYear(s.publishedAt!) === year).length,
        requestsReceived: received.length,
        requestsAccepted: accepted.length,
        requestsCompleted: received.filter((r) => r.status === "COMPLETED").length,
        acceptanceRate: answered.length ? accepted.length / answered.length : null,
        medianDaysToRespond: oneDecimal(
          median(answered.map((r) => (r.respondedAt!.getTime() - r.createdAt.getTime()) / 86_400_000)),
        ),
        averageRating: ratings.length
          ? oneDecimal(ratings.reduce((sum, rating) => sum + rating, 0) / ratings.length)
          : null,
        trainingsHeld: trainings.filter((t) => luoyangYear(t.startsAt) === year).length,
      };
    });
}

const reportSelect = {
  year: true,
  incubated: true,
  mentors: true,
  trainingsHeld: true,
  peopleTrained: true,
  jobsCreated: true,
  financingFen: true,
  updatedAt: true,
} as const;

export type KpiReport = Prisma.SpaceKpiReportGetPayload<{ select: typeof reportSelect }>;

/** The space's own yearly figures, newest year first. */
export function listKpiReports(organisationId: string): Promise<KpiReport[]> {
  return db.spaceKpiReport.findMany({
    where: { organisationId },
    select: reportSelect,
    orderBy: { year: "desc" },
  });
}

/** A space account enters or corrects one year's figures (one row per year; a second report replaces the first). */
export async function upsertKpiReport(
  actor: Actor,
  organisationId: string,
  fields: KpiReportFields & Partial<AudienceFields>,
  meta: RequestMeta = {},
) {
  if (!managesSpace(actor, organisationId) || !can(actor, "space.manageServices", { organisationId }))
    throw new DomainError("space.forbidden");
  // Figures for a year that has not begun are guesses, not reports.
  if (!Number.isInteger(fields.year) || fields.year < 2015 || fields.year > luoyangYear(new Date()))
    throw new DomainError("space.kpi_year");
  const { rest, served } = splitAudience(fields);
  const { year, ...figures } = rest;
  return db.$transaction(async (tx) => {
    const key = { organisationId_year: { organisationId, year } };
    const before = await tx.spaceKpiReport.findUnique({ where: key, select: reportSelect });
    const after = await tx.spaceKpiReport.upsert({
      where: key,
      create: { organisationId, year, ...figures, reportedById: actor.id },
      update: { ...figures, reportedById: actor.id },
      select: reportSelect,
    });
    const json = (row: KpiReport) => ({ ...row, updatedAt: row.updatedAt.toISOString() });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "space.kpi_reported",
      subjectType: "SpaceKpiReport",
      subjectId: `${organisationId}:${year}`,
      before: before ? json(before) : undefined,
      after: { ...json(after), served },
      ip: meta.ip,
    });
    await saveServedByGroup(tx, actor.id, organisationId, year, served);
    return after;
  });
}
