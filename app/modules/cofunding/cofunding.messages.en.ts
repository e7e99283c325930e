import type { cofundingMessagesZh } from "./cofunding.messages";

/** English for cofunding.messages.ts: typed against the Chinese, so a missing or extra key fails the type check. */
export const cofundingMessagesEn: Record<keyof typeof cofundingMessagesZh, string> = {
  "cofunding.title": "Co-funding",
  "cofunding.pageTitle": "Co-funding: {milestone}",
  "cofunding.back": "Back to the agreement",
  "cofunding.agreement": "Agreement {number}: {title}",
  "cofunding.hint":
    "Several payers can fund one milestone, for example the cooperative 30 % and a programme co-pay 70 %. Each puts its share into the same escrow; the milestone counts as funded, and the expert can deliver, once every share is in.",
  "cofunding.amount": "Milestone amount: {amount}",
  "cofunding.summary": "Co-funded: {funded} of {total} payers have paid",
  "cofunding.single": "The paying side funds this milestone alone.",
  "cofunding.payers": "Payers",
  "cofunding.share": "{amount} ({percent} %)",
  "cofunding.kind.payer": "Paying side",
  "cofunding.kind.org": "Organisation",
  "cofunding.kind.user": "Person",
  "cofunding.kind.programme": "Programme co-pay",
  "cofunding.status.funded": "Paid ({date})",
  "cofunding.status.pending": "Not paid yet",
  "cofunding.status.refunded": "Refunded",
  "cofunding.rule.title": "How refunds are split",
  "cofunding.rule.release":
    "When the work is accepted (or the review window passes), the whole escrow goes to the expert.",
  "cofunding.rule.refund":
    "When money goes back (the agreement is terminated, or a ruling returns part of it), each payer first gets refund × its share ÷ all shares, rounded down to the fen; the few fen left go one each to the payers with the largest remainders, ties to the payer listed first. The parts add up to the refund exactly and each is within one fen of the exact proportion.",
  "cofunding.rule.partial":
    "If the agreement ends before every payer has paid, each share already paid goes back in full.",
  "cofunding.rule.percent":
    "Percentages must add up to 100 % and become fen by the same rule, so the shares add up to the milestone amount exactly.",
  "cofunding.form.title": "Set the payers",
  "cofunding.form.hint":
    "Up to {max} payers, one per row (empty rows are ignored); the shares must add up to the milestone amount exactly. They can change only while the milestone awaits funding and nobody has paid.",
  "cofunding.field.unit": "Shares given as",
  "cofunding.unit.yuan": "Amounts (yuan)",
  "cofunding.unit.percent": "Percentages (%)",
  "cofunding.field.account": "Payer {index}",
  "cofunding.field.amount": "Share of payer {index}",
  "cofunding.option.none": "(none)",
  "cofunding.option.payer": "Our wallet: {name}",
  "cofunding.option.programme": "{name} ({available} available)",
  "cofunding.group.programmes": "Programme funds",
  "cofunding.group.organisations": "Other organisations' wallets",
  "cofunding.action.save": "Save the payers",
  "cofunding.action.clear": "Go back to a single payer",
  "cofunding.action.fund": "Pay {amount}",
  "cofunding.action.fundHint":
    "The money moves from the payer's account into the platform's escrow and reaches the expert only once the work is accepted.",
  "cofunding.toast.saved": "The payers were saved",
  "cofunding.toast.cleared": "The paying side funds this milestone alone again",
  "cofunding.toast.funded": "The share was paid",
  "cofunding.link": "Co-funding",
  "cofunding.setUp": "Set up co-funding",
  "cofunding.fundHint": "Several payers fund this milestone: pay each share on the co-funding page.",
  "cofunding.programme.title": "Milestones this programme co-pays",
  "cofunding.programme.empty": "This programme co-pays no milestone yet.",
  "cofunding.programme.row": "Agreement {number} · {milestone}",

  "cofunding.errors.share_not_found": "This share was not found; reload the page",
  "cofunding.errors.locked":
    "Money is already in or the milestone no longer awaits funding, so its payers cannot change",
  "cofunding.errors.too_many": "At most {max} payers",
  "cofunding.errors.duplicate": "Each payer may appear only once",
  "cofunding.errors.shares_mismatch":
    "The shares add up to {total}, {difference} from the milestone amount {amount}; make them equal",
  "cofunding.errors.share_not_positive": "Every payer's share must be more than 0",
  "cofunding.errors.payer_invalid": "This account cannot be a payer",
  "cofunding.errors.org_unverified": "A paying organisation must be verified",
  "cofunding.errors.programme_unavailable": "This programme is not published, so it cannot co-pay",
  "cofunding.errors.programme_insufficient":
    "Not enough programme money: after what approved projects are owed only {available} is left",
  "cofunding.errors.not_your_share": "You cannot pay this share",
  "cofunding.errors.share_funded": "This share has been paid already",
  "cofunding.errors.insufficient_funds":
    "Not enough in the account: this share needs {amount} and the balance is {balance}",
  "cofunding.errors.use_shares": "Several payers fund this milestone: pay each share on the co-funding page",
  "cofunding.errors.account_required": "Choose a payer",
  "cofunding.errors.yuan_invalid": "Enter an amount in yuan above 0, with at most two decimals",
  "cofunding.errors.percent_invalid": "Enter a percentage between 0 and 100, with at most two decimals",
  "cofunding.errors.payers_required":
    "Name at least one payer; to go back to a single payer, use the button below",

  "notification.milestone.cofunding_requested":
    'You are asked to co-fund {amount} of milestone "{milestone}" of "{agreement}"',
};
