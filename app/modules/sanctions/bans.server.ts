import type { Tx } from "~/db.server";
import { db } from "~/db.server";
import { luoyangToday } from "~/utils/dates";
import { DomainError } from "~/utils/errors";

/** 3年内不得承担: how long a ban lasts (plan §5.4). */
export const BAN_YEARS = 3;

/** Who is about to take on work: a person and the organisations they act for. */
export interface BanSubject {
  userId?: string | null;
  organisationIds?: (string | null | undefined)[];
}

export interface ActiveBan {
  id: string;
  organisationId: string | null;
  userId: string | null;
  reason: string;
  endsAt: Date;
}

/** The end of a ban that starts at `startsAt`: the same moment three years later. */
export function banEndsAt(startsAt: Date): Date {
  const end = new Date(startsAt);
  end.setUTCFullYear(end.getUTCFullYear() + BAN_YEARS);
  return end;
}

/**
 * The ban in force on the person or any of the organisations at `now`, if any (the one that
 * lasts longest). A ban ends by itself at `endsAt`; the bureau may lift it earlier.
 */
export async function findActiveBan(
  subject: BanSubject,
  now: Date = new Date(),
  client: Tx | typeof db = db,
): Promise<ActiveBan | null> {
  const organisationIds = (subject.organisationIds ?? []).filter((id): id is string => Boolean(id));
  const who = [
    ...(subject.userId ? [{ userId: subject.userId }] : []),
    ...(organisationIds.length > 0 ? [{ organisationId: { in: organisationIds } }] : []),
  ];
  if (who.length === 0) return null;
  const ban = await client.sanction.findFirst({
    where: { kind: "BAN", liftedAt: null, startsAt: { lte: now }, endsAt: { gt: now }, OR: who },
    orderBy: { endsAt: "desc" },
    select: { id: true, organisationId: true, userId: true, reason: true, endsAt: true },
  });
  return ban && ban.endsAt ? { ...ban, endsAt: ban.endsAt } : null;
}

/**
 * Refuses with the ban's reason and end date when the person or one of the organisations is
 * banned. Every place where someone takes on new work calls it: programme applications, needs
 * opened, applications to needs, the provider of a new agreement.
 */
export async function assertNotBanned(
  subject: BanSubject,
  now: Date = new Date(),
  client: Tx | typeof db = db,
): Promise<void> {
  const ban = await findActiveBan(subject, now, client);
  if (ban) throw new DomainError("sanction.banned", { reason: ban.reason, until: luoyangToday(ban.endsAt) });
}

/** Every ban in force on the person or their organisations (for the banner in their workspace). */
export function listActiveBans(subject: BanSubject, now: Date = new Date()): Promise<ActiveBan[]> {
  const organisationIds = (subject.organisationIds ?? []).filter((id): id is string => Boolean(id));
  const who = [
    ...(subject.userId ? [{ userId: subject.userId }] : []),
    ...(organisationIds.length > 0 ? [{ organisationId: { in: organisationIds } }] : []),
  ];
  if (who.length === 0) return Promise.resolve([]);
  return db.sanction
    .findMany({
      where: { kind: "BAN", liftedAt: null, startsAt: { lte: now }, endsAt: { gt: now }, OR: who },
      orderBy: { endsAt: "desc" },
      select: { id: true, organisationId: true, userId: true, reason: true, endsAt: true },
    })
    .then((bans) => bans.flatMap((ban) => (ban.endsAt ? [{ ...ban, endsAt: ban.endsAt }] : [])));
}
