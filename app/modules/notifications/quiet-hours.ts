const LUOYANG_OFFSET_MINUTES = 8 * 60;
const DAY_MINUTES = 24 * 60;

export interface QuietHours {
  /** Minutes after midnight, Luoyang time; start after end means the hours span midnight. */
  start: number;
  end: number;
}

/**
 * When quiet hours that hold at `now` end, or null when `now` is outside them. China keeps UTC+8
 * all year, so the minute of the Luoyang day is exact arithmetic. Equal start and end: no quiet hours.
 */
export function quietUntil(now: Date, quiet: QuietHours | null): Date | null {
  if (!quiet || quiet.start === quiet.end) return null;
  const minuteOfDay =
    (((Math.floor(now.getTime() / 60_000) + LUOYANG_OFFSET_MINUTES) % DAY_MINUTES) + DAY_MINUTES) %
    DAY_MINUTES;
  const spansMidnight = quiet.start > quiet.end;
  const inside = spansMidnight
    ? minuteOfDay >= quiet.start || minuteOfDay < quiet.end
    : minuteOfDay >= quiet.start && minuteOfDay < quiet.end;
  if (!inside) return null;
  const minutesLeft = (quiet.end - minuteOfDay + DAY_MINUTES) % DAY_MINUTES;
  const startOfMinute = Math.floor(now.getTime() / 60_000) * 60_000;
  return new Date(startOfMinute + minutesLeft * 60_000);
}

/** "21:30" for 1290. */
export function minutesToTime(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
}
