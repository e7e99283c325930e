import { db } from "~/db.server";
import type { SanctionKind } from "~/generated/prisma/enums";
import { normaliseIdentifier } from "~/modules/users/users.schema";

const DAY_MS = 24 * 60 * 60 * 1000;

const sanctionSelect = {
  id: true,
  kind: true,
  reason: true,
  organisationId: true,
  userId: true,
  amountFen: true,
  recoveredFen: true,
  owedFen: true,
  startsAt: true,
  endsAt: true,
  liftedAt: true,
  liftReason: true,
  createdAt: true,
  application: { select: { id: true, title: true, suspendedAt: true } },
} as const;

type Row = Awaited<ReturnType<typeof findRows>>[number];

function findRows(where: { id?: string; kind?: SanctionKind }) {
  return db.sanction.findMany({ where, select: sanctionSelect, orderBy: { createdAt: "desc" }, take: 500 });
}

/** Names of the organisations and people the rows concern, looked up once. */
async function withSubjects(rows: Row[], now: Date) {
  const organisationIds = [
    ...new Set(rows.flatMap((row) => (row.organisationId ? [row.organisationId] : []))),
  ];
  const userIds = [...new Set(rows.flatMap((row) => (row.userId ? [row.userId] : [])))];
  const [organisations, users] = await Promise.all([
    db.organisation.findMany({ where: { id: { in: organisationIds } }, select: { id: true, name: true } }),
    db.user.findMany({ where: { id: { in: userIds } }, select: { id: true, displayName: true } }),
  ]);
  const orgName = new Map(organisations.map((o) => [o.id, o.name]));
  const userName = new Map(users.map((u) => [u.id, u.displayName]));
  return rows.map((row) => {
    // A ban is over at endsAt; a suspension until lifted; a claw-back while something is owed.
    const active =
      !row.liftedAt &&
      (row.kind === "BAN"
        ? Boolean(row.endsAt && row.endsAt > now)
        : row.kind === "SUSPENSION" || (row.owedFen ?? 0) > 0);
    return {
      ...row,
      organisationName: row.organisationId ? (orgName.get(row.organisationId) ?? null) : null,
      userName: row.userId ? (userName.get(row.userId) ?? null) : null,
      active,
      expired: row.kind === "BAN" && !row.liftedAt && !active,
      daysLeft:
        row.kind === "BAN" && active && row.endsAt
          ? Math.ceil((row.endsAt.getTime() - now.getTime()) / DAY_MS)
          : null,
    };
  });
}

export type SanctionView = Awaited<ReturnType<typeof withSubjects>>[number];

/** The bureau's register: what is in force first, then lifted, expired and settled sanctions. */
export async function listSanctions(filters: { kind?: SanctionKind }, now: Date = new Date()) {
  const views = await withSubjects(await findRows(filters.kind ? { kind: filters.kind } : {}), now);
  return { active: views.filter((view) => view.active), history: views.filter((view) => !view.active) };
}

export async function getSanction(id: string, now: Date = new Date()): Promise<SanctionView | null> {
  const [view] = await withSubjects(await findRows({ id }), now);
  return view ?? null;
}

/** What the "new sanction" form proposes: the application's organisation and applicant, if any. */
export async function getSanctionFormContext(applicationId: string | null) {
  const [application, organisations] = await Promise.all([
    applicationId
      ? db.programmeApplication.findUnique({
          where: { id: applicationId },
          select: {
            id: true,
            title: true,
            status: true,
            organisationId: true,
            applicantId: true,
            disbursedFen: true,
            suspendedAt: true,
            sanctions: { where: { kind: "CLAWBACK" }, select: { amountFen: true } },
          },
        })
      : null,
    db.organisation.findMany({ select: { id: true, name: true }, orderBy: { name: "asc" }, take: 1000 }),
  ]);
  if (!application) return { application: null, organisations };
  const [organisation, applicant] = await Promise.all([
    application.organisationId
      ? db.organisation.findUnique({
          where: { id: application.organisationId },
          select: { id: true, name: true },
        })
      : null,
    db.user.findUnique({ where: { id: application.applicantId }, select: { id: true, displayName: true } }),
  ]);
  const demanded = application.sanctions.reduce((sum, s) => sum + (s.amountFen ?? 0), 0);
  const { sanctions: _s, ...rest } = application;
  return {
    application: {
      ...rest,
      organisation,
      applicant,
      claimableFen: Math.max(application.disbursedFen - demanded, 0),
    },
    organisations,
  };
}

/** The person a mobile number belongs to, for a ban typed in without an application. */
export async function findUserIdByPhone(raw: string): Promise<string | null> {
  const identifier = normaliseIdentifier(raw);
  if (identifier?.kind !== "phone") return null;
  const user = await db.user.findUnique({ where: { phone: identifier.value }, select: { id: true } });
  return user?.id ?? null;
}
