import type { Logger } from "pino";
import { db, type Tx, isUniqueViolation } from "~/db.server";
import { type Prisma } from "~/generated/prisma/client";
import type { AgreementStatus, RevenueReportStatus } from "~/generated/prisma/enums";
import { RevenueShareTerms } from "~/modules/agreements/terms";
import { recordAudit } from "~/modules/audit/audit.server";
import { idempotent } from "~/modules/ledger/idempotency.server";
import { ensureWallet, transfer } from "~/modules/ledger/ledger.server";
import {
  createNotifications,
  deliverNotifications,
  type NewNotification,
} from "~/modules/notifications/notifications.server";
import { deleteUpload, storeImage } from "~/modules/uploads/uploads.server";
import { can, type Actor } from "~/modules/users/permissions";
import { DomainError } from "~/utils/errors";
import { assertTransition, type Transitions } from "~/utils/state-machine";
import { luoyangToday, startOfLuoyangDay } from "~/utils/dates";
import { periodLabel, periodsOf, shareDue } from "./periods";
import type { ReportRevenueInput, RevenueView } from "./revenue.schema";
import { partyOf, payerWallet } from "~/modules/escrow/parties";

export type { RevenueView } from "./revenue.schema";

/** Revenue is shared while the agreement runs; a milestone dispute (DISPUTED) does not stop it. */
const SHARING_STATES: readonly AgreementStatus[] = ["ACTIVE", "DISPUTED"];

const REPORT_TRANSITIONS: Transitions<RevenueReportStatus> = { REPORTED: ["SETTLED"], SETTLED: [] };

interface Meta {
  ip?: string | null;
}

const agreementSelect = {
  id: true,
  number: true,
  title: true,
  status: true,
  payerUserId: true,
  payerOrganisationId: true,
  payeeUserId: true,
  payeeOrganisationId: true,
  // The terms in force: the latest version both parties signed.
  versions: { where: { status: "SIGNED" }, orderBy: { version: "desc" }, take: 1, select: { terms: true } },
} as const satisfies Prisma.AgreementSelect;

type AgreementRow = Prisma.AgreementGetPayload<{ select: typeof agreementSelect }>;

type RevenueShareComponent = RevenueShareTerms;

/**
 * The REVENUE_SHARE components of a signed version's terms, with their index among all
 * components. Each is checked again with the terms schema before money moves on it.
 */
export function revenueComponents(terms: unknown): { index: number; component: RevenueShareComponent }[] {
  const components = (terms as { components?: unknown } | null)?.components;
  if (!Array.isArray(components)) return [];
  return components.flatMap((raw, index) => {
    const parsed = RevenueShareTerms.safeParse(raw);
    return parsed.success ? [{ index, component: parsed.data }] : [];
  });
}

/** The paying side: the agreement's payer, or a village-role member of the paying organisation. */
export function isPayerSide(actor: Actor, agreement: AgreementRow): boolean {
  return partyOf(actor, agreement) === "PAYER";
}

async function payerSideUsers(
  tx: Tx,
  agreement: Pick<AgreementRow, "payerUserId" | "payerOrganisationId">,
): Promise<string[]> {
  const members = agreement.payerOrganisationId
    ? await tx.membership.findMany({
        where: { organisationId: agreement.payerOrganisationId, role: "VILLAGE" },
        select: { userId: true },
      })
    : [];
  return [...new Set([agreement.payerUserId, ...members.map((m) => m.userId)])];
}

function notify(
  userIds: string[],
  agreement: AgreementRow,
  notification: Pick<NewNotification, "type" | "params">,
): NewNotification[] {
  return userIds.map((userId) => ({ ...notification, userId, href: `/agreements/${agreement.id}` }));
}

async function loadAgreement(client: Tx, agreementId: string): Promise<AgreementRow> {
  const agreement = await client.agreement.findUnique({
    where: { id: agreementId },
    select: agreementSelect,
  });
  if (!agreement) throw new DomainError("revenue.not_found");
  return agreement;
}

function componentOf(agreement: AgreementRow, index: number): RevenueShareComponent {
  const found = revenueComponents(agreement.versions[0]?.terms).find((item) => item.index === index);
  if (!found) throw new DomainError("revenue.no_component");
  return found.component;
}

