import { db } from "~/db.server";
import { balanceOf, programmeAccountId } from "~/modules/ledger/ledger.server";

/*
 * What both bureaus read about the co-signature: an application's payment proposals, evaluation
 * rounds and stops (with who did what, when), and the finance bureau's view of every programme's
 * money and of what waits for its signature.
 */

/**
 * An officer as the record names them: the display name with their bureau once. Officers' names
 * often carry the bureau already ("市科技局 农村科技科", "钱芳 市财政局教科文科"); a prefix in the
 * message would say it twice, so the bureau is added only to a name that lacks one.
 */
export function officerLabel(user: { displayName: string; primaryRole: string }): string {
  if (/科技局|财政局/.test(user.displayName)) return user.displayName;
  return `${user.displayName}（${user.primaryRole === "FINANCE" ? "市财政局" : "市科技局"}）`;
}

async function namesOf(ids: (string | null | undefined)[]) {
  const wanted = [...new Set(ids.filter((id): id is string => Boolean(id)))];
  const users = await db.user.findMany({
    where: { id: { in: wanted } },
    select: { id: true, displayName: true, primaryRole: true },
  });
  return new Map(users.map((user) => [user.id, { ...user, label: officerLabel(user) }]));
}

/** An application's proposals, evaluation rounds and payment stops, newest first, with names. */
export async function getCosignView(applicationId: string) {
  const [proposals, rounds, stops] = await Promise.all([
    db.disbursementProposal.findMany({
      where: { applicationId },
      select: {
        id: true,
        amountFen: true,
        note: true,
        status: true,
        proposedById: true,
        proposedAt: true,
        decidedById: true,
        decidedAt: true,
        refusalReason: true,
      },
      orderBy: [{ proposedAt: "desc" }, { id: "desc" }],
    }),
    db.evaluationSignOff.findMany({
      where: { applicationId },
      select: {
        id: true,
        score: true,
        narrative: true,
        commended: true,
        evaluatedById: true,
        evaluatedAt: true,
        financeOpinion: true,
        financeNote: true,
        financeById: true,
        financeAt: true,
      },
      orderBy: [{ evaluatedAt: "desc" }, { id: "desc" }],
    }),
    db.sanction.findMany({
      where: { programmeApplicationId: applicationId, kind: "SUSPENSION" },
      select: {
        id: true,
        reason: true,
        startsAt: true,
        createdById: true,
        liftedAt: true,
        liftedById: true,
        liftReason: true,
      },
      orderBy: { startsAt: "desc" },
    }),
  ]);
  const people = await namesOf([
    ...proposals.flatMap((row) => [row.proposedById, row.decidedById]),
    ...rounds.flatMap((row) => [row.evaluatedById, row.financeById]),
    ...stops.flatMap((row) => [row.createdById, row.liftedById]),
  ]);
  const name = (id: string | null) => (id ? (people.get(id)?.label ?? "") : "");
  return {
    pendingFen: proposals
      .filter((row) => row.status === "PENDING")
      .reduce((sum, row) => sum + row.amountFen, 0),
    proposals: proposals.map((row) => ({
      ...row,
      proposedBy: name(row.proposedById),
      decidedBy: name(row.decidedById),
    })),
    rounds: rounds.map((row) => ({
      ...row,
      evaluatedBy: name(row.evaluatedById),
      financeBy: name(row.financeById),
    })),
    stops: stops.map((row) => ({
      ...row,
      stoppedBy: name(row.createdById),
      office:
        people.get(row.createdById)?.primaryRole === "FINANCE" ? ("FINANCE" as const) : ("SCIENCE" as const),
      liftedBy: name(row.liftedById),
    })),
  };
}

export type CosignView = Awaited<ReturnType<typeof getCosignView>>;

/**
 * Every published programme's money: budget, paid (DISBURSED transfers, as the applications
 * count them), waiting for finance, budget left, and the ledger account's balance (which a
 * claw-back raises again).
 */
