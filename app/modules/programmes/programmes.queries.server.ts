import { db } from "~/db.server";
import { countiesWithOfficers } from "~/modules/oversight/officer-notices.server";
import type { MessageKey, Params } from "~/i18n/i18n";
import { programmeAccountId } from "~/modules/ledger/ledger.server";
import { findActiveBan } from "~/modules/sanctions/bans.server";
import { can, type Actor } from "~/modules/users/permissions";
import { applicantParty } from "./programmes.applicants.server";
import { isApplicantSide } from "./programmes.core.server";
import { luoyangToday } from "~/utils/dates";
import type { SessionUser } from "~/modules/users/session.server";
import { DOMAIN_ERRORS } from "~/utils/errors";
import {
  averageScore,
  disbursementBlocker,
  ineligibleReasons,
  outstandingFen,
  type IneligibleReason,
} from "./programmes.rules";

/** Budget, committed (approved, unpaid), disbursed, remaining (the account) and uncommitted. */
export interface ProgrammeMoney {
  budgetFen: number;
  committedFen: number;
  disbursedFen: number;
  remainingFen: number;
  uncommittedFen: number;
}

export async function programmeMoney(programme: { id: string; budgetFen: number }): Promise<ProgrammeMoney> {
  return (await moneyOfProgrammes([programme]))[0]!;
}

/** The money of several programmes in two statements asked together, whatever their number. */
async function moneyOfProgrammes(programmes: { id: string; budgetFen: number }[]): Promise<ProgrammeMoney[]> {
  if (programmes.length === 0) return [];
  const ids = programmes.map((programme) => programme.id);
  const [rows, accounts] = await Promise.all([
    db.programmeApplication.findMany({
      where: { programmeId: { in: ids }, approvedFen: { not: null } },
      select: { programmeId: true, approvedFen: true, disbursedFen: true, status: true },
    }),
    db.ledgerAccount.findMany({
      where: { id: { in: ids.map(programmeAccountId) } },
      select: { id: true, balanceFen: true },
    }),
  ]);
  const balances = new Map(accounts.map((account) => [account.id, Number(account.balanceFen)]));
  const rowsOf = new Map<string, typeof rows>();
  for (const row of rows) {
    const list = rowsOf.get(row.programmeId);
    if (list) list.push(row);
    else rowsOf.set(row.programmeId, [row]);
  }
  return programmes.map((programme) => {
    const own = rowsOf.get(programme.id) ?? [];
    const committedFen = own.reduce((sum, row) => sum + outstandingFen(row), 0);
    const disbursedFen = own.reduce((sum, row) => sum + row.disbursedFen, 0);
    const remainingFen = balances.get(programmeAccountId(programme.id)) ?? 0;
    return {
      budgetFen: programme.budgetFen,
      committedFen,
      disbursedFen,
      remainingFen,
      uncommittedFen: remainingFen - committedFen,
    };
  });
}

const programmeSelect = {
  id: true,
  kind: true,
  year: true,
  title: true,
  description: true,
  budgetFen: true,
  maxAwardFen: true,
  eligibleCounties: true,
  eligibleIndustries: true,
  eligibleOrgTypes: true,
  applicantKinds: true,
  reviewsRequired: true,
  requiresBenefitLinkage: true,
  reportIntervalMonths: true,
  deadline: true,
  status: true,
} as const;

async function withMoney<T extends { id: string; budgetFen: number }>(programmes: T[]) {
  const money = await moneyOfProgrammes(programmes);
  return programmes.map((programme, i) => ({ ...programme, money: money[i]! }));
}

/** Published calls, open first (soonest deadline first), then closed ones. */
const PUBLIC_PROGRAMMES = {
  where: { status: { in: ["OPEN" as const, "CLOSED" as const] } },
  orderBy: [{ status: "desc" as const }, { deadline: "asc" as const }, { id: "asc" as const }],
};

export async function listPublicProgrammes() {
  const programmes = await db.programme.findMany({ ...PUBLIC_PROGRAMMES, select: programmeSelect });
  return withMoney(programmes);
}

/** The same list a slice at a time for the open API (a few dozen calls a year: an offset is fine). */
export async function listPublicProgrammesPage({ skip, take }: { skip: number; take: number }) {
  return withMoney(
    await db.programme.findMany({ ...PUBLIC_PROGRAMMES, select: programmeSelect, skip, take }),
  );
}

