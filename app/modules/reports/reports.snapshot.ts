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
    // financing (issue 23): absent from snapshots frozen before it.
    financingNeedsPosted: Count.nullable().optional(),
    financingMobilisedFen: Count.nullable().optional(),
    financingLoanFen: Count.nullable().optional(),
    financingGuaranteeFen: Count.nullable().optional(),
    financingEquityFen: Count.nullable().optional(),
    // Commissioners as the plan sees them (issue 23): absent from returns frozen before, read as null.
    commissionerVenturesActive: Count.nullable()
      .optional()
      .transform((value) => value ?? null),
    commissionersOnLeave: Count.nullable()
      .optional()
      .transform((value) => value ?? null),
    sanquCommissionersDispatched: Count.nullable()
      .optional()
      .transform((value) => value ?? null),
    // Villages and households (issue 23): absent from returns frozen before them, read as null.
    villagesPoor: Count.nullable().default(null),
    villagesLifted: Count.nullable().default(null),
    householdsLifted: Count.nullable().default(null),
    householdsRecorded: Count.nullable().default(null),
    // Issue 23, spaces part: absent from returns frozen before these figures existed.
    spaceServedReturningMigrant: Count.optional(),
    spaceServedGraduate: Count.optional(),
    spaceServedProfessionalFarmer: Count.optional(),
    spaceServedMaker: Count.optional(),
    spaceServedOther: Count.optional(),
    baseTrainees: Count.optional(),
    brandsTraded: Count.optional(),
    townsActive: Count.optional(),
    // Issue 23, pairings part: absent from returns frozen before these figures existed.
    pairingsActive: Count.optional(),
    pairingReportsFiled: Count.optional(),
    localTalentServing: Count.optional(),
    // Benefit linkage (issue 23): absent from snapshots frozen before it, read as null.
    moneyToHouseholdsFen: Count.nullable().optional().default(null),
    moneyDividendFen: Count.nullable().optional().default(null),
    moneyWageFen: Count.nullable().optional().default(null),
    moneyLandRentFen: Count.nullable().optional().default(null),
    moneyContractPurchaseFen: Count.nullable().optional().default(null),
    moneySharesFen: Count.nullable().optional().default(null),
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
