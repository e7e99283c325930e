import { z } from "zod";
import type { MessageKey } from "~/i18n/i18n";

/**
 * What an organisation may subscribe to, and the shape of each event's `data`. The schemas are
 * the contract with receivers: ids, titles, amounts in integer fen, status and when it happened.
 */
const Base = z.object({ occurredAt: z.iso.datetime() });

/**
 * A ban as the public list shows it (sanctions/public-bans.server.ts): the organisation with its
 * credit code, or the person by name only, never a phone or an ID number. Sent to every
 * organisation subscribed, banned or not, since the list itself is public.
 */
export const PublicBan = Base.extend({
  banId: z.string(),
  subjectKind: z.enum(["ORGANISATION", "PERSON"]),
  organisationName: z.string().nullable(),
  creditCode: z.string().nullable(),
  personName: z.string().nullable(),
  reason: z.string(),
  programmeTitle: z.string().nullable(),
  decidedAt: z.iso.datetime(),
  endsAt: z.iso.datetime(),
  liftedAt: z.iso.datetime().nullable(),
  status: z.enum(["ACTIVE", "ENDED", "LIFTED"]),
});

export const WEBHOOK_EVENT_SCHEMAS = {
  "need.published": Base.extend({ needId: z.string(), title: z.string(), status: z.literal("OPEN") }),
  "application.received": Base.extend({
    applicationId: z.string(),
    needId: z.string(),
    needTitle: z.string(),
    priceFen: z.number().int().nonnegative().nullable(),
    status: z.string(),
  }),
  "milestone.funded": Base.extend({
    milestoneId: z.string(),
    agreementId: z.string(),
    title: z.string(),
    amountFen: z.number().int().nonnegative(),
    status: z.literal("FUNDED"),
  }),
  "milestone.released": Base.extend({
    milestoneId: z.string(),
    agreementId: z.string(),
    title: z.string(),
    amountFen: z.number().int().nonnegative(),
    status: z.literal("RELEASED"),
  }),
  "programme.decided": Base.extend({
    applicationId: z.string(),
    programmeId: z.string(),
    title: z.string(),
    status: z.enum(["APPROVED", "REJECTED"]),
    approvedFen: z.number().int().nonnegative().nullable(),
  }),
  // financing (issue 23): sent to the institution whose offer the borrower accepted.
  "financing.offer.accepted": Base.extend({
    offerId: z.string(),
    needId: z.string(),
    product: z.enum(["LOAN", "GUARANTEE", "EQUITY", "MICROCREDIT", "INSURANCE"]),
    amountFen: z.number().int().positive(),
    status: z.literal("ACCEPTED"),
  }),
  "ban.published": PublicBan,
  "ban.lifted": PublicBan,
} as const;

export type WebhookEvent = keyof typeof WEBHOOK_EVENT_SCHEMAS;
export type WebhookPayload<E extends WebhookEvent> = z.input<(typeof WEBHOOK_EVENT_SCHEMAS)[E]>;

export const WEBHOOK_EVENTS = Object.keys(WEBHOOK_EVENT_SCHEMAS) as WebhookEvent[];

export function isWebhookEvent(value: string): value is WebhookEvent {
  return Object.hasOwn(WEBHOOK_EVENT_SCHEMAS, value);
}

/** The i18n key naming an event in the UI. */
export function eventLabel(event: string): MessageKey {
  return isWebhookEvent(event) ? `webhooks.event.${event}` : "webhooks.event.unknown";
}
