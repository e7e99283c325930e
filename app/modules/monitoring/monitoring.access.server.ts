import { db, type Tx } from "~/db.server";
import { countyScopeOf, coversCounty } from "~/modules/oversight/county-scope";
import type { SessionUser } from "~/modules/users/session.server";
import { can, rolesOf } from "~/modules/users/permissions";
import { DomainError } from "~/utils/errors";

/** Who may touch a funded project: its organisation, its overseers, the commissioners in its county. */
export type Viewer = Pick<SessionUser, "id" | "primaryRole" | "countyCode" | "memberships">;

/** The project statuses monitoring follows: approved and after, until evaluated. */
export const FUNDED_STATUSES = ["APPROVED", "DISBURSED", "EVALUATED"] as const;

export interface Project {
  id: string;
  title: string;
  /** Null when a commissioner or a commissioner team applied (the applicant is then the project). */
  organisationId: string | null;
  /** The person who applied: for a commissioner or a team, the one the project belongs to. */
  applicantId: string;
  countyCode: string;
  status: string;
  approvedFen: number | null;
  decidedAt: Date | null;
  /** How often the programme asks its projects to report progress. */
  programme: { reportIntervalMonths: number };
}

const PROJECT_SELECT = {
  id: true,
  title: true,
  organisationId: true,
  applicantId: true,
  countyCode: true,
  status: true,
  approvedFen: true,
  decidedAt: true,
  programme: { select: { reportIntervalMonths: true } },
} as const;

export async function findProject(client: Tx | typeof db, applicationId: string): Promise<Project> {
  const project = await client.programmeApplication.findUnique({
    where: { id: applicationId },
    select: PROJECT_SELECT,
  });
  if (!project) throw new DomainError("monitoring.not_found");
  return project;
}

/**
 * A member of the applying organisation; for a project of a commissioner or a team (no
 * organisation), the applicant — the commissioner, or the team's lead who applied for it.
 */
export function isProjectMember(
  viewer: Viewer,
  project: Pick<Project, "organisationId" | "applicantId">,
): boolean {
  if (project.organisationId === null) return viewer.id === project.applicantId;
  return viewer.memberships.some((membership) => membership.organisationId === project.organisationId);
}

/** City staff, or the county officer of the project's county. */
export function oversees(viewer: Viewer, project: Pick<Project, "countyCode">): boolean {
  return can(viewer, "monitoring.read") && coversCounty(countyScopeOf(viewer), project.countyCode);
}

/** The county officer of this project's county, in person (a signature is not an admin's to give). */
export function isCountyOfficerOf(viewer: Viewer, project: Pick<Project, "countyCode">): boolean {
  return (
    rolesOf(viewer).has("COUNTY") &&
    can(viewer, "monitoring.countyOpinion") &&
    viewer.countyCode === project.countyCode
  );
}

/** An EXPERT with a commissioner assignment in the county that is running today. */
export async function isCommissionerIn(
  viewer: Viewer,
  countyCode: string,
  now: Date,
  client: Tx | typeof db = db,
): Promise<boolean> {
  if (!rolesOf(viewer).has("EXPERT")) return false;
  const assignment = await client.commissionerAssignment.findFirst({
    where: { userId: viewer.id, countyCode, startDate: { lte: now }, endDate: { gte: now } },
    select: { id: true },
  });
  return assignment !== null;
}

/** May record a site visit: a commissioner working in the county, or its county officer. */
export async function mayVisit(viewer: Viewer, project: Project, now: Date, client: Tx | typeof db = db) {
  if (!can(viewer, "monitoring.siteVisit")) return false;
  return isCountyOfficerOf(viewer, project) || isCommissionerIn(viewer, project.countyCode, now, client);
}

/** May read the project's plan, reports and visits. */
export async function mayView(viewer: Viewer, project: Project, now: Date = new Date()): Promise<boolean> {
  return (
    isProjectMember(viewer, project) || oversees(viewer, project) || (await mayVisit(viewer, project, now))
  );
}

/** The project for a page, or 404 for anyone who may not see it (no hint that it exists). */
export async function requireViewableProject(viewer: Viewer, applicationId: string): Promise<Project> {
  const project = await findProject(db, applicationId);
  if (!(await mayView(viewer, project))) throw new DomainError("monitoring.not_found");
  return project;
}
