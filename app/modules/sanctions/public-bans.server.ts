import { z } from "zod";
import { db, type Tx } from "~/db.server";
import type { Prisma } from "~/generated/prisma/client";
import { enqueuePublicEvent } from "~/modules/webhooks/webhooks.server";

/*
 * The ban list as the public sees it (plan §5.4: 3年内不得承担 applies to science programmes at
 * every level, so other bureaus must be able to read it). An organisation is shown with its
 * name and unified social credit code (public registration data); a person by name only: no
 * phone, e-mail or ID number ever leaves this file (docs/decisions/030-personal-information.md).
 * The page, the API and the webhooks all build their rows here.
 */

const DAY_MS = 24 * 60 * 60 * 1000;
/** Ended or lifted bans stay on the default list this long, marked, so a reader sees the change. */
export const RECENT_DAYS = 365;
export const PUBLIC_BANS_PAGE_SIZE = 20;

export const PublicBanQuery = z.object({
  /** Part of the organisation's name. */
  name: z
    .string()
    .trim()
    .max(60)
    .optional()
    .or(z.literal("").transform(() => undefined)),
  /** The organisation's unified social credit code, all 18 characters. */
  creditCode: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[0-9A-HJ-NPQRTUWXY]{18}$/, "api.problem.invalid_request")
    .optional()
    .or(z.literal("").transform(() => undefined)),
  /** Only bans in force on this day (YYYY-MM-DD, Luoyang); without it, current and recent ones. */
  activeAt: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, "api.problem.invalid_request")
    .refine((day) => !Number.isNaN(Date.parse(`${day}T00:00:00+08:00`)), "api.problem.invalid_request")
    .optional(),
});
export type PublicBanFilters = z.output<typeof PublicBanQuery>;

const banSelect = {
  id: true,
  organisationId: true,
  userId: true,
  reason: true,
  startsAt: true,
  endsAt: true,
  liftedAt: true,
  application: { select: { programme: { select: { title: true } } } },
} as const;

type BanRow = Prisma.SanctionGetPayload<{ select: typeof banSelect }>;

export type PublicBanStatus = "ACTIVE" | "ENDED" | "LIFTED";

export interface PublicBan {
  banId: string;
  subjectKind: "ORGANISATION" | "PERSON";
  organisationName: string | null;
  creditCode: string | null;
  personName: string | null;
  reason: string;
  programmeTitle: string | null;
  decidedAt: Date;
  endsAt: Date;
  liftedAt: Date | null;
  status: PublicBanStatus;
}

function statusAt(row: { endsAt: Date | null; liftedAt: Date | null }, now: Date): PublicBanStatus {
  if (row.liftedAt) return "LIFTED";
  return row.endsAt && row.endsAt > now ? "ACTIVE" : "ENDED";
}

async function toPublic(client: Tx | typeof db, rows: BanRow[], now: Date): Promise<PublicBan[]> {
  const organisationIds = [...new Set(rows.flatMap((row) => row.organisationId ?? []))];
  const userIds = [...new Set(rows.flatMap((row) => row.userId ?? []))];
  const [organisations, people] = await Promise.all([
    client.organisation.findMany({
      where: { id: { in: organisationIds } },
      select: { id: true, name: true, creditCode: true },
    }),
    client.user.findMany({ where: { id: { in: userIds } }, select: { id: true, displayName: true } }),
  ]);
  const orgs = new Map(organisations.map((org) => [org.id, org]));
  const names = new Map(people.map((person) => [person.id, person.displayName]));
  return rows.map((row) => {
    const organisation = row.organisationId ? orgs.get(row.organisationId) : undefined;
    return {
      banId: row.id,
      subjectKind: row.organisationId ? "ORGANISATION" : "PERSON",
      organisationName: organisation?.name ?? null,
      creditCode: organisation?.creditCode ?? null,
      personName: row.userId ? (names.get(row.userId) ?? null) : null,
      reason: row.reason,
      programmeTitle: row.application?.programme.title ?? null,
      decidedAt: row.startsAt,
      endsAt: row.endsAt ?? row.startsAt,
      liftedAt: row.liftedAt,
      status: statusAt(row, now),
    };
  });
}

async function whereFor(filters: PublicBanFilters, now: Date): Promise<Prisma.SanctionWhereInput> {
  const clauses: Prisma.SanctionWhereInput[] = [{ kind: "BAN" }];
  if (filters.activeAt) {
    const day = new Date(`${filters.activeAt}T12:00:00+08:00`);
    clauses.push({
      startsAt: { lte: day },
      endsAt: { gt: day },
      OR: [{ liftedAt: null }, { liftedAt: { gt: day } }],
    });
  } else {
    const since = new Date(now.getTime() - RECENT_DAYS * DAY_MS);
    clauses.push({ OR: [{ liftedAt: { gte: since } }, { liftedAt: null, endsAt: { gte: since } }] });
  }
  if (filters.name || filters.creditCode) {
    // A name or credit code finds organisations only: people are not searchable by name here.
    clauses.push({ organisationId: { in: await organisationIdsMatching(filters) } });
  }
  return { AND: clauses };
}

async function organisationIdsMatching(filters: PublicBanFilters): Promise<string[]> {
  const organisations = await db.organisation.findMany({
    where: {
      ...(filters.name ? { name: { contains: filters.name, mode: "insensitive" as const } } : {}),
      ...(filters.creditCode ? { creditCode: filters.creditCode } : {}),
    },
    select: { id: true },
    take: 500,
  });
  return organisations.map((org) => org.id);
}

/** One page of the public list, newest decision first; `hasMore` when another page follows. */
export async function listPublicBans(
  filters: PublicBanFilters,
  page: { skip: number; take: number },
  now: Date = new Date(),
): Promise<{ items: PublicBan[]; hasMore: boolean }> {
  const rows = await db.sanction.findMany({
    where: await whereFor(filters, now),
    select: banSelect,
    orderBy: [{ startsAt: "desc" }, { id: "desc" }],
    skip: page.skip,
    take: page.take + 1,
  });
  const items = await toPublic(db, rows.slice(0, page.take), now);
  return { items, hasMore: rows.length > page.take };
}

/**
 * Tells subscribers a ban was decided or lifted, inside the transaction that made the change,
 * so an event exists only if the change committed.
 */
export async function announceBan(
  tx: Tx,
  banId: string,
  event: "ban.published" | "ban.lifted",
  now: Date = new Date(),
): Promise<number> {
  const row = await tx.sanction.findUniqueOrThrow({ where: { id: banId }, select: banSelect });
  const [ban] = await toPublic(tx, [row], now);
  return enqueuePublicEvent(tx, {
    event,
    payload: {
      ...ban!,
      occurredAt: now.toISOString(),
      decidedAt: ban!.decidedAt.toISOString(),
      endsAt: ban!.endsAt.toISOString(),
      liftedAt: ban!.liftedAt?.toISOString() ?? null,
    },
  });
}
