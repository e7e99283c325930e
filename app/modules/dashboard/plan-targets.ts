/**
 * The targets of the plan's §3, as data. Star Innovation Spaces and creative-agriculture demos
 * are totals the city should reach (cumulative); commissioners are dispatched anew every year.
 */
export const PLAN_TARGETS = [
  {
    metric: "spaces",
    min: 3,
    max: 5,
    period: "cumulative",
    label: "dashboard.target.spaces",
    wording: "dashboard.target.spaces.plan",
  },
  {
    metric: "demos",
    min: 1,
    max: 3,
    period: "cumulative",
    label: "dashboard.target.demos",
    wording: "dashboard.target.demos.plan",
  },
  {
    metric: "commissioners",
    min: 20,
    max: 30,
    period: "yearly",
    label: "dashboard.target.commissioners",
    wording: "dashboard.target.commissioners.plan",
  },
] as const;

export type PlanTarget = (typeof PLAN_TARGETS)[number];
export type TargetMetric = PlanTarget["metric"];

/** The figure of one year that a target is read against. */
export function actualFor(
  metric: TargetMetric,
  year: { spacesTotal: number; demosTotal: number; commissioners: number },
): number {
  if (metric === "spaces") return year.spacesTotal;
  if (metric === "demos") return year.demosTotal;
  return year.commissioners;
}

/** A target is met once the actual reaches its lower bound; going past the upper one is fine. */
export function isMet(target: PlanTarget, actual: number): boolean {
  return actual >= target.min;
}
