import type { Tx } from "~/db.server";
import { periodKeyAt, periodOf } from "~/modules/reports/reports.periods";
import { addDays, endOfDayInLuoyang } from "~/utils/dates";

/**
 * Upward reports in the demo: the city has set the deadline for this month's county returns, the
 * 10th of next month, so the county officer sees it and the roll-up has a deadline to measure by.
 * Nothing is generated: generating and submitting is what the demo shows.
 */
export async function seedReportsDemo(tx: Tx, { bureauUserId }: { bureauUserId: string }, now: Date) {
  const period = periodOf("MONTH", periodKeyAt("MONTH", now));
  await tx.reportDeadline.create({
    data: {
      periodKind: "MONTH",
      periodKey: period.key,
      dueAt: endOfDayInLuoyang(addDays(period.lastDay, 10)),
      setById: bureauUserId,
    },
  });
}
