import type { escrowMessagesZh } from "./escrow.messages";

/** English for escrow.messages.ts: typed against the Chinese, so a missing or extra key fails the type check. */
export const escrowMessagesEn: Record<keyof typeof escrowMessagesZh, string> = {
  "escrow.status.PLANNED": "Awaiting funding",
  "escrow.status.FUNDED": "Funded",
  "escrow.status.SUBMITTED": "Awaiting review",
  "escrow.status.REJECTED": "Not accepted, to be resubmitted",
  "escrow.status.RELEASED": "Paid",
  "escrow.status.DISPUTED": "Disputed",
  "escrow.status.RESOLVED": "Ruled on",
  "escrow.status.REFUNDED": "Refunded",

  "escrow.panel.title": "Milestones and escrow",
  "escrow.panel.hint":
    "The paying side first puts each milestone's money in escrow; the expert delivers, and the money is paid only once the paying side accepts.",
  "escrow.panel.empty": "This agreement has no milestones.",
  "escrow.position": "Milestone {position}",
  "escrow.dueDate": "Due: {date}",
  "escrow.deliverables": "Deliverables",
  "escrow.acceptanceCriteria": "Acceptance criteria",
  "escrow.inEscrow": "In escrow: {amount}",
  "escrow.reviewDue": "Please review by {date}; after that it is paid to the expert automatically",
  "escrow.releasedOn": "Paid on {date}",
  "escrow.autoReleasedOn": "The review window passed: paid automatically on {date}",
  "escrow.refundedOn": "Refunded to the paying side on {date}",
  "escrow.rejectionReason": "Why it was not accepted: {reason}",
  "escrow.disputeReason": "Reason for the dispute: {reason}",
  "escrow.resolution": "Ruling: {payee} to the expert, the rest back to the paying side",
  "escrow.resolutionNote": "Ruling note: {note}",
  "escrow.submissions": "Deliveries",
  "escrow.submittedBy": "{name} · {date}",
  "escrow.file": "Attachment {index}",

  "escrow.action.fund": "Put {amount} in escrow",
  "escrow.action.fundHint":
    "The money moves from your wallet into the platform's escrow and reaches the expert only after you accept the work.",
  "escrow.action.submit": "Deliver",
  "escrow.action.accept": "Accept and pay",
  "escrow.action.reject": "Do not accept",
  "escrow.action.dispute": "Open a dispute",
  "escrow.action.disputeHint":
    "When the two sides cannot agree, the city bureau rules where the escrowed money goes.",
  "escrow.action.resolve": "Record the ruling",
  "escrow.field.note": "What was delivered",
  "escrow.field.noteHint": "The work done and how it meets the acceptance criteria.",
  "escrow.field.files": "Photos (field photos, scanned reports…)",
  "escrow.field.filesHint": "Up to {max}, {mb} MB each; JPEG, PNG or WebP.",
  "escrow.field.rejectReason": "Why it is not accepted",
  "escrow.field.disputeReason": "Reason for the dispute",
  "escrow.field.payeeYuan": "Amount paid to the expert (yuan)",
  "escrow.field.payeeYuanHint": "{amount} in escrow; the rest goes back to the paying side.",
  "escrow.field.resolutionNote": "Ruling note",

  "escrow.toast.funded": "The money is in escrow",
  "escrow.toast.submitted": "Delivered; waiting for review",
  "escrow.toast.accepted": "Accepted; the expert has been paid",
  "escrow.toast.rejected": "Sent back; the expert can deliver again",
  "escrow.toast.disputed": "Dispute opened; the city bureau will rule on it",
  "escrow.toast.resolved": "The ruling was carried out",

  "escrow.errors.wrong_side": "You are not on the side that may do this",
  "escrow.errors.invalid_state":
    "This milestone cannot do that in its current state; reload the page to see it",
  "escrow.errors.agreement_not_active": "The agreement is not in force, so this cannot be done",
  "escrow.errors.insufficient_funds":
    "Not enough in the wallet: escrow needs {amount} and the balance is {balance}. Top it up by bank transfer first",
  "escrow.errors.cannot_terminate":
    "Some milestones await review or are disputed; settle them before terminating",
  "escrow.errors.split_out_of_range": "The amount must be between 0 and {max}",
  "escrow.errors.amount_invalid": "Enter an amount in yuan, with at most two decimals",
  "escrow.errors.note_required": "Say what was delivered",
  "escrow.errors.note_too_long": "At most 4000 characters",
  "escrow.errors.reason_required": "Give a reason (at least 2 characters)",
  "escrow.errors.reason_too_long": "At most 1000 characters",
  "escrow.errors.files_too_many": "At most 6 photos",
  "escrow.errors.file_too_large": "Each photo must be 8 MB or less",

  "escrow.disputes.title": "Dispute rulings",
  "escrow.disputes.hint":
    "Read both sides' reasons and the deliveries, then decide how much of the escrow goes to the expert; the rest goes back to the paying side.",
  "escrow.disputes.empty": "No disputes are waiting for a ruling.",
  "escrow.disputes.agreement": "Agreement {number}: {title}",
  "escrow.disputes.parties": "Paying side: {payer} · Expert: {payee}",
  "escrow.disputes.disputedAt": "Disputed on {date}",
  "escrow.disputes.open": "Open the agreement",
};
