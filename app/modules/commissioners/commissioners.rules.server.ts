import type { db, Tx } from "~/db.server";
import { luoyangToday } from "~/utils/dates";

export const DAY_MS = 24 * 60 * 60 * 1000;
/** Today's date in Luoyang as UTC midnight, the form in which date inputs are stored. */
export function beijingToday(now = new Date()): Date {
  return new Date(`${luoyangToday(now)}T00:00:00Z`);
}

export async function isCommissioner(tx: Tx | typeof db, userId: string): Promise<boolean> {
  const profile = await tx.expertProfile.findUnique({ where: { userId }, select: { isCommissioner: true } });
  return Boolean(profile?.isCommissioner);
}
