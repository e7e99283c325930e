import type { apiOperationMessagesZh } from "./api.operations.messages";

/** English for api.operations.messages.ts: typed against the Chinese, so a missing or extra key fails the type check. */
export const apiOperationMessagesEn: Record<keyof typeof apiOperationMessagesZh, string> = {
  "api.tag.needs": "Needs",
  "api.tag.applications": "Applications",
  "api.tag.offers": "Offers",
  "api.tag.services": "Star Innovation Space services",
  "api.tag.search": "Search",
  "api.tag.programmes": "Support programmes",
  "api.tag.pairings": "Pairings",
  "api.tag.bans": "Ban list",
  "api.tag.commissioners": "Commissioners",
  "api.op.getVentures": "Projects commissioners lead, founded or co-run",
  "api.op.getVentures.detail":
    "Projects commissioners (and their teams) lead, founded or co-run, once verified by the county science bureau or the city bureau: who, how, the partner organisation, county, dates, stake and the reported outcomes in total. No token needed, rate-limited by address. Filter by countyCode and role (LEAD/FOUNDED/JOINT).",
  "api.tag.villages": "Villages",
  "api.tag.dashboard": "Dashboard",
  "api.tag.messages": "Messages",
  "api.tag.agreements": "Agreements",
  "api.tag.milestones": "Milestones and disputes",
  "api.tag.wallets": "Wallets and statements",
  "api.tag.webhooks": "Webhook events (requests XiangKe sends you)",

  "api.op.getNeeds": "Published needs",
  "api.op.getNeeds.detail":
    "The filters and sorts of the /needs page (status defaults to OPEN; sort newest, deadline soonest or budget highest, empty values last, ties by id).",
  "api.op.getNeedsId": "One need",
  "api.op.postNeeds": "Post a need",
  "api.op.postNeeds.detail":
    'Create a need as a draft, or publish it at once with intent "publish" (photos are added on the web page).',
  "api.op.getNeedsIdMatches": "A need's recommendations",
  "api.op.getNeedsIdMatches.detail": "Recommended offers and experts for a need its poster manages.",
  "api.op.postNeedsIdApplications": "Apply to a need",
  "api.op.postNeedsIdApplications.detail": "Apply to an open need as an expert (price in yuan, as typed).",
  "api.op.getApplications": "My applications",
  "api.op.getApplications.detail": "My applications as an expert, latest change first.",

  "api.op.getOffers": "Published offers",
  "api.op.getOffers.detail":
    "The filters of the /offers page; sort newest, price_asc (by lowest price) or price_desc (by highest price), unpriced last, ties by id.",
  "api.op.getOffersId": "One offer",
  "api.op.getOffersId.detail":
    "A published offer is visible to everyone; a draft or withdrawn one only to its provider.",
  "api.op.postOffers": "Post an offer",
  "api.op.postOffers.detail":
    'The fields and rules of the "new offer" form: prices in yuan as typed, empty for negotiable. Without organisationId the expert offers in their own name; with it, in the name of an institution they belong to. Intent "publish" publishes at once, otherwise it is saved as a draft.',
  "api.op.putOffersId": "Edit an offer",
  "api.op.putOffersId.detail":
    'Replaces the content with the form\'s fields; the status stays, unless intent "publish" puts a draft or withdrawn offer live. The provider never changes: organisationId is ignored.',
  "api.op.postOffersIdPublish": "Publish (or re-publish) an offer",
  "api.op.postOffersIdPublish.detail": "A draft or withdrawn offer goes live; its provider must be verified.",
  "api.op.postOffersIdWithdraw": "Withdraw an offer",
  "api.op.postOffersIdWithdraw.detail": "A published offer is taken out of sight; it can be published again.",

  "api.op.postServices": "Add a Star Innovation Space service",
  "api.op.postServices.detail":
    'The fields and rules of the "new service" form: prices in yuan as typed, not read when free is true. organisationId is needed only by someone who runs more than one space. Intent "publish" publishes at once (the space must be verified).',
  "api.op.getServices": "Published Star Innovation Space services",
  "api.op.getServices.detail":
    "Newest first; filter by category, county served, industry (a service with no industries suits any), space (the space's organisation id), free=1, verified=1 and a keyword q.",
  "api.op.getServicesId": "One Star Innovation Space service",
  "api.op.getServicesId.detail":
    "A published service is visible to everyone; a draft or withdrawn one only to its space's accounts.",
  "api.op.putServicesId": "Edit a Star Innovation Space service",
  "api.op.putServicesId.detail":
    'Replaces the content with the form\'s fields; the status stays, unless intent "publish" puts a draft or withdrawn service live. The space never changes.',
  "api.op.postServicesIdPublish": "Publish (or re-publish) a service",
  "api.op.postServicesIdPublish.detail":
    "A draft or withdrawn service goes live; the space must be verified.",
  "api.op.postServicesIdWithdraw": "Withdraw a service",
  "api.op.postServicesIdWithdraw.detail":
    "A published service is taken out of sight; it can be published again.",

  "api.op.getSearch": "Full-text search",
  "api.op.getSearch.detail":
    "Search with facets, as the /search page (type = needs, offers, experts or services; 20 a page). The search engine ranks by page: nextCursor carries the next page's number, so keep the other parameters the same when following it.",
  "api.op.getProgrammes": "Published support programmes",
  "api.op.getProgrammes.detail": "Open ones first.",
  "api.op.getPairings": "University and institute pairings (public)",
  "api.op.getPairings.detail":
    "Agreed pairings (active or ended); no token needed, rate-limited by address: the institution, the county or village, the yearly commitments and what the reports add up to (FUNDING_FEN in fen). countyCode filters by county; status is ACTIVE or ENDED.",
  "api.op.getVillages": "Villages and their status by year (public)",
  "api.op.getVillages.detail":
    "Each village's county, township, name and status by year (POOR poverty village, LIFTED lifted that year, NOT_POOR not a poverty village); no token needed, rate-limited by address. county filters by county code, township by township name. Nothing of any household.",
  "api.op.getBans": "Barred from science programmes (public)",
  "api.op.getBans.detail":
    "The public list shown on /bans; no token needed, rate-limited by address. By default, bans in force and those that ended or were lifted within the last year (marked by status); activeAt=YYYY-MM-DD returns only those in force that day. name finds organisations by name, creditCode by the 18-character unified social credit code. A person is given by name only, never a phone or ID number.",
  "api.op.getProgrammesId": "One published programme",
  "api.op.postProgrammesIdApplications": "Apply to a programme",
  "api.op.postProgrammesIdApplications.detail":
    "Apply for one of my organisations (amount in yuan, as typed). A serving S&T commissioner may set organisationId to self (in their own name) or team:<team id> (the lead, for the team), where the programme takes that kind of applicant.",
  "api.op.getDashboard": "Dashboard",
  "api.op.getBenefitLinkages": "Benefit linkage totals",
  "api.op.getBenefitLinkages.detail":
    "Benefit-linkage payments by organisation, mechanism (dividend, wages, land rent, contract purchasing, shares) and month paid: households, payments and amount, without any personal data of households. County officers get their own county only.",
  "api.op.getDashboard.detail": "The bureau's figures by year, county and industry (bureau and admin only).",
  "api.op.getConversations": "My conversations",
  "api.op.getConversations.detail": "Most recent first (ties by id), with unread counts.",
  "api.op.getConversationsIdMessages": "A conversation's messages",
  "api.op.getConversationsIdMessages.detail":
    "Oldest first after sequence number after (or after the cursor of the previous page); participants only.",
  "api.op.postConversationsIdMessages": "Send a text message",
  "api.op.postConversationsIdMessages.detail":
    "A resend with the same clientId returns the stored message (created: false) and is not delivered twice.",
  "api.op.getAgreements": "My agreements",
  "api.op.getAgreements.detail":
    "Agreements where I am on a side, latest change first, with terms summary and milestones.",
  "api.op.getAgreementsId": "One agreement",
  "api.op.getAgreementsId.detail": "With its terms summary and milestones.",
  "api.op.postMilestonesIdFund": "Fund a milestone",
  "api.op.postMilestonesIdFund.detail": "The paying side funds the milestone's escrow from its wallet.",
  "api.op.postMilestonesIdSubmit": "Submit a milestone",
  "api.op.postMilestonesIdSubmit.detail":
    "The expert delivers with a note (photos are added on the web page).",
  "api.op.postMilestonesIdAccept": "Accept a milestone",
  "api.op.postMilestonesIdAccept.detail":
    "The paying side accepts the delivery: the escrow goes to the expert's wallet.",
  "api.op.postMilestonesIdReject": "Reject a milestone",
  "api.op.postMilestonesIdReject.detail": "The paying side sends the delivery back with a reason.",
  "api.op.postMilestonesIdDispute": "Dispute a milestone",
  "api.op.postMilestonesIdDispute.detail": "Either side stops the milestone for the bureau to rule on.",
  "api.op.postMilestonesIdResolve": "Rule on a dispute",
  "api.op.postMilestonesIdResolve.detail":
    "Bureau staff rule on a dispute: payeeFen (integer fen) of the escrow to the expert, the rest back to the payer.",
  "api.op.getDisputes": "Disputes to rule on",
  "api.op.getDisputes.detail":
    "Disputed milestones waiting for a ruling, oldest first (bureau and admin only).",
  "api.op.getWallets": "My wallets",
  "api.op.getWallets.detail": "My wallet and those of the organisations I manage, with balances.",
  "api.op.getWalletsAccountIdStatement": "An account's statement",
  "api.op.getWalletsAccountIdStatement.detail":
    "Newest first, with the filters of the /wallet page (from, to as YYYY-MM-DD; reason).",

  "api.doc.info":
    "The XiangKe open API. Money is integer fen; dates are ISO 8601; errors are RFC 9457 problem+json, explained in Chinese or English by Accept-Language. A method a path does not list answers 405 (problem+json, code api.method_not_allowed) with an Allow header naming the methods it does. Chinese is this document's language; the English of each text is in the x-summary-en / x-description-en field beside it.",
  "api.doc.public": "Public.",
  "api.doc.scope": "Token scope: {scope}.",
  "api.doc.permission": "Role permission: {permission}.",
  "api.doc.key_required": "An Idempotency-Key header is required.",
  "api.doc.key_optional":
    "An Idempotency-Key header makes a retry return the first result; the same key with another request is refused (409).",
  "api.doc.key_header": "Retry safely: the same key returns the first result",
  "api.doc.bad_request": "Invalid parameters or body; errors points at each field",
  "api.doc.not_found": "Not found",
  "api.doc.rate_limited": "Rate limit exceeded",
  "api.doc.unauthorized": "Missing, unknown, revoked or expired token",
  "api.doc.forbidden": "The token lacks the scope, or the person's role does not allow it",
  "api.doc.conflict": "Conflict with the current state, or an Idempotency-Key reused with other parameters",
  "api.doc.bearer": "A personal token (xk_…) created at /account/tokens; its scopes limit what it may do",
  "api.doc.cookie": "The web session; all scopes, the person's roles still decide",
  "api.doc.webhook":
    "XiangKe POSTs this request to the webhook addresses of the organisations subscribed to the event. The body is JSON: id (the delivery's id, the same on every retry), event, occurredAt and data. Check XiangKe-Signature against the raw body before parsing it; answer 2xx once received — any other status or a timeout is retried with backoff (30 s to 24 h, 8 attempts).",
  "api.doc.webhook_event": "The event's name, as in the body's event",
  "api.doc.webhook_delivery": "The delivery's id, as in the body's id; a replayed delivery has a new one",
  "api.doc.webhook_signature":
    't=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>. The secret is shown once when the webhook is registered. Compare in constant time and refuse a t more than 5 minutes from now.',
  "api.doc.webhook_received": "Received; any other status is retried",
  "api.docs.webhooks": "Webhook events",
  "api.docs.webhooks_intro":
    "Once an organisation subscribes at /orgs/…/webhooks, XiangKe POSTs these events to its address, signed in the XiangKe-Signature header.",
  "api.docs.headers": "Headers",
  "api.docs.payload": "Body",
  "api.docs.language":
    "This page follows the site's language; the OpenAPI document is in Chinese, with the English in x-summary-en / x-description-en fields.",
  "api.tag.brands": "Brand incubation",
  "api.op.getBrands": "Brand projects with their stages, partner agencies and trades (public)",
  "api.op.getBrands.detail":
    "The public information of the /brands pages; no token needed, rate-limited by address. Each project has its current stage (RESEARCH, DESIGN, TRADEMARK_FILING, LAUNCH, UPGRADING, TRADING) and when each stage was reached, the owner and incubator, the partner agencies engaged (CREATIVE, TRADEMARK, IP, with their status) and the trades (LICENCE or TRANSFER, price in fen). county filters by county code, stage by stage.",
  "api.tag.towns": "Characteristic towns",
  "api.op.getTowns": "Characteristic towns and their projects (public)",
  "api.op.getTowns.detail":
    "The public information of the /towns page; no token needed, rate-limited by address. Each town has its plan in four sections (ecology, function, industry, environment), its status (PLANNING, BUILDING, ACTIVE, SUSPENDED) and its linked projects (DEMO_SITE, BRAND_PROJECT, PROGRAMME_APPLICATION, with their ids). county filters by county code, status by status.",
};