/** Every programme for the bureau, with its money and how many applications wait for a decision. */
export async function listAllProgrammes() {
  const [programmes, waiting] = await Promise.all([
    db.programme.findMany({ orderBy: { createdAt: "desc" }, select: programmeSelect }),
    db.programmeApplication.groupBy({
      by: ["programmeId"],
      where: { status: "SUBMITTED" },
      _count: { _all: true },
    }),
  ]);
  const waitingBy = new Map(waiting.map((row) => [row.programmeId, row._count._all]));
  return (await withMoney(programmes)).map((programme) => ({
    ...programme,
    awaitingDecision: waitingBy.get(programme.id) ?? 0,
  }));
}

export async function getProgramme(id: string, { published = true } = {}) {
  const programme = await db.programme.findUnique({ where: { id }, select: programmeSelect });
  if (!programme || (published && programme.status === "DRAFT")) return null;
  return { ...programme, money: await programmeMoney(programme) };
}

export type ProgrammeView = NonNullable<Awaited<ReturnType<typeof getProgramme>>>;

/** Whether the call takes applications at `now` (open and before its deadline). */
export function isAccepting(programme: { status: string; deadline: Date }, now: Date = new Date()) {
  return programme.status === "OPEN" && programme.deadline > now;
}

export interface OrgEligibility {
  id: string;
  name: string;
  verified: boolean;
  /** "applicantKind" alone when the call takes no organisations (only commissioners or their teams). */
  reasons: (IneligibleReason | "applicantKind")[];
  /** The 3-year ban that bars the viewer or this organisation, the one `applyToProgramme` refuses with. */
  ban: { reason: string; until: string } | null;
}

/** For each of the viewer's organisations: verified, banned, and what keeps it out of this call. */
export async function viewerEligibility(
  programme: ProgrammeView,
  user: SessionUser | null,
): Promise<OrgEligibility[]> {
  if (!user || user.memberships.length === 0) return [];
  const organisations = await db.organisation.findMany({
    where: {
      id: { in: user.memberships.map((membership) => membership.organisationId) },
      type: { not: "BUREAU" },
    },
    select: { id: true, name: true, type: true, countyCode: true, verifiedAt: true },
  });
  return Promise.all(
    organisations.map(async (org) => {
      const ban = await findActiveBan({ userId: user.id, organisationIds: [org.id] });
      return {
        id: org.id,
        name: org.name,
        verified: org.verifiedAt !== null,
        // On a call for commissioners and teams only, no organisation fits, whatever its type or county.
        reasons: programme.applicantKinds.includes("ORGANISATION")
          ? ineligibleReasons(programme, { countyCode: org.countyCode, orgType: org.type })
          : ["applicantKind" as const],
        ban: ban && { reason: ban.reason, until: luoyangToday(ban.endsAt) },
      };
    }),
  );
}

/**
 * What the apply form offers: the viewer's verified organisations that no ban bars (the programme
 * page says why a barred one is missing), and their agreements and needs.
 */
export async function applyOptions(user: SessionUser) {
  const verified = await db.organisation.findMany({
    where: {
      id: { in: user.memberships.map((membership) => membership.organisationId) },
      verifiedAt: { not: null },
      type: { not: "BUREAU" },
    },
    select: { id: true, name: true, countyCode: true },
  });
  const barred = await Promise.all(
    verified.map((org) => findActiveBan({ userId: user.id, organisationIds: [org.id] })),
  );
  const organisations = verified.filter((_, index) => barred[index] === null);
  const ids = organisations.map((org) => org.id);
  const [agreements, needs] = await Promise.all([
    db.agreement.findMany({
      where: {
        OR: [{ payerOrganisationId: { in: ids } }, { payeeOrganisationId: { in: ids } }],
        status: { notIn: ["DRAFT", "TERMINATED"] },
      },
      select: { id: true, number: true, title: true, payerOrganisationId: true, payeeOrganisationId: true },
      orderBy: { createdAt: "desc" },
      take: 50,
    }),
    db.need.findMany({
      where: { organisationId: { in: ids } },
      select: { id: true, title: true, organisationId: true },
      orderBy: { createdAt: "desc" },
      take: 50,
    }),
  ]);
  return { organisations, agreements, needs };
}

