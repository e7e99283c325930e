import { randomUUID } from "node:crypto";
import { db } from "~/db.server";
import type { OrganisationType, ProgrammeKind } from "~/generated/prisma/enums";
import {
  applyToProgramme,
  createProgramme,
  publishProgramme,
  reviewApplication,
} from "~/modules/programmes/programmes.server";
import type { ApplyFields, ProgrammeFields } from "~/modules/programmes/programmes.schema";
import type { SessionUser } from "~/modules/users/session.server";
import { createBureau, createVillage } from "./needs-factories";

export { createBureau, createVillage };

export function programmeFields(overrides: Partial<ProgrammeFields> = {}): ProgrammeFields {
  return {
    kind: "GRANT",
    year: 2026,
    title: "2026 年科技扶贫专项资助",
    description: "支持农村科技产业化项目，带动农户增收。",
    budgetFen: 1_000_000,
    maxAwardFen: null,
    eligibleCounties: [],
    eligibleIndustries: [],
    eligibleOrgTypes: [],
    applicantKinds: ["ORGANISATION"],
    reviewsRequired: 2,
    requiresBenefitLinkage: false,
    reportIntervalMonths: 3,
    deadline: new Date(Date.now() + 30 * 86_400_000),
    ...overrides,
  };
}

/** A published programme (budget moved into programme:<id>) and the bureau person who runs it. */
export async function createOpenProgramme(
  overrides: Partial<ProgrammeFields> & { kind?: ProgrammeKind } = {},
) {
  const bureau = await createBureau();
  const { id } = await createProgramme(bureau, programmeFields(overrides));
  await publishProgramme(bureau, id);
  return { programme: { id }, bureau };
}

export function applyFields(organisationId: string, overrides: Partial<ApplyFields> = {}): ApplyFields {
  return {
    organisationId,
    title: "香菇菌棒标准化生产",
    summary: "建设标准化菌棒生产线，培训 50 户农户，降低污染率。",
    countyCode: "410324",
    industry: "PLANTING",
    requestedFen: 40_000,
    ...overrides,
  };
}

/** A verified cooperative (of the given type) whose head applied to the programme. */
export async function createApplication(
  programmeId: string,
  overrides: Partial<ApplyFields> = {},
  orgType: OrganisationType = "COOPERATIVE",
) {
  const { organisation, head } = await createVillage();
  if (orgType !== "COOPERATIVE")
    await db.organisation.update({ where: { id: organisation.id }, data: { type: orgType } });
  const application = await applyToProgramme(head, programmeId, applyFields(organisation.id, overrides));
  return { application, organisation, head };
}

/** Scores from `count` different bureau reviewers. */
export async function addScores(applicationId: string, count = 2, score = 80): Promise<SessionUser[]> {
  const reviewers: SessionUser[] = [];
  for (let i = 0; i < count; i++) {
    const reviewer = await createBureau();
    await reviewApplication(reviewer, applicationId, { conflict: false, score, comment: "方案可行" });
    reviewers.push(reviewer);
  }
  return reviewers;
}

/** Approves directly in the database, bypassing the budget check (for over-committed set-ups). */
export function approveDirectly(applicationId: string, approvedFen: number) {
  return db.programmeApplication.update({
    where: { id: applicationId },
    data: { status: "APPROVED", approvedFen, decidedAt: new Date() },
  });
}

export const newKey = () => randomUUID();
