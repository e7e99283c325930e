import type { notificationsMessagesZh } from "./notifications.messages";

/** English for notifications.messages.ts: typed against the Chinese, so a missing or extra key fails the type check. */
export const notificationsMessagesEn: Record<keyof typeof notificationsMessagesZh, string> = {
  "notifications.title": "Notifications",
  "notifications.empty":
    "No notifications yet. You will see here when someone applies to your need, answers your application or reviews your verification.",
  "notifications.markAllRead": "Mark all as read",
  "notifications.allMarkedRead": "All notifications marked as read",
  "notifications.unread": "Unread",
  "notifications.new": "New",
  "notifications.unreadCount": "{count} unread",
  "notifications.badgeLabel": "Notifications, {count} unread",
  "notifications.liveLabel": "New notification",
  "notifications.view": "View",
  "notifications.older": "Older notifications",
  "notifications.newest": "Back to the newest",
  "notification.unknown": "You have a new notification",
  "notification.application.received": "{expert} applied to your need \u201c{need}\u201d",
  "notification.application.shortlisted": "Your application to \u201c{need}\u201d has been shortlisted",
  "notification.application.accepted": "Your application to \u201c{need}\u201d has been accepted",
  "notification.application.declined": "Your application to \u201c{need}\u201d was not selected",
  "notification.application.withdrawn": "{expert} withdrew their application to \u201c{need}\u201d",
  "notification.need.hidden": "Your need \u201c{need}\u201d has been hidden by the administrators: {reason}",
  "notification.offer.hidden":
    "Your technology or service \u201c{offer}\u201d has been hidden by the administrators: {reason}",
  "notification.verification.approved": "{subject} has been verified",
  "notification.verification.rejected": "{subject} was not verified: {reason}",
  "notification.search.match": '{count} new results for your saved search "{label}"',
  "notification.agreement.proposed": '{by} sent the agreement "{agreement}" for your signature',
  "notification.agreement.signed": '{by} signed the agreement "{agreement}"',
  "notification.agreement.active": 'The agreement "{agreement}" is signed by both sides and in force',
  "notification.agreement.declined": '{by} sent the agreement "{agreement}" back; edit it and send it again',
  "notification.agreement.terminated": 'The agreement "{agreement}" was terminated: {reason}',
  "notification.milestone.funded":
    'Money for milestone "{milestone}" of "{agreement}" is in escrow: work can start',
  "notification.milestone.submitted":
    'Milestone "{milestone}" of "{agreement}" was delivered: please review it',
  "notification.milestone.released": 'Milestone "{milestone}" of "{agreement}" was accepted and paid',
  "notification.milestone.auto_released":
    'The review window of milestone "{milestone}" of "{agreement}" passed: it was paid automatically',
  "notification.milestone.rejected": 'Milestone "{milestone}" of "{agreement}" was not accepted: {reason}',
  "notification.milestone.disputed":
    'Milestone "{milestone}" of "{agreement}" is disputed and awaits the bureau\'s ruling',
  "notification.milestone.resolved": 'The dispute over milestone "{milestone}" of "{agreement}" was ruled on',
  "notification.milestone.refunded": 'The escrow of milestone "{milestone}" of "{agreement}" was refunded',
  "notification.revenue.reported": 'Revenue for {period} was reported under "{agreement}"',
  "notification.revenue.settled": 'The share for {period} under "{agreement}" was settled',
  "notification.revenue.overdue": 'The revenue report for {period} under "{agreement}" is overdue',
  "notification.wallet.deposit": "{amount} arrived in your wallet (bank transfer)",
  "notification.wallet.withdrawal_paid": "Your withdrawal of {amount} was paid",
  "notification.wallet.withdrawal_rejected":
    "Your withdrawal of {amount} was refused: {reason}. The money is back in your wallet",
};
