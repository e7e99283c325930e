import { db } from "~/db.server";
import type { Prisma } from "~/generated/prisma/client";
import { translate, type Locale, type MessageKey } from "~/i18n/i18n";
import { toCsv } from "~/utils/csv";
import { luoyangDateTime } from "~/utils/dates";
import { subjectHref } from "./audit-links";
import { AUDIT_PAGE_SIZE, type AuditFilters } from "./audit.schema";
import { compactJson, diffKeys } from "./diff";

import { AUDIT_CSV_LIMIT } from "./audit.schema";
export { AUDIT_CSV_LIMIT };

const rowSelect = {
  id: true,
  actorId: true,
  action: true,
  subjectType: true,
  subjectId: true,
  before: true,
  after: true,
  ip: true,
  createdAt: true,
  actor: { select: { displayName: true } },
} as const satisfies Prisma.AuditLogSelect;

// Newest first; the id breaks ties between rows written in the same millisecond.
const newestFirst: Prisma.AuditLogOrderByWithRelationInput[] = [{ createdAt: "desc" }, { id: "desc" }];

// Prisma passes startsWith/contains values to LIKE as they are: escape its wildcards (PostgreSQL's
// default escape character is the backslash) so "need_" or "%" match only themselves.
function literal(text: string): string {
  return text.replace(/[\\%_]/g, "\\$&");
}

function whereOf(filters: Omit<AuditFilters, "page">): Prisma.AuditLogWhereInput {
  // Dates are days in Luoyang's time (UTC+8 all year), whole days inclusive.
  const from = filters.from ? new Date(`${filters.from}T00:00:00+08:00`) : undefined;
  const to = filters.to ? new Date(`${filters.to}T23:59:59.999+08:00`) : undefined;
  return {
    action: filters.action ? { startsWith: literal(filters.action) } : undefined,
    subjectType: filters.subjectType,
    subjectId: filters.subjectId,
    createdAt: from || to ? { gte: from, lte: to } : undefined,
    actor: filters.actor ? { is: actorMatch(filters.actor) } : undefined,
  };
}

function actorMatch(fragment: string): Prisma.UserWhereInput {
  // Phones are stored as "+8613800000001"; people type them with spaces or dashes.
  const digits = fragment.replace(/[\s-]/g, "");
  return {
    OR: [
      { displayName: { contains: literal(fragment), mode: "insensitive" } },
      { email: { contains: literal(fragment), mode: "insensitive" } },
      ...(digits ? [{ phone: { contains: literal(digits) } }] : []),
    ],
  };
}

type Row = Prisma.AuditLogGetPayload<{ select: typeof rowSelect }>;

/** One page of the audit log, newest first, with the actor's name and only the keys that changed. */
export async function searchAuditLog(filters: AuditFilters) {
  const where = whereOf(filters);
  const [rows, total] = await Promise.all([
    db.auditLog.findMany({
      where,
      orderBy: newestFirst,
      skip: (filters.page - 1) * AUDIT_PAGE_SIZE,
      take: AUDIT_PAGE_SIZE,
      select: rowSelect,
    }),
    db.auditLog.count({ where }),
  ]);
  return {
    rows: rows.map((row) => ({
      id: String(row.id),
      at: row.createdAt.toISOString(),
      actorId: row.actorId,
      actorName: row.actor?.displayName ?? null,
      action: row.action,
      subjectType: row.subjectType,
      subjectId: row.subjectId,
      subjectHref: subjectHref(row.subjectType, row.subjectId),
      ip: row.ip,
      changes: diffKeys(row.before, row.after).map((change) => ({
        key: change.key,
        before: compactJson(change.before),
        after: compactJson(change.after),
      })),
    })),
    total,
    pages: Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE)),
  };
}

const CSV_COLUMNS: MessageKey[] = [
  "audit.csv.time",
  "audit.csv.actor",
  "audit.csv.action",
  "audit.csv.subjectType",
  "audit.csv.subjectId",
  "audit.csv.ip",
  "audit.csv.before",
  "audit.csv.after",
];

/** The filtered log as CSV (newest first, as on the page), at most AUDIT_CSV_LIMIT rows. */
export async function auditCsv(filters: Omit<AuditFilters, "page">, locale: Locale): Promise<string> {
  // One row more than the limit tells whether the export was cut.
  const rows: Row[] = await db.auditLog.findMany({
    where: whereOf(filters),
    orderBy: newestFirst,
    take: AUDIT_CSV_LIMIT + 1,
    select: rowSelect,
  });
  const cut = rows.length > AUDIT_CSV_LIMIT;
  const system = translate(locale, "audit.system");
  return toCsv([
    CSV_COLUMNS.map((key) => translate(locale, key)),
    ...rows.slice(0, AUDIT_CSV_LIMIT).map((row) => [
      luoyangDateTime(row.createdAt),
      row.actor?.displayName ?? system,
      row.action,
      row.subjectType,
      row.subjectId,
      row.ip ?? "",
      // A missing before (a creation) or after (a deletion) is an empty cell.
      compactJson(row.before ?? undefined),
      compactJson(row.after ?? undefined),
    ]),
    ...(cut ? [[translate(locale, "audit.csv.truncated", { limit: AUDIT_CSV_LIMIT })]] : []),
  ]);
}