export async function listProgrammeAccounts() {
  const programmes = await db.programme.findMany({
    where: { status: { not: "DRAFT" } },
    select: { id: true, title: true, kind: true, year: true, budgetFen: true },
    orderBy: [{ year: "desc" }, { title: "asc" }],
  });
  return Promise.all(
    programmes.map(async (programme) => {
      const [paid, pending, balanceFen] = await Promise.all([
        db.programmeApplication.aggregate({
          where: { programmeId: programme.id },
          _sum: { disbursedFen: true },
        }),
        db.disbursementProposal.aggregate({
          where: { status: "PENDING", application: { programmeId: programme.id } },
          _sum: { amountFen: true },
        }),
        balanceOf(programmeAccountId(programme.id)),
      ]);
      const paidFen = paid._sum.disbursedFen ?? 0;
      return {
        ...programme,
        accountId: programmeAccountId(programme.id),
        paidFen,
        pendingFen: pending._sum.amountFen ?? 0,
        remainingFen: programme.budgetFen - paidFen,
        balanceFen,
      };
    }),
  );
}

const queueApplication = {
  select: {
    id: true,
    title: true,
    programme: { select: { title: true } },
    organisationId: true,
    applicantId: true,
    team: { select: { name: true } },
  },
} as const;

/** What waits for the finance bureau's signature, oldest first: payments, then evaluations. */
export async function listFinanceQueue() {
  const [proposals, rounds] = await Promise.all([
    db.disbursementProposal.findMany({
      where: { status: "PENDING" },
      select: {
        id: true,
        amountFen: true,
        proposedById: true,
        proposedAt: true,
        application: queueApplication,
      },
      orderBy: [{ proposedAt: "asc" }, { id: "asc" }],
      take: 200,
    }),
    db.evaluationSignOff.findMany({
      where: { financeOpinion: null },
      select: {
        id: true,
        score: true,
        evaluatedById: true,
        evaluatedAt: true,
        application: queueApplication,
      },
      orderBy: [{ evaluatedAt: "asc" }, { id: "asc" }],
      take: 200,
    }),
  ]);
  const [people, organisations] = await Promise.all([
    namesOf([
      ...proposals.map((row) => row.proposedById),
      ...rounds.map((row) => row.evaluatedById),
      ...[...proposals, ...rounds].map((row) => row.application.applicantId),
    ]),
    db.organisation.findMany({
      where: {
        id: {
          in: [...proposals, ...rounds].flatMap((row) =>
            row.application.organisationId ? [row.application.organisationId] : [],
          ),
        },
      },
      select: { id: true, name: true },
    }),
  ]);
  const orgName = new Map(organisations.map((org) => [org.id, org.name]));
  // Who is paid: the organisation, or for a commissioner or a team, the applicant (the team's lead).
  const payeeOf = (application: {
    organisationId: string | null;
    applicantId: string;
    team: { name: string } | null;
  }) => {
    if (application.organisationId) return orgName.get(application.organisationId) ?? "";
    const person = people.get(application.applicantId)?.displayName ?? "";
    return application.team ? `${application.team.name}（${person}）` : person;
  };
  const shape = <T extends { application: Parameters<typeof payeeOf>[0] }>(row: T, by: string) => ({
    ...row,
    organisation: payeeOf(row.application),
    by: people.get(by)?.label ?? "",
  });
  return {
    proposals: proposals.map((row) => shape(row, row.proposedById)),
    evaluations: rounds.map((row) => shape(row, row.evaluatedById)),
  };
}

/** The application as a finance officer reads it: its money facts and status, nothing of the review. */
export async function getFinanceApplication(id: string) {
  const application = await db.programmeApplication.findUnique({
    where: { id },
    select: {
      id: true,
      title: true,
      status: true,
      requestedFen: true,
      approvedFen: true,
      disbursedFen: true,
      suspendedAt: true,
      completedAt: true,
      programme: { select: { id: true, title: true, kind: true } },
      organisationId: true,
      applicantId: true,
      team: { select: { name: true } },
      outcome: { select: { summary: true, farmersTrained: true, jobsCreated: true, salesFen: true } },
    },
  });
  if (!application) return null;
  const { applicantId, team, ...rest } = application;
  // Who is paid: the organisation, or for a commissioner or a team, the applicant (the team's lead).
  let payee: string;
  if (application.organisationId) {
    payee = (
      await db.organisation.findUniqueOrThrow({
        where: { id: application.organisationId },
        select: { name: true },
      })
    ).name;
  } else {
    const person = (
      await db.user.findUniqueOrThrow({ where: { id: applicantId }, select: { displayName: true } })
    ).displayName;
    payee = team ? `${team.name}（${person}）` : person;
  }
  return { ...rest, organisation: payee };
}
