import type { Tx } from "~/db.server";
import { periodKeyAt, periodOf } from "~/modules/reports/reports.periods";
import { addDays, endOfDayInLuoyang } from "~/utils/dates";

/**
 * Upward reports in the demo: the city has set the deadlines for last month's and this month's
 * county returns, each the 10th of the month after, so the county officer sees them and the
 * roll-up has a deadline to measure by. Last month's is the one that can be submitted today (a
 * return waits for its period to end). Nothing is generated: generating and submitting is what
 * the demo shows.
 */
export async function seedReportsDemo(tx: Tx, { bureauUserId }: { bureauUserId: string }, now: Date) {
  const thisMonth = periodOf("MONTH", periodKeyAt("MONTH", now));
  const lastMonth = periodOf("MONTH", periodKeyAt("MONTH", new Date(thisMonth.start.getTime() - 1)));
  for (const period of [lastMonth, thisMonth]) {
    await tx.reportDeadline.create({
      data: {
        periodKind: "MONTH",
        periodKey: period.key,
        dueAt: endOfDayInLuoyang(addDays(period.lastDay, 10)),
        setById: bureauUserId,
      },
    });
  }
}
