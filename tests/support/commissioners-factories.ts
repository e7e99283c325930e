import { db } from "~/db.server";
import { dispatch, createCohort } from "~/modules/commissioners/commissioners.server";
import type {
  DispatchFields,
  ServiceLogFields,
  TrainingFields,
} from "~/modules/commissioners/commissioners.schema";
import { createBureau, createExpert } from "./needs-factories";

const DAY = 24 * 60 * 60 * 1000;

/** UTC midnight `days` from today, the way date inputs are stored. */
export function dayFromToday(days: number): Date {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()) + days * DAY);
}

let nextYear = 2030;

/** A cohort (each call its own year) and the bureau member who made it. */
export async function createCohortWithBureau() {
  const bureau = await createBureau();
  const cohort = await createCohort(bureau, { year: nextYear++, name: "科技特派员批次", targetCount: 25 });
  return { bureau, cohort };
}

export function dispatchFields(
  cohortId: string,
  userId: string,
  overrides: Partial<DispatchFields> = {},
): DispatchFields {
  return {
    cohortId,
    userId,
    countyCode: "410324",
    villages: ["上河村"],
    startDate: dayFromToday(-30),
    endDate: dayFromToday(60),
    ...overrides,
  };
}

/** A verified expert dispatched for the last 30 and next 60 days. */
export async function createCommissioner() {
  const { bureau, cohort } = await createCohortWithBureau();
  const expert = await createExpert();
  const assignment = await dispatch(bureau, dispatchFields(cohort.id, expert.id));
  return { bureau, cohort, expert, assignment };
}

export function logFields(assignmentId: string, overrides: Partial<ServiceLogFields> = {}): ServiceLogFields {
  return {
    assignmentId,
    date: dayFromToday(-1),
    countyCode: "410324",
    place: "上河村村委会",
    kind: "VISIT",
    farmersReached: 12,
    note: "",
    ...overrides,
  };
}

export function trainingFields(overrides: Partial<TrainingFields> = {}): TrainingFields {
  return {
    title: "苹果树冬季修剪",
    description: "现场讲解修剪要点并示范操作。",
    countyCode: "410324",
    place: "上河村广场",
    startsAt: new Date(Date.now() + 7 * DAY),
    capacity: 5,
    ...overrides,
  };
}

/** Moves a training into the past, as if it had taken place. */
export async function startTraining(trainingId: string) {
  await db.training.update({ where: { id: trainingId }, data: { startsAt: new Date(Date.now() - 60_000) } });
}