const applicationDetail = {
  id: true,
  programmeId: true,
  organisationId: true,
  applicantId: true,
  applicantKind: true,
  teamId: true,
  agreementId: true,
  needId: true,
  title: true,
  summary: true,
  countyCode: true,
  industry: true,
  requestedFen: true,
  approvedFen: true,
  disbursedFen: true,
  status: true,
  decidedAt: true,
  decisionNote: true,
  suspendedAt: true,
  suspensionReason: true,
  completedAt: true,
  createdAt: true,
  programme: {
    select: {
      id: true,
      title: true,
      kind: true,
      reviewsRequired: true,
      maxAwardFen: true,
      requiresBenefitLinkage: true,
    },
  },
  outcome: {
    select: {
      summary: true,
      farmersTrained: true,
      incomeChangeFen: true,
      areaMu: true,
      herdSize: true,
      yieldKg: true,
      jobsCreated: true,
      salesFen: true,
      reportedAt: true,
      score: true,
      narrative: true,
      commended: true,
      evaluatedAt: true,
    },
  },
  evidence: { select: { uploadId: true }, orderBy: { createdAt: "asc" } },
} as const;

async function applicationBase(id: string) {
  const application = await db.programmeApplication.findUnique({ where: { id }, select: applicationDetail });
  if (!application) return null;
  const [organisation, disbursements, reviews] = await Promise.all([
    applicantParty(application),
    db.ledgerTransfer.findMany({
      where: { programmeApplicationId: id, reason: "DISBURSEMENT" },
      select: { id: true, amountFen: true, createdAt: true },
      orderBy: { createdAt: "asc" },
    }),
    db.programmeReview.findMany({
      where: { applicationId: id },
      select: { reviewerId: true, conflict: true, score: true, comment: true, createdAt: true },
      orderBy: { createdAt: "asc" },
    }),
  ]);
  return { ...application, organisation, disbursements, reviews, averageScore: averageScore(reviews) };
}

/** The application as its organisation sees it: review scores and comments, never reviewer names. */
export async function getApplicantView(id: string, user: SessionUser) {
  const application = await applicationBase(id);
  if (!application || !isApplicantSide(user, application)) return null;
  const { reviews, ...rest } = application;
  return {
    ...rest,
    reviews: reviews.filter((review) => !review.conflict).map(({ score, comment }) => ({ score, comment })),
  };
}

/** The bureau's view: each reviewer's name, score and conflicts, and the sanctions on it. */
export async function getBureauApplicationView(id: string) {
  const application = await applicationBase(id);
  if (!application) return null;
  const [reviewers, sanctions, disbursementRefusal] = await Promise.all([
    db.user.findMany({
      where: { id: { in: application.reviews.map((review) => review.reviewerId) } },
      select: { id: true, displayName: true },
    }),
    db.sanction.findMany({
      where: {
        OR: [
          { programmeApplicationId: id },
          application.organisationId
            ? { organisationId: application.organisationId }
            : { userId: application.applicantId },
        ],
      },
      select: {
        id: true,
        kind: true,
        reason: true,
        amountFen: true,
        startsAt: true,
        endsAt: true,
        liftedAt: true,
      },
      orderBy: { createdAt: "desc" },
    }),
    whyNoDisbursement(application),
  ]);
  const names = new Map(reviewers.map((reviewer) => [reviewer.id, reviewer.displayName]));
  return {
    ...application,
    reviews: application.reviews.map((review) => ({
      ...review,
      reviewerName: names.get(review.reviewerId) ?? "",
    })),
    sanctions,
    disbursementRefusal,
  };
}

/**
 * Why 拨付 would be refused now, as the refusal's message, or null when it can succeed: the same
 * ban check and rule `disburse` applies, so the page offers the button only when it will work.
 */
async function whyNoDisbursement(
  application: NonNullable<Awaited<ReturnType<typeof applicationBase>>>,
): Promise<{ message: MessageKey; params?: Params } | null> {
  const ban = await findActiveBan({
    userId: application.applicantId,
    organisationIds: [application.organisationId],
  });
  if (ban)
    return {
      message: DOMAIN_ERRORS["sanction.banned"].message,
      params: { reason: ban.reason, until: luoyangToday(ban.endsAt) },
    };
  const blocker = disbursementBlocker({
    ...application,
    kind: application.programme.kind,
    score: application.outcome?.score ?? null,
  });
  return blocker && { message: DOMAIN_ERRORS[blocker.code].message, params: blocker.params };
}

