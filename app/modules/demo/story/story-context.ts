import type { Tx } from "~/db.server";
import type { DemoTimeline } from "../demo-timeline";
import type { StoryRandom } from "./story-random";

/** What every part of the story reads and writes: the transaction, the dice and the calendar. */
export interface StoryContext {
  tx: Tx;
  rand: StoryRandom;
  time: DemoTimeline;
  passwordHash: string;
  /** The demo's city bureau person, platform finance (records bank deposits) and city finance officer. */
  bureauUserId: string;
  reviewerUserId: string;
  platformFinanceUserId: string;
  financeOfficerUserId: string;
  /** The demo university, which the story's experts may also work for. */
  universityId: string;
  /** Subjects the story created, recorded in the audit log as seeded, in one statement at the end. */
  seeded: { subjectType: string; subjectId: string }[];
}

export interface StoryOrg {
  id: string;
  name: string;
  countyCode: string;
  township: string;
  village: string;
  product: string;
  headId: string;
  headName: string;
  registeredAt: Date;
  poverty: boolean;
}

export interface StoryExpert {
  id: string;
  name: string;
  fields: string[];
  countiesServed: string[];
  commissioner: boolean;
  affiliationId: string;
  registeredAt: Date;
}

export interface StoryPeople {
  orgs: StoryOrg[];
  experts: StoryExpert[];
  farmers: { id: string; countyCode: string }[];
  institutionIds: string[];
  /** Institution staff who post the institutions' offers, by institution id. */
  institutionStaff: Map<string, string>;
  countyOfficers: { id: string; countyCode: string }[];
  assignments: { id: string; userId: string; countyCode: string; villages: string[]; year: number }[];
  teams: { id: string; leadId: string; memberIds: string[] }[];
}
