import type { publicBansMessagesZh } from "./public-bans.messages";

/** English for public-bans.messages.ts: typed against the Chinese, so a missing or extra key fails the type check. */
export const publicBansMessagesEn: Record<keyof typeof publicBansMessagesZh, string> = {
  "bans.title": "Barred from science programmes",
  "bans.intro":
    "Under the Luoyang science poverty-alleviation plan, organisations and people who falsified work or misused funds may not take on science programmes at any level for three years. These are the city S&T bureau's decisions.",
  "bans.none": "No published decisions match.",
  "bans.query": "Organisation name or unified social credit code",
  "bans.search": "Search",
  "bans.status.ACTIVE": "In force",
  "bans.status.ENDED": "Ended",
  "bans.status.LIFTED": "Lifted early",
  "bans.subject.ORGANISATION": "Organisation",
  "bans.subject.PERSON": "Person",
  "bans.creditCode": "Unified social credit code",
  "bans.person": "Person",
  "bans.decidedOn": "Decided",
  "bans.endsOn": "Ends",
  "bans.liftedOn": "Lifted",
  "bans.reason": "Reason",
  "bans.programme": "Programme",
  "bans.previous": "Previous",
  "bans.next": "Next",
  "bans.apiHint": "The same data is available from the open API: GET /api/v1/bans.",
};