/** A programme's applications for the bureau, with their average score. */
export async function listProgrammeApplications(programmeId: string) {
  const applications = await db.programmeApplication.findMany({
    where: { programmeId },
    orderBy: { createdAt: "asc" },
    select: {
      id: true,
      title: true,
      status: true,
      requestedFen: true,
      approvedFen: true,
      disbursedFen: true,
      organisationId: true,
      countyCode: true,
      reviews: { select: { conflict: true, score: true } },
      countyOpinion: { select: { recommend: true } },
    },
  });
  // 初审: the opinion given, or awaited where the county has an officer (prescreen.server.ts).
  const officered = await countiesWithOfficers();
  return applications.map(({ reviews, countyOpinion, ...application }) => ({
    ...application,
    averageScore: averageScore(reviews),
    scores: reviews.filter((review) => !review.conflict).length,
    countyOpinion: countyOpinion
      ? countyOpinion.recommend
        ? ("recommended" as const)
        : ("not_recommended" as const)
      : application.status === "SUBMITTED" && officered.has(application.countyCode)
        ? ("waiting" as const)
        : null,
  }));
}

/** The viewer's organisations' applications to one programme. */
export function listOwnApplications(programmeId: string, user: SessionUser) {
  return db.programmeApplication.findMany({
    where: {
      programmeId,
      OR: [
        { organisationId: { in: user.memberships.map((membership) => membership.organisationId) } },
        // A commissioner's own and their team's applications (filed by them as the applicant).
        { organisationId: null, applicantId: user.id },
      ],
    },
    select: { id: true, title: true, status: true },
    orderBy: { createdAt: "desc" },
  });
}

/** 表彰推广: evaluated outcomes the bureau commended, newest evaluation first. */
export async function listCommended() {
  const outcomes = await db.programmeOutcome.findMany({
    where: { commended: true, evaluatedAt: { not: null } },
    orderBy: { evaluatedAt: "desc" },
    select: {
      summary: true,
      farmersTrained: true,
      incomeChangeFen: true,
      jobsCreated: true,
      score: true,
      narrative: true,
      evaluatedAt: true,
      application: {
        select: {
          id: true,
          title: true,
          countyCode: true,
          organisationId: true,
          programme: { select: { title: true, year: true } },
        },
      },
    },
  });
  const organisations = await db.organisation.findMany({
    where: {
      id: { in: outcomes.flatMap((outcome) => outcome.application.organisationId ?? []) },
    },
    select: { id: true, name: true },
  });
  const names = new Map(organisations.map((org) => [org.id, org.name]));
  return outcomes.map((outcome) => ({
    ...outcome,
    organisationName: names.get(outcome.application.organisationId ?? "") ?? "",
  }));
}

/** Evidence photos are for the applying organisation and the bureau only. */
export async function canReadEvidence(
  user: SessionUser,
  applicationId: string,
  uploadId: string,
): Promise<boolean> {
  const evidence = await db.programmeEvidence.findUnique({
    where: { applicationId_uploadId: { applicationId, uploadId } },
    select: { application: { select: { organisationId: true, applicantId: true } } },
  });
  if (!evidence) return false;
  return (
    can(user, "programme.manage") ||
    can(user, "programme.review") ||
    isApplicantSide(user, evidence.application)
  );
}

/**
 * The programme projects a person follows from their workspace: those of the organisations they
 * belong to, and those they filed in their own name or for a team they lead. Withdrawn and
 * refused ones drop off; the newest first.
 */
export async function listMyProgrammeProjects(actor: Actor) {
  const organisationIds = actor.memberships.map((membership) => membership.organisationId);
  return db.programmeApplication.findMany({
    where: {
      OR: [{ organisationId: { in: organisationIds } }, { organisationId: null, applicantId: actor.id }],
      status: { notIn: ["WITHDRAWN", "REJECTED"] },
    },
    orderBy: [{ createdAt: "desc" }, { id: "asc" }],
    take: 20,
    select: { id: true, title: true, status: true, programme: { select: { title: true } } },
  });
}
