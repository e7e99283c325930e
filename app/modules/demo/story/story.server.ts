import type { Tx } from "~/db.server";
import { demoTimeline } from "../demo-timeline";
import { seedStoryAgreements } from "./story-agreements.server";
import type { StoryContext } from "./story-context";
import { seedStoryCreative, seedStoryFieldwork, seedStorySpaces } from "./story-field.server";
import { seedStoryNeeds } from "./story-needs.server";
import { seedStoryPeople } from "./story-people.server";
import { seedStoryPlan } from "./story-plan.server";
import { seedStoryProgrammes } from "./story-programmes.server";
import { seedStoryFinance, seedStoryVillages } from "./story-reach.server";
import { storyRandom } from "./story-random";

/** The story's seed: change it and every name, number and date in the story changes with it. */
const STORY_SEED = 2026_24;

export interface StoryIds {
  passwordHash: string;
  bureauUserId: string;
  reviewerUserId: string;
  platformFinanceUserId: string;
  financeOfficerUserId: string;
  universityId: string;
}

/**
 * The plan's story around the demo accounts (issue 24): village organisations in all fourteen
 * counties and districts, experts and commissioners, needs matched and not, agreements at every
 * stage with money through the ledger, and the bureau's side. Runs inside the demo seed's
 * transaction after the demo's own rows, touching none of them, so the tests that log in as the
 * demo accounts see their organisations as before. Deterministic for a given `now`.
 */
export async function seedStory(tx: Tx, ids: StoryIds, now: Date) {
  const ctx: StoryContext = {
    tx,
    rand: storyRandom(STORY_SEED),
    time: demoTimeline(now),
    ...ids,
    seeded: [],
  };
  const people = await seedStoryPeople(ctx);
  const matched = await seedStoryNeeds(ctx, people);
  await seedStoryAgreements(ctx, matched);
  await seedStoryFieldwork(ctx, people);
  const spaceIds = await seedStorySpaces(ctx, people);
  await seedStoryCreative(ctx, people, spaceIds);
  await seedStoryProgrammes(ctx, people);
  const villages = await seedStoryVillages(ctx, people);
  await seedStoryFinance(ctx, people, villages);
  await seedStoryPlan(ctx, people, spaceIds);
  await tx.auditLog.createMany({
    data: ctx.seeded.map((subject) => ({ actorId: null, action: "demo.seeded", ...subject })),
  });
}
