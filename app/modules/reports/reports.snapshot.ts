import { z } from "zod";

/**
 * What a submitted return freezes. The version says how to read it: a later layout gets a new
 * version and a reader for it, and snapshots already stored stay readable as they were written.
 */
export const SNAPSHOT_VERSION = 1;

const Count = z.number().int();
const LeverageLineSchema = z.object({
  publicFen: Count,
  matchedFen: Count,
  ratio: z.number().nullable(),
});

export const SnapshotSchema = z.object({
  schemaVersion: z.literal(SNAPSHOT_VERSION),
  periodKind: z.enum(["MONTH", "QUARTER", "YEAR"]),
  periodKey: z.string(),
  scope: z.string(),
  computedAt: z.string(),
  figures: z.object({
    projectsApproved: Count,
    projectsActive: Count,
    projectsCompleted: Count,
    spacesTotal: Count,
    spacesNew: Count,
    demoSitesTotal: Count,
    demoSitesNew: Count,
    commissionersDispatched: Count,
    trainingsHeld: Count,
    peopleTrained: Count,
    needsPosted: Count,
    needsMatched: Count,
    programmeDisbursedFen: Count,
    cooperativeFundedFen: Count,
    enterpriseFundedFen: Count,
    otherFundedFen: Count,
    programmeCofundedFen: Count,
    cofundingSharesFunded: Count,
    householdsReached: Count.nullable(),
    // Issue 23, spaces part: absent from returns frozen before these figures existed.
    spaceServedReturningMigrant: Count.optional(),
    spaceServedGraduate: Count.optional(),
    spaceServedProfessionalFarmer: Count.optional(),
    spaceServedMaker: Count.optional(),
    spaceServedOther: Count.optional(),
    baseTrainees: Count.optional(),
    brandsTraded: Count.optional(),
    townsActive: Count.optional(),
  }),
  leverage: z.object({
    total: LeverageLineSchema,
    byProject: z.array(
      LeverageLineSchema.extend({
        applicationId: z.string(),
        title: z.string(),
        programmeId: z.string(),
        programmeTitle: z.string(),
        countyCode: z.string(),
      }),
    ),
  }),
});

export type ReturnSnapshot = z.infer<typeof SnapshotSchema>;
