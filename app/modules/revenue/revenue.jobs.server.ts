import type { Logger } from "pino";
import { db } from "~/db.server";
import { recordAudit } from "~/modules/audit/audit.server";
import {
  createNotifications,
  deliverNotifications,
  type NewNotification,
} from "~/modules/notifications/notifications.server";
import { luoyangToday } from "~/utils/dates";
import { periodLabel, periodsOf } from "./periods";
import {
  SHARING_STATES,
  agreementSelect,
  type AgreementRow,
  revenueComponents,
  payerSideUsers,
  notify,
} from "./revenue-agreements.server";

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
