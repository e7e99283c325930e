import { db } from "~/db.server";
import type { ServiceLogKind } from "~/generated/prisma/enums";
import { DomainError } from "~/utils/errors";
import { SERVICE_LOG_KINDS } from "./commissioners.schema";
import { startOfLuoyangDay } from "~/utils/dates";

/** A commissioner's work, for one year (by cohort year and training date) or for all years. */
export async function commissionerReport(userId: string, year?: number) {
  const user = await db.user.findUnique({
    where: { id: userId },
    select: {
      id: true,
      displayName: true,
      verifiedAt: true,
      expertProfile: { select: { isCommissioner: true } },
    },
  });
  if (!user) throw new DomainError("commissioner.not_found");
  const assignments = await db.commissionerAssignment.findMany({
    where: { userId, ...(year ? { cohort: { year } } : {}) },
    orderBy: { startDate: "desc" },
    select: {
      id: true,
      countyCode: true,
      villages: true,
      startDate: true,
      endDate: true,
      cohort: { select: { year: true, kind: true, name: true } },
    },
  });
  const assignmentIds = assignments.map((assignment) => assignment.id);
  const byKind = await db.serviceLog.groupBy({
    by: ["kind"],
    where: { assignmentId: { in: assignmentIds } },
    _count: { _all: true },
    _sum: { farmersReached: true },
  });
  const farmersByKind = Object.fromEntries(SERVICE_LOG_KINDS.map((kind) => [kind, 0])) as Record<
    ServiceLogKind,
    number
  >;
  let logCount = 0;
  for (const row of byKind) {
    farmersByKind[row.kind] = row._sum.farmersReached ?? 0;
    logCount += row._count._all;
  }
  const trainingWhere = {
    hostId: userId,
    ...(year
      ? { startsAt: { gte: startOfLuoyangDay(`${year}-01-01`), lt: startOfLuoyangDay(`${year + 1}-01-01`) } }
      : {}),
  };
  const [trainingsHeld, signups, attended] = await Promise.all([
    db.training.count({ where: { ...trainingWhere, status: "HELD" } }),
    db.trainingSignup.count({ where: { training: trainingWhere } }),
    db.trainingSignup.count({ where: { training: trainingWhere, attended: true } }),
  ]);
  return {
    user: {
      id: user.id,
      displayName: user.displayName,
      verified: Boolean(user.verifiedAt),
      isCommissioner: Boolean(user.expertProfile?.isCommissioner),
    },
    year: year ?? null,
    assignments,
    logCount,
    farmersByKind,
    farmersTotal: Object.values(farmersByKind).reduce((sum, count) => sum + count, 0),
    trainingsHeld,
    signups,
    attended,
  };
}
export type CommissionerReport = Awaited<ReturnType<typeof commissionerReport>>;
