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
  "moneyToHouseholdsFen",
  "moneyDividendFen",
  "moneyWageFen",
  "moneyLandRentFen",
  "moneyContractPurchaseFen",
  "moneySharesFen",
] as const satisfies readonly (keyof ReportFigures)[];
