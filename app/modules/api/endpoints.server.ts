// Every /api/v1 endpoint, by area. Importing this file registers them all, in this order, which is
// the order of the OpenAPI document and the reference page.
export {
  listNeedsEndpoint,
  getNeedEndpoint,
  createNeedEndpoint,
  needMatchesEndpoint,
  applyToNeedEndpoint,
  listApplicationsEndpoint,
} from "./need-endpoints.server";
export {
  listOffersEndpoint,
  getOfferEndpoint,
  createOfferEndpoint,
  updateOfferEndpoint,
  publishOfferEndpoint,
  withdrawOfferEndpoint,
  searchEndpoint,
} from "./offer-endpoints.server";
export {
  listServicesEndpoint,
  getServiceEndpoint,
  createServiceEndpoint,
  updateServiceEndpoint,
  publishServiceEndpoint,
  withdrawServiceEndpoint,
} from "./service-endpoints.server";
export {
  listProgrammesEndpoint,
  getProgrammeEndpoint,
  applyToProgrammeEndpoint,
} from "./programme-endpoints.server";
export { listBansEndpoint } from "./ban-endpoints.server";
export { listPairingsEndpoint } from "./pairing-endpoints.server";
// Commissioners as the plan sees them (issue 23)
export { listVenturesEndpoint } from "./venture-endpoints.server";
export { listVillagesEndpoint } from "./village-endpoints.server";
export { listTownsEndpoint } from "./town-endpoints.server";
export { listBrandsEndpoint } from "./brand-endpoints.server";
export { dashboardEndpoint } from "./dashboard-endpoints.server";
export { benefitLinkagesEndpoint } from "./linkage-endpoints.server";
export {
  listConversationsEndpoint,
  listMessagesEndpoint,
  sendMessageEndpoint,
} from "./conversation-endpoints.server";
export {
  listAgreementsEndpoint,
  getAgreementEndpoint,
  fundMilestoneEndpoint,
  acceptMilestoneEndpoint,
  submitMilestoneEndpoint,
  rejectMilestoneEndpoint,
  disputeMilestoneEndpoint,
  listDisputesEndpoint,
  resolveDisputeEndpoint,
} from "./agreement-endpoints.server";
export { listWalletsEndpoint, statementEndpoint } from "./wallet-endpoints.server";
// financing (issue 23)
export { listFinancingNeedsEndpoint, createFinancingOfferEndpoint } from "./financing-endpoints.server";
