import type { MessageKey } from "~/i18n/i18n";
import type { ReportFigures } from "./reports.figures";

/**
 * "The people of the plan" on the bureau dashboard (issue 23): villages and households, the
 * commissioners as the plan sees them, pairings and local talent, the spaces' audiences and bases,
 * brands and towns. Each figure is the return's figure of the same name (reports.figures.ts), for
 * one year and the dashboard's county — one definition for the dashboard, its exports and the
 * upward reports. Plain data, safe in the browser.
 */
export const PLAN_PEOPLE_GROUPS = [
  {
    title: "dashboard.plan.villages",
    keys: [
      "villagesPoor",
      "villagesLifted",
      "householdsRecorded",
      "householdsLifted",
      "householdsReached",
      "moneyToHouseholdsFen",
    ],
  },
  {
    title: "dashboard.plan.commissioners",
    keys: [
      "commissionersDispatched",
      "sanquCommissionersDispatched",
      "commissionerVenturesActive",
      "commissionersOnLeave",
    ],
  },
  {
    title: "dashboard.plan.pairings",
    keys: ["pairingsActive", "pairingReportsFiled", "localTalentServing", "peopleTrained"],
  },
  {
    title: "dashboard.plan.spaces",
    keys: [
      "spaceServedReturningMigrant",
      "spaceServedGraduate",
      "spaceServedProfessionalFarmer",
      "spaceServedMaker",
      "spaceServedOther",
      "baseTrainees",
    ],
  },
  { title: "dashboard.plan.brands", keys: ["brandsTraded", "townsActive"] },
] as const satisfies readonly { title: MessageKey; keys: readonly (keyof ReportFigures)[] }[];

export type PlanPeopleKey = (typeof PLAN_PEOPLE_GROUPS)[number]["keys"][number];

export interface PlanPeople {
  /** The calendar year the figures cover (the dashboard's year filter, or this year). */
  year: number;
  /** The county they cover, or null for the whole city. */
  countyCode: string | null;
  figures: Record<PlanPeopleKey, number>;
}

export const PLAN_PEOPLE_KEYS: PlanPeopleKey[] = PLAN_PEOPLE_GROUPS.flatMap((group) => [...group.keys]);
