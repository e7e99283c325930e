import type { NoticeCategory } from "~/modules/outbound/sms-templates";
import type { NotificationType } from "./notification-types";

/** The channels a notification may take besides the in-app list, which every notification gets. */
export const OUTSIDE_CHANNELS = ["SMS", "EMAIL"] as const;
export type OutsideChannel = (typeof OUTSIDE_CHANNELS)[number];

/**
 * What people choose channels for, and what they get before they choose: text messages for
 * money, decisions and what waits on them; e-mail for everything. A channel applies only when
 * the person has the phone number or e-mail address it needs.
 */
export const CATEGORY_DEFAULTS = {
  money: ["SMS", "EMAIL"],
  decisions: ["SMS", "EMAIL"],
  applications: ["SMS", "EMAIL"],
  agreements: ["SMS", "EMAIL"],
  alerts: ["SMS", "EMAIL"],
  work: ["SMS", "EMAIL"],
  updates: ["EMAIL"],
} as const satisfies Record<string, readonly OutsideChannel[]>;

export type NotificationCategory = keyof typeof CATEGORY_DEFAULTS;
// Every category has its SMS template setting, and no setting names a category that does not exist.
type SameKeys<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const templatesMatchCategories: SameKeys<NotificationCategory, NoticeCategory> = true;
void templatesMatchCategories;
export const NOTIFICATION_CATEGORIES = Object.keys(CATEGORY_DEFAULTS) as NotificationCategory[];

/** Every notification type's category: the one table the senders and the settings page read. */
export const NOTIFICATION_CATEGORY = {
  "application.received": "applications",
  "application.shortlisted": "decisions",
  "application.accepted": "decisions",
  "application.declined": "decisions",
  "application.withdrawn": "applications",
  "invitation.received": "applications",
  "invitation.declined": "applications",
  "revision.proposed": "agreements",
  "revision.accepted": "agreements",
  "revision.declined": "agreements",
  "need.hidden": "decisions",
  "offer.hidden": "decisions",
  "service.hidden": "decisions",
  "service_request.submitted": "applications",
  "service_request.accepted": "decisions",
  "service_request.declined": "decisions",
  "service_request.completed": "updates",
  "service_request.cancelled": "applications",
  "service_request.rated": "updates",
  "verification.approved": "decisions",
  "verification.rejected": "decisions",
  "search.match": "alerts",
  "agreement.proposed": "agreements",
  "agreement.signed": "agreements",
  "agreement.active": "agreements",
  "agreement.declined": "agreements",
  "agreement.terminated": "agreements",
  "milestone.funded": "money",
  "milestone.submitted": "agreements",
  "milestone.released": "money",
  "milestone.auto_released": "money",
  "milestone.rejected": "agreements",
  "milestone.disputed": "agreements",
  "milestone.resolved": "agreements",
  "milestone.refunded": "money",
  "milestone.cofunding_requested": "money",
  "revenue.reported": "money",
  "revenue.settled": "money",
  "revenue.overdue": "money",
  "wallet.deposit": "money",
  "wallet.withdrawal_paid": "money",
  "wallet.withdrawal_rejected": "money",
  "sanction.suspended": "decisions",
  "sanction.suspension_lifted": "decisions",
  "sanction.clawback": "money",
  "sanction.collected": "money",
  "sanction.banned": "decisions",
  "sanction.ban_lifted": "decisions",
  "programme.approved": "decisions",
  "programme.rejected": "decisions",
  "programme.disbursed": "money",
  "programme.evaluated": "decisions",
  "brand.started": "updates",
  "brand.updated": "updates",
  "brand.advanced": "updates",
  "brand.launched": "updates",
  "brand.abandoned": "updates",
  "brand.agency_invited": "work",
  "brand.agency_delivered": "updates",
  "commissioner.dispatched": "work",
  "training.signed_up": "updates",
  "training.signup_cancelled": "updates",
  "training.cancelled": "work",
  "triage.assigned": "work",
  "review.received": "updates",
  "review.published": "updates",
  "report.due_soon": "work",
  "report.overdue": "work",
  "officer.prescreen_waiting": "work",
  "officer.change_waiting": "work",
  "officer.payment_to_sign": "money",
  "officer.evaluation_to_sign": "work",
  "officer.flag_raised": "alerts",
  "change.approved": "decisions",
  "change.refused": "decisions",
  // financing (issue 23)
  "financing.offer_received": "decisions",
  "financing.offer_accepted": "decisions",
  "course.changed": "work",
  "course.cancelled": "work",
  "team.invited": "applications",
  "team.invitation_accepted": "updates",
  "team.invitation_declined": "updates",
  "venture.verified": "decisions",
  "venture.refused": "decisions",
  "leave.verified": "decisions",
  "leave.refused": "decisions",
  "leave.changed": "decisions",
  "officer.leave_changed": "work",
} as const satisfies Record<NotificationType, NotificationCategory>;

export type ChannelChoices = Record<NotificationCategory, OutsideChannel[]>;

/** The channels a person has before choosing, given what they can be reached at. */
export function defaultChannels(contact: { phone: string | null; email: string | null }): ChannelChoices {
  return Object.fromEntries(
    NOTIFICATION_CATEGORIES.map((category) => [
      category,
      CATEGORY_DEFAULTS[category].filter((channel) =>
        channel === "SMS" ? Boolean(contact.phone) : Boolean(contact.email),
      ),
    ]),
  ) as ChannelChoices;
}

/** Default quiet hours for text messages: 21:30 to 07:30, Luoyang time. */
export const DEFAULT_QUIET_HOURS = { start: 21 * 60 + 30, end: 7 * 60 + 30 };
