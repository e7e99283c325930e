/** Technology equity vests month by month after the cliff; nothing vests before it. */
export interface VestingSchedule {
  percentBp: number;
  vestingStart: Date;
  vestingMonths: number;
  cliffMonths: number;
}

/** Whole calendar months from `start` to `at`, in Luoyang days (the 15th to the 14th is not a month). */
export function monthsBetween(start: Date, at: Date): number {
  const shift = (date: Date) => new Date(date.getTime() + 8 * 3600_000);
  const [from, to] = [shift(start), shift(at)];
  let months = (to.getUTCFullYear() - from.getUTCFullYear()) * 12 + (to.getUTCMonth() - from.getUTCMonth());
  if (to.getUTCDate() < from.getUTCDate()) months -= 1;
  return months;
}

/** The basis points vested at `at`: 0 before the cliff, then the elapsed share of the vesting months. */
export function vestedBp(schedule: VestingSchedule, at: Date = new Date()): number {
  if (at.getTime() < schedule.vestingStart.getTime()) return 0;
  if (schedule.vestingMonths === 0) return schedule.percentBp;
  const months = monthsBetween(schedule.vestingStart, at);
  if (months < schedule.cliffMonths) return 0;
  return Math.min(schedule.percentBp, Math.floor((schedule.percentBp * months) / schedule.vestingMonths));
}
