import type { MessageKey } from "~/i18n/i18n";

/**
 * The notifications people can receive, with the params each one's text needs. Each type's text
 * is the message key `notification.<type>`. Shared by the server and the browser (the live toast).
 */
export const NOTIFICATION_PARAMS = {
  "application.received": ["expert", "need"],
  "application.shortlisted": ["need"],
  "application.accepted": ["need"],
  "application.declined": ["need"],
  "application.withdrawn": ["expert", "need"],
  "invitation.received": ["by", "need"],
  "invitation.declined": ["expert", "need", "reason"],
  "revision.proposed": ["by", "need"],
  "revision.accepted": ["by", "need"],
  "revision.declined": ["by", "need"],
  "need.hidden": ["need", "reason"],
  "offer.hidden": ["offer", "reason"],
  "service.hidden": ["service", "reason"],
  "service_request.submitted": ["service", "requester"],
  "service_request.accepted": ["service", "space"],
  "service_request.declined": ["service", "space", "reason"],
  "service_request.completed": ["service", "space"],
  "service_request.cancelled": ["service", "requester"],
  "service_request.rated": ["service", "rating"],
  "verification.approved": ["subject"],
  "verification.rejected": ["subject", "reason"],
  "search.match": ["label", "count"],
  "agreement.proposed": ["agreement", "by"],
  "agreement.signed": ["agreement", "by"],
  "agreement.active": ["agreement"],
  "agreement.declined": ["agreement", "by"],
  "agreement.terminated": ["agreement", "reason"],
  "milestone.funded": ["milestone", "agreement"],
  "milestone.submitted": ["milestone", "agreement"],
  "milestone.released": ["milestone", "agreement"],
  "milestone.auto_released": ["milestone", "agreement"],
  "milestone.rejected": ["milestone", "agreement", "reason"],
  "milestone.disputed": ["milestone", "agreement"],
  "milestone.resolved": ["milestone", "agreement"],
  "milestone.refunded": ["milestone", "agreement"],
  "milestone.cofunding_requested": ["milestone", "agreement", "amount"],
  "revenue.reported": ["agreement", "period"],
  "revenue.settled": ["agreement", "period"],
  "revenue.overdue": ["agreement", "period"],
  "wallet.deposit": ["amount"],
  "wallet.withdrawal_paid": ["amount"],
  "wallet.withdrawal_rejected": ["amount", "reason"],
  "sanction.suspended": ["programme", "reason"],
  "sanction.suspension_lifted": ["programme"],
  "sanction.clawback": ["programme", "demanded", "collected", "owed", "reason"],
  "sanction.collected": ["programme", "collected", "owed"],
  "sanction.banned": ["reason", "until"],
  "sanction.ban_lifted": ["reason"],
  "programme.approved": ["title", "amount"],
  "programme.rejected": ["title", "reason"],
  "programme.disbursed": ["title", "amount"],
  "programme.evaluated": ["title", "score"],
  "brand.started": ["brand"],
  "brand.updated": ["brand", "by"],
  "brand.advanced": ["brand", "by"],
  "brand.launched": ["brand"],
  "brand.abandoned": ["brand", "reason"],
  "brand.agency_invited": ["brand"],
  "brand.agency_delivered": ["brand", "agency"],
  "commissioner.dispatched": ["cohort"],
  "training.signed_up": ["user", "training"],
  "training.signup_cancelled": ["user", "training"],
  "training.cancelled": ["training", "reason"],
  "triage.assigned": ["need"],
  "review.received": ["agreement"],
  "review.published": ["agreement"],
  "report.due_soon": ["period", "due"],
  "report.overdue": ["period", "due"],
  "officer.prescreen_waiting": ["title"],
  "officer.change_waiting": ["title"],
  "officer.payment_to_sign": ["title", "amount"],
  "officer.evaluation_to_sign": ["title", "score"],
  "officer.flag_raised": ["title"],
  "change.approved": ["title"],
  "change.refused": ["title", "reason"],
  // financing (issue 23)
  "financing.offer_received": ["institution", "amount"],
  "financing.offer_accepted": ["use", "amount"],
  // training bases, commissioner teams, ventures, leaves and pairings (issue 23)
  "course.changed": ["course", "start", "end"],
  "course.cancelled": ["course", "reason"],
  "team.invited": ["team", "by"],
  "team.invitation_accepted": ["team", "member"],
  "team.invitation_declined": ["team", "member"],
  "venture.verified": ["venture"],
  "venture.refused": ["venture", "reason"],
  "leave.verified": ["employer"],
  "leave.refused": ["employer", "reason"],
  "leave.changed": ["employer", "end"],
  "officer.leave_changed": ["name", "employer", "end"],
} as const satisfies Record<string, readonly string[]>;

export type NotificationType = keyof typeof NOTIFICATION_PARAMS;

export const NOTIFICATION_TYPES = Object.keys(NOTIFICATION_PARAMS) as NotificationType[];

/** What a row whose type or params do not check out is shown as, so it can still be opened. */
export const UNKNOWN_NOTIFICATION = "unknown";

export function isNotificationType(type: string): type is NotificationType {
  return Object.hasOwn(NOTIFICATION_PARAMS, type);
}

export function notificationMessageKey(type: string): MessageKey {
  return `notification.${isNotificationType(type) ? type : UNKNOWN_NOTIFICATION}`;
}
