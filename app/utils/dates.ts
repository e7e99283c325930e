/**
 * Calendar days in Luoyang ("YYYY-MM-DD"). China keeps UTC+8 all year, so a fixed offset is exact.
 * Plain functions, safe in the browser and on the server.
 */
const LUOYANG_OFFSET_MS = 8 * 60 * 60 * 1000;

/** The day it is in Luoyang at that moment. */
export function luoyangToday(moment: Date = new Date()): string {
  return new Date(moment.getTime() + LUOYANG_OFFSET_MS).toISOString().slice(0, 10);
}

/** The year it is in Luoyang at that moment: New Year's Eve evening (UTC) is already next year. */
export function luoyangYear(moment: Date = new Date()): number {
  return new Date(moment.getTime() + LUOYANG_OFFSET_MS).getUTCFullYear();
}

/** Midnight at the start of a Luoyang day, as the instant stored in the database. */
export function startOfLuoyangDay(day: string): Date {
  return new Date(`${day}T00:00:00+08:00`);
}

/** Dates are picked as days in Luoyang; a deadline lasts to the end of that day. */
export function endOfDayInLuoyang(day: string): Date {
  return new Date(`${day}T23:59:59+08:00`);
}

function parts(day: string): [number, number, number] {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  return [y, m, d];
}

const format = (date: Date) => date.toISOString().slice(0, 10);

export function addDays(day: string, days: number): string {
  const [y, m, d] = parts(day);
  return format(new Date(Date.UTC(y, m - 1, d + days)));
}

/** Calendar months later; a day past the month's end becomes its last day (Jan 31 + 1 → Feb 28). */
export function addMonths(day: string, months: number): string {
  const [y, m, d] = parts(day);
  const lastDay = new Date(Date.UTC(y, m - 1 + months + 1, 0)).getUTCDate();
  return format(new Date(Date.UTC(y, m - 1 + months, Math.min(d, lastDay))));
}

/** "2026-03-01 09:05:00" in Luoyang's time. */
export function luoyangDateTime(value: Date | string): string {
  return new Date(new Date(value).getTime() + LUOYANG_OFFSET_MS).toISOString().slice(0, 19).replace("T", " ");
}

/** "2026-01-01 ~ 2026-03-31": a period as written in notifications, statements and audit rows. */
export function periodLabel(slot: { start: string; end: string }): string {
  return `${slot.start} ~ ${slot.end}`;
}
