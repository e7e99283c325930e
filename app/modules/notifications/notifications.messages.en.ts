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
  "notifications.email.subject": "XiangKe: {text}",
  "notifications.email.greeting": "Hello {name},",
  "notifications.email.open": "Open: {link}",
  "notifications.email.settings": "Rather not get these by e-mail? Change how you are notified: {link}",
  "notifications.email.settingsInApp":
    "Rather not get these by e-mail? Change it in XiangKe under My account → Notifications.",
  "notifications.prefs.title": "Notifications",
  "notifications.prefs.intro":
    "Every notification stays in the app. Choose which ones also come by text message or e-mail.",
  "notifications.prefs.category": "Kind of news",
  "notifications.prefs.sms": "Text",
  "notifications.prefs.email": "E-mail",
  "notifications.prefs.noPhone": "Your account has no phone number, so no text messages.",
  "notifications.prefs.noEmail": "Your account has no e-mail address, so no e-mails.",
  "notifications.prefs.category.money": "Money: escrow funding, releases, withdrawals, claw-backs",
  "notifications.prefs.category.decisions":
    "Decisions: application outcomes, verification, programme approvals",
  "notifications.prefs.category.applications":
    "Applications and invitations: applications received, invitations, service requests",
  "notifications.prefs.category.agreements":
    "Agreements: proposals, signatures, counter-offers, milestone reviews",
  "notifications.prefs.category.alerts": "Alerts: new results for your saved searches",
  "notifications.prefs.category.work": "Assignments: needs assigned to you, commissioner postings",
  "notifications.prefs.category.updates": "Other news: reviews, brands, training sign-ups",
  "notifications.prefs.quietLegend": "Quiet hours (Luoyang time)",
  "notifications.prefs.quiet": "No text messages during these hours; they are sent when the hours end",
  "notifications.prefs.quietStart": "From",
  "notifications.prefs.quietEnd": "Until",
  "notifications.prefs.save": "Save",
  "notifications.prefs.saved": "Notification settings saved",
  "notifications.prefs.timeRequired": "Enter a time",
  "notifications.prefs.timeInvalid": "Enter a time such as 21:30",
  "notifications.prefs.timeSame": "The end cannot be the same as the start",
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