/**
 * The paying side reports a period's revenue (or profit) with evidence photos, once the period
 * has ended. The share due is computed now and kept on the report. One report per period.
 * Photos are stored before the transaction (files cannot join it) and removed if it fails.
 */
export async function reportRevenue(
  actor: Actor,
  agreementId: string,
  input: ReportRevenueInput,
  meta: Meta = {},
  now = new Date(),
) {
  const agreement = await loadAgreement(db, agreementId);
  if (!isPayerSide(actor, agreement)) throw new DomainError("revenue.forbidden");
  if (!SHARING_STATES.includes(agreement.status)) throw new DomainError("revenue.agreement_not_active");
  const component = componentOf(agreement, input.component);
  const slot = periodsOf(component, now).find((period) => period.start === input.periodStart);
  if (!slot) throw new DomainError("revenue.unknown_period");
  if (slot.timing === "upcoming") throw new DomainError("revenue.period_not_ended");
  if (input.baseFen < 0 && component.base === "REVENUE") throw new DomainError("revenue.negative_revenue");
  if (input.evidence.length === 0) throw new DomainError("revenue.evidence_required");
  const key = { agreementId, component: input.component, periodStart: startOfLuoyangDay(slot.start) };
  // Checked before the photos are processed, so a repeated report costs nothing; the unique index decides races.
  if (
    await db.revenueReport.findUnique({
      where: { agreementId_component_periodStart: key },
      select: { id: true },
    })
  )
    throw new DomainError("revenue.already_reported");

  const shareDueFen = shareDue(input.baseFen, component);
  const stored: string[] = [];
  try {
    for (const file of input.evidence) stored.push((await storeImage({ ownerId: actor.id, file })).id);
    const { report, rows } = await db.$transaction(async (tx) => {
      const report = await tx.revenueReport.create({
        data: {
          ...key,
          periodEnd: startOfLuoyangDay(slot.end),
          baseFen: input.baseFen,
          shareDueFen,
          note: input.note ?? "",
          reportedById: actor.id,
          evidence: { create: stored.map((uploadId) => ({ uploadId })) },
        },
        select: { id: true },
      });
      const period = periodLabel(slot);
      await recordAudit(tx, {
        actorId: actor.id,
        action: "revenue.reported",
        subjectType: "RevenueReport",
        subjectId: report.id,
        after: {
          agreementId,
          component: input.component,
          period,
          baseFen: input.baseFen,
          shareDueFen,
          evidence: stored,
        },
        ip: meta.ip,
      });
      const rows = await createNotifications(
        tx,
        notify([agreement.payeeUserId], agreement, {
          type: "revenue.reported",
          params: { agreement: agreement.title, period },
        }),
      );
      return { report, rows };
    });
    await deliverNotifications(rows);
    return { reportId: report.id, shareDueFen };
  } catch (error) {
    await Promise.all(stored.map((id) => deleteUpload(id).catch(() => undefined)));
    if (isUniqueViolation(error)) throw new DomainError("revenue.already_reported");
    throw error;
  }
}

/**
 * The paying side pays a reported period's share: payer wallet → payee wallet (REVENUE_SHARE).
 * A share of zero settles without a transfer. The report row is locked, so two settlements
 * racing pay once; the same key replays the first result.
 */
