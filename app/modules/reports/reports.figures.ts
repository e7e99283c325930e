/**
 * The figures of a return: what the plan asks the city and its counties to report, for one
 * period [start, end) and one scope (the city, or one county). Each figure is one SQL definition:
 * in words beside each field here, as a query in reports-figures.server.ts, checked against an
 * independent count in tests/integration/reports-figures.test.ts. Money is integer fen.
 */
export interface ReportFigures {
  /** Programme applications approved in the period (decided, and now APPROVED, DISBURSED or EVALUATED). */
  projectsApproved: number;
  /** Approved before the period ended and not declared complete (结题) by then. */
  projectsActive: number;
  /** Declared complete (completedAt) in the period. */
  projectsCompleted: number;
  /** Star Innovation Spaces recognised (认定) before the period ended, and those recognised in it. */
  spacesTotal: number;
  spacesNew: number;
  /** Demonstration sites designated (and not revoked) before the period ended, and in it. */
  demoSitesTotal: number;
  demoSitesNew: number;
  /** Distinct commissioners with an assignment to the scope's county running during the period. */
  commissionersDispatched: number;
  /** Trainings marked HELD that started in the period, and their signed-up people marked attended. */
  trainingsHeld: number;
  peopleTrained: number;
  /** Needs published in the period. */
  needsPosted: number;
  /** Needs whose first signed agreement version was signed in the period. */
  needsMatched: number;
  /** Programme money paid to projects in the period (DISBURSEMENT less CLAWBACK transfers). */
  programmeDisbursedFen: number;
  /** Money funded into escrow in the period (MILESTONE_FUND transfers), by who paid it. */
  cooperativeFundedFen: number;
  enterpriseFundedFen: number;
  otherFundedFen: number;
  /** A programme's share of a co-funded milestone, paid from the programme account into escrow. */
  programmeCofundedFen: number;
  /** Co-funding shares (MilestoneFunder rows) paid in the period, by any payer. */
  cofundingSharesFunded: number;
  // ── benefit linkage (issue 23) ──
  /**
   * Households reached: distinct households (by Household.countyCode) with a HouseholdLink of any
   * kind open at any time in the period (created before its end, not ended by its start), or a
   * BenefitPayment paid in it. Null in returns frozen before households were recorded.
   */
  householdsReached: number | null;
  // ── financing (issue 23): optional, since returns frozen before it lack them (shown as "not yet").
  /** Financing needs created in the period, in the need's county. */
  financingNeedsPosted?: number | null;
  /** Confirmed financing outcomes whose deal date is in the period, in all and by kind. */
  financingMobilisedFen?: number | null;
  financingLoanFen?: number | null;
  financingGuaranteeFen?: number | null;
  financingEquityFen?: number | null;
  // ── Commissioners as the plan sees them (issue 23) ──
  // Null only when read from a return frozen before these figures existed.
  /** Verified ventures (领办/创办/联办) of the scope's county, verified before the period ended, running during it. */
  commissionerVenturesActive: number | null;
  /** Distinct commissioners with a verified 停薪留职 period overlapping the period (county: with an assignment there during it). */
  commissionersOnLeave: number | null;
  /** Distinct commissioners of a 三区人才专项 cohort with an assignment to the scope's county running during the period. */
  sanquCommissionersDispatched: number | null;
  // ── Villages and households (issue 23). Null in returns frozen before these figures existed.
  /** Villages whose status row for the period's year (the year its first day falls in) is POOR. */
  villagesPoor: number | null;
  /** Villages whose status row for the period's year is LIFTED (出列 that year). */
  villagesLifted: number | null;
  /** Household status changes to LIFTED (from POOR or RELAPSED, not first recordings) made in the period. */
  householdsLifted: number | null;
  /** Households recorded (created) in the period. */
  householdsRecorded: number | null;
  // ── Spaces' audiences, training bases, brands and towns (issue 23, spaces part) ──
  // Optional: returns frozen before these figures existed lack them (shown as "not yet").
  /**
   * People a space served in the period, by the group they gave: distinct requesters of service
   * requests made (createdAt) in the period, in the request's county. Requests made before the
   * group was asked (audienceGroup null) are in none of them.
   */
  spaceServedReturningMigrant?: number;
  spaceServedGraduate?: number;
  spaceServedProfessionalFarmer?: number;
  spaceServedMaker?: number;
  spaceServedOther?: number;
  /** Enrolments (not withdrawn) on training-base courses starting in the period, at bases in the county. */
  baseTrainees?: number;
  /** Distinct brand projects of the county with a trade (licence or transfer) dated in the period. */
  brandsTraded?: number;
  /** Characteristic towns of the county created before the period ended whose status is ACTIVE (已建成) now. */
  townsActive?: number;
  // ── University–village pairings and local talent (issue 23, pairings part) ──
  // Optional: returns frozen before these figures existed lack them (shown as "not yet").
  /**
   * Pairings (结对帮扶) of the scope's county agreed before the period ended and running during it:
   * starting before its end, not ending (endsOn) before its first day, not ended (endedAt) before it began.
   */
  pairingsActive?: number;
  /** Half-yearly pairing work reports submitted in the period, by the pairing's county. */
  pairingReportsFiled?: number;
  /** Local talent of the county serving now (SERVING) whose service began before the period ended. */
  localTalentServing?: number;
  /** Benefit-linkage payments (BenefitPayment.paidOn) in the period to the scope's households, in total… */
  moneyToHouseholdsFen: number | null;
  /** …and by the linkage's mechanism: 分红, 务工工资, 土地流转租金, 订单收购, 入股. Null in older returns. */
  moneyDividendFen: number | null;
  moneyWageFen: number | null;
  moneyLandRentFen: number | null;
  moneyContractPurchaseFen: number | null;
  moneySharesFen: number | null;
}

export const FIGURE_KEYS = [
  "projectsApproved",
  "projectsActive",
  "projectsCompleted",
  "spacesTotal",
  "spacesNew",
  "demoSitesTotal",
  "demoSitesNew",
  "commissionersDispatched",
  "trainingsHeld",
  "peopleTrained",
  "needsPosted",
  "needsMatched",
  "programmeDisbursedFen",
  "cooperativeFundedFen",
  "enterpriseFundedFen",
  "otherFundedFen",
  "programmeCofundedFen",
  "cofundingSharesFunded",
  "householdsReached",
  // financing (issue 23)
  "financingNeedsPosted",
  "financingMobilisedFen",
  "financingLoanFen",
  "financingGuaranteeFen",
  "financingEquityFen",
  // Commissioners as the plan sees them (issue 23)
  "commissionerVenturesActive",
  "commissionersOnLeave",
  "sanquCommissionersDispatched",
  // Villages and households (issue 23).
  "villagesPoor",
  "villagesLifted",
  "householdsLifted",
  "householdsRecorded",
  // Issue 23, spaces part.
  "spaceServedReturningMigrant",
  "spaceServedGraduate",
  "spaceServedProfessionalFarmer",
  "spaceServedMaker",
  "spaceServedOther",
  "baseTrainees",
  "brandsTraded",
  "townsActive",
  // Issue 23, pairings part.
  "pairingsActive",
  "pairingReportsFiled",
  "localTalentServing",
  "moneyToHouseholdsFen",
  "moneyDividendFen",
  "moneyWageFen",
  "moneyLandRentFen",
  "moneyContractPurchaseFen",
  "moneySharesFen",
] as const satisfies readonly (keyof ReportFigures)[];
