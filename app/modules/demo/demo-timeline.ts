export const HOUR = 3600_000;
export const DAY = 24 * HOUR;

/**
 * The demo's calendar. Everything the seed writes is dated relative to the moment it runs and in
 * an order that could have happened: accounts a year ago, then needs, applications, counter-offers,
 * acceptance, agreements drafted, signed, funded, delivered, completed and reviewed — each after
 * what it depends on (tests/integration/demo-timeline.test.ts checks every such pair with SQL).
 * `ago(days, hours)` is that long before `now`.
 */
export function demoTimeline(now: Date) {
  const ago = (days: number, hours = 0) => new Date(now.getTime() - days * DAY - hours * HOUR);
  return {
    now,
    ago,
    /** When the demo's people and organisations registered and were verified. */
    registeredAt: ago(365),
    verifiedAt: ago(364),
    /** When the bureau opened this year's funding calls. */
    callsOpenedAt: ago(40),
    /** A random source with a fixed seed: the same demo every time it is seeded. */
    random: seededRandom(19),
  };
}

export type DemoTimeline = ReturnType<typeof demoTimeline>;

/** mulberry32: a small, well-spread generator of numbers in [0, 1) from a 32-bit seed. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