export async function settleRevenueReport(actor: Actor, reportId: string, key: string, meta: Meta = {}) {
  const { result, rows } = await db.$transaction(async (tx) => {
    let rows: Awaited<ReturnType<typeof createNotifications>> = [];
    const { result } = await idempotent(
      tx,
      { actorId: actor.id, key, scope: "revenue.settle", request: { reportId } },
      async () => {
        await tx.$queryRaw`SELECT id FROM "RevenueReport" WHERE id = ${reportId} FOR UPDATE`;
        const report = await tx.revenueReport.findUnique({
          where: { id: reportId },
          select: {
            id: true,
            agreementId: true,
            status: true,
            shareDueFen: true,
            periodStart: true,
            periodEnd: true,
          },
        });
        if (!report) throw new DomainError("revenue.not_found");
        const agreement = await loadAgreement(tx, report.agreementId);
        if (!isPayerSide(actor, agreement)) throw new DomainError("revenue.forbidden");
        if (!SHARING_STATES.includes(agreement.status)) throw new DomainError("revenue.agreement_not_active");
        assertTransition(REPORT_TRANSITIONS, report.status, "SETTLED", "revenue.already_settled");
        const period = periodLabel({
          start: luoyangToday(report.periodStart),
          end: luoyangToday(report.periodEnd),
        });
        let transferId: string | null = null;
        if (report.shareDueFen > 0) {
          const from = await ensureWallet(tx, payerWallet(agreement));
          const to = await ensureWallet(tx, { userId: agreement.payeeUserId });
          transferId = (
            await transfer(tx, {
              from,
              to,
              amountFen: report.shareDueFen,
              reason: "REVENUE_SHARE",
              agreementId: agreement.id,
              memo: `${agreement.number} ${period}`,
              actorId: actor.id,
            })
          ).id;
        }
        await tx.revenueReport.update({
          where: { id: report.id },
          data: { status: "SETTLED", settledAt: new Date(), transferId },
          select: { id: true },
        });
        await recordAudit(tx, {
          actorId: actor.id,
          action: "revenue.settled",
          subjectType: "RevenueReport",
          subjectId: report.id,
          before: { status: report.status },
          after: { status: "SETTLED", shareDueFen: report.shareDueFen, transferId },
          ip: meta.ip,
        });
        rows = await createNotifications(
          tx,
          notify([agreement.payeeUserId], agreement, {
            type: "revenue.settled",
            params: { agreement: agreement.title, period },
          }),
        );
        return { reportId: report.id, transferId, shareDueFen: report.shareDueFen };
      },
    );
    return { result, rows };
  });
  await deliverNotifications(rows);
  return result;
}

const OVERDUE_ACTION = "revenue.overdue_flagged";

/**
 * Tells both sides once about each period whose report is past due. What was sent is remembered
 * as an audit row per period (subject "RevenuePeriod" agreementId:component:start), and an
 * advisory lock keeps two app instances from sending the same notice. Returns how many periods
 * were flagged.
 */
