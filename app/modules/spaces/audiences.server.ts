import { db, type Tx } from "~/db.server";
import type { AudienceGroup } from "~/generated/prisma/enums";
import { luoyangYear } from "~/utils/dates";
import { AUDIENCE_GROUPS, type AudienceFields } from "./audiences.schema";

export type ServedByGroup = Partial<Record<AudienceGroup, number>>;

/** Takes the per-group counts out of a KPI form's fields; a group left empty is not reported. */
export function splitAudience<T extends object>(fields: T & Partial<AudienceFields>) {
  const served: ServedByGroup = {};
  const rest: Record<string, unknown> = { ...fields };
  for (const group of AUDIENCE_GROUPS) {
    const key = `served_${group}` as const;
    const value = fields[key];
    delete rest[key];
    if (typeof value === "number") served[group] = value;
  }
  return { rest: rest as Omit<T, keyof AudienceFields>, served };
}

/**
 * The people a space served in a year by group, as it reports them with its KPIs. The report
 * replaces that year's counts: a group left out of it is removed.
 */
export async function saveServedByGroup(
  tx: Tx,
  actorId: string,
  organisationId: string,
  year: number,
  served: ServedByGroup,
) {
  const groups = Object.keys(served) as AudienceGroup[];
  await tx.spaceKpiAudience.deleteMany({ where: { organisationId, year, group: { notIn: groups } } });
  for (const group of groups) {
    const people = served[group]!;
    await tx.spaceKpiAudience.upsert({
      where: { organisationId_year_group: { organisationId, year, group } },
      create: { organisationId, year, group, people, reportedById: actorId },
      update: { people, reportedById: actorId },
      select: { year: true },
    });
  }
}

export interface AudienceYear {
  year: number;
  /** Requests received in the year by the requester's group; UNKNOWN for requests made before groups were asked. */
  requested: Partial<Record<AudienceGroup | "UNKNOWN", number>>;
  /** People served by group as the space reported them; empty when not reported. */
  reported: ServedByGroup;
}

/** A space's people by group, year by year (newest first): from its requests and from its reports. */
export async function getSpaceAudiences(organisationId: string): Promise<AudienceYear[]> {
  const [requests, reported] = await Promise.all([
    db.serviceRequest.findMany({
      where: { organisationId },
      select: { audienceGroup: true, createdAt: true },
    }),
    db.spaceKpiAudience.findMany({
      where: { organisationId },
      select: { year: true, group: true, people: true },
    }),
  ]);
  const years = new Map<number, AudienceYear>();
  const yearRow = (year: number) => {
    let row = years.get(year);
    if (!row) years.set(year, (row = { year, requested: {}, reported: {} }));
    return row;
  };
  for (const request of requests) {
    const row = yearRow(luoyangYear(request.createdAt));
    const group = request.audienceGroup ?? "UNKNOWN";
    row.requested[group] = (row.requested[group] ?? 0) + 1;
  }
  for (const line of reported) yearRow(line.year).reported[line.group] = line.people;
  return [...years.values()].sort((a, b) => b.year - a.year);
}