export async function flagOverdueReports(now = new Date()): Promise<number> {
  const agreements = await db.agreement.findMany({
    where: { status: { in: [...SHARING_STATES] }, versions: { some: { status: "SIGNED" } } },
    select: { ...agreementSelect, revenueReports: { select: { component: true, periodStart: true } } },
  });
  const overdue: { agreement: AgreementRow; subjectId: string; period: string }[] = [];
  for (const agreement of agreements) {
    const reported = new Set(
      agreement.revenueReports.map((r) => `${r.component}:${luoyangToday(r.periodStart)}`),
    );
    for (const { index, component } of revenueComponents(agreement.versions[0]?.terms)) {
      for (const slot of periodsOf(component, now)) {
        if (slot.timing !== "overdue" || reported.has(`${index}:${slot.start}`)) continue;
        overdue.push({
          agreement,
          subjectId: `${agreement.id}:${index}:${slot.start}`,
          period: periodLabel(slot),
        });
      }
    }
  }
  if (overdue.length === 0) return 0;

  const { rows, flagged } = await db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${OVERDUE_ACTION}))`;
    const sent = await tx.auditLog.findMany({
      where: {
        action: OVERDUE_ACTION,
        subjectType: "RevenuePeriod",
        subjectId: { in: overdue.map((o) => o.subjectId) },
      },
      select: { subjectId: true },
    });
    const done = new Set(sent.map((row) => row.subjectId));
    const notifications: NewNotification[] = [];
    const fresh = overdue.filter((o) => !done.has(o.subjectId));
    for (const item of fresh) {
      await recordAudit(tx, {
        actorId: null,
        action: OVERDUE_ACTION,
        subjectType: "RevenuePeriod",
        subjectId: item.subjectId,
        after: { period: item.period },
      });
      const people = [...(await payerSideUsers(tx, item.agreement)), item.agreement.payeeUserId];
      notifications.push(
        ...notify([...new Set(people)], item.agreement, {
          type: "revenue.overdue",
          params: { agreement: item.agreement.title, period: item.period },
        }),
      );
    }
    return { rows: await createNotifications(tx, notifications), flagged: fresh.length };
  });
  await deliverNotifications(rows);
  return flagged;
}

/** Flags overdue revenue reports at start and every hour; returns the function that stops it. */
export function startRevenueJobs(log: Pick<Logger, "error">): () => void {
  const run = () => {
    flagOverdueReports().catch((error: unknown) =>
      log.error({ err: error }, "flagging overdue revenue reports failed"),
    );
  };
  run();
  const timer = setInterval(run, 60 * 60 * 1000);
  timer.unref();
  return () => clearInterval(timer);
}

/**
 * What the revenue panel on /agreements/:id shows: each REVENUE_SHARE component of the signed
 * terms, its periods with their status, and what the viewer may do. Null when the agreement has
 * no revenue share in force. The agreement page decides who may see the agreement at all.
 */
export async function getRevenueView(
  agreementId: string,
  viewerId: string,
  now = new Date(),
): Promise<RevenueView | null> {
  const agreement = await db.agreement.findUnique({
    where: { id: agreementId },
    select: {
      ...agreementSelect,
      revenueReports: {
        select: {
          id: true,
          component: true,
          periodStart: true,
          baseFen: true,
          shareDueFen: true,
          note: true,
          status: true,
          createdAt: true,
          settledAt: true,
          evidence: { select: { uploadId: true } },
        },
      },
    },
  });
  if (!agreement) return null;
  const components = revenueComponents(agreement.versions[0]?.terms);
  if (components.length === 0) return null;
  const viewer = await db.user.findUnique({
    where: { id: viewerId },
    select: { id: true, primaryRole: true, memberships: { select: { organisationId: true, role: true } } },
  });
  const acting =
    Boolean(viewer && isPayerSide(viewer, agreement)) && SHARING_STATES.includes(agreement.status);
  const reports = new Map(
    agreement.revenueReports.map((r) => [`${r.component}:${luoyangToday(r.periodStart)}`, r]),
  );
  return {
    agreementId,
    canReport: acting,
    canSettle: acting,
    components: components.map(({ index, component }) => ({
      index,
      shareBp: component.shareBp,
      base: component.base,
      period: component.period,
      startDate: component.startDate,
      termMonths: component.termMonths,
      floorFen: component.floorFen ?? null,
      capFen: component.capFen ?? null,
      periods: periodsOf(component, now).map((slot) => {
        const report = reports.get(`${index}:${slot.start}`);
        return {
          start: slot.start,
          end: slot.end,
          dueDate: slot.dueDate,
          status: report ? (report.status === "SETTLED" ? "settled" : "reported") : slot.timing,
          report: report
            ? {
                id: report.id,
                baseFen: report.baseFen,
                shareDueFen: report.shareDueFen,
                note: report.note,
                evidence: report.evidence.map((e) => ({
                  id: e.uploadId,
                  url: evidenceUrl(agreementId, e.uploadId),
                  thumbUrl: evidenceUrl(agreementId, e.uploadId, "thumb"),
                })),
                reportedAt: report.createdAt.toISOString(),
                settledAt: report.settledAt?.toISOString() ?? null,
              }
            : null,
        };
      }),
    })),
  };
}

/** Revenue evidence is the parties' business: served under the agreement, not by /uploads. */
export function evidenceUrl(
  agreementId: string,
  uploadId: string,
  variant: "full" | "thumb" = "full",
): string {
  return `/agreements/${encodeURIComponent(agreementId)}/evidence/${encodeURIComponent(uploadId)}${variant === "thumb" ? "?v=thumb" : ""}`;
}

/** Whether the viewer may see this evidence file: it belongs to the agreement and they are a party or bureau staff. */
export async function canReadRevenueEvidence(
  viewer: Actor,
  agreementId: string,
  uploadId: string,
): Promise<boolean> {
  const evidence = await db.revenueEvidence.findFirst({
    where: { uploadId, report: { agreementId } },
    select: { report: { select: { agreement: { select: agreementSelect } } } },
  });
  if (!evidence) return false;
  return partyOf(viewer, evidence.report.agreement) !== null || can(viewer, "dispute.resolve");
}
