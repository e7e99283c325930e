import type { privacyMessagesZh } from "./privacy.messages";

export const privacyMessagesEn = {
  "privacy.title": "Personal information notice",
  "privacy.version": "Version {version}",
  "privacy.intro":
    "XiangKe is run for the Luoyang Science and Technology Bureau. We handle your personal information under the Personal Information Protection Law: only what matchmaking needs, only for the purposes below; you may access, copy, correct or delete it, or withdraw consent, at any time.",
  "privacy.collected.title": "What we collect and why",
  "privacy.collected.account":
    "Phone or e-mail, name, password (only a one-way hash): to log you in and reach you.",
  "privacy.collected.profile":
    "Role, county, organisation, expert profile and contact details: to match needs with experts.",
  "privacy.collected.activity":
    "Needs, applications, messages, agreements, wallet records: to provide matchmaking, contracts and escrow.",
  "privacy.collected.logs":
    "Login records and the audit log (who, when, IP address): to keep accounts and money safe.",
  "privacy.sensitive.title": "Sensitive information (separate consent)",
  "privacy.sensitive.body":
    "ID numbers (submitted for verification; only the last four characters and a one-way hash are kept), voice notes (in chat and proxy postings), precise location (not collected today). We ask for separate consent the first time you use such a feature; withdraw it any time on “My personal information”.",
  "privacy.retention.title": "How long we keep it",
  "privacy.retention.audit": "Audit log: {days} days (three years, the limitation period)",
  "privacy.retention.loginAttempts": "Login and claim-code attempts: {days} days",
  "privacy.retention.voiceNotes":
    "Voice notes in chat: {days} days (a proxy posting's consent recording stays with the need)",
  "privacy.retention.deletedAccounts":
    "What is left of a deleted account: erased {days} days after deletion once no record the law keeps refers to it",
  "privacy.retention.ledger":
    "Ledger records and signed contracts: kept as the Accounting Law and the Civil Code require, with your name replaced by “已注销用户 #number”.",
  "privacy.audience.title": "Who sees it",
  "privacy.audience.body":
    "Others see your phone and ID numbers masked (e.g. 138****0001). Only the other party of an agreement you signed, bureau staff handling verification or triage, and verified users for contact details you publish may see them in full when needed, and every such view is written to the audit log.",
  "privacy.rights.title": "Your rights",
  "privacy.rights.body":
    "Access and copy: download all your data (JSON plus your photos and voice notes) on “My personal information”. Correct: edit “My profile”. Delete: delete your account. Withdraw consent: on “My personal information”.",
  "privacy.contact.title": "Contact",
  "privacy.contact.body":
    "Personal information officer: XiangKe operations team, Luoyang S&T Bureau, phone 0379-63900000, privacy@xiangke.example.cn. We answer within 15 working days.",
  "privacy.footerLink": "Privacy",
  "privacy.registerConsent": "I have read and agree to the personal information notice",
  "privacy.registerConsentLink": "Read the notice",

  "privacy.account.title": "My personal information",
  "privacy.account.consents": "Consents for sensitive information",
  "privacy.account.granted": "Given",
  "privacy.account.notGranted": "Not given",
  "privacy.account.grant": "Consent",
  "privacy.account.withdraw": "Withdraw consent",
  "privacy.account.history": "Consent history",
  "privacy.account.historyLine": "{purpose}: given {at} (notice version {version})",
  "privacy.account.historyWithdrawn": ", withdrawn {at}",
  "privacy.account.export": "Download my data",
  "privacy.account.exportHint":
    "A zip file: your profile, needs, applications, messages you sent, agreements, wallet statement, notifications, consents and audit entries (JSON), plus your photos and voice notes. At most {count} times an hour.",
  "privacy.account.delete": "Delete my account",
  "privacy.account.deleteHint":
    "Your phone, e-mail, password, profile and contact details are erased at once and the login stops working; photos and voice notes are deleted (except evidence in agreements or programmes); your memberships end. Ledger records and signed contracts are kept as the law requires, with your name replaced by “已注销用户 #number”. Not possible while your wallet holds money or owes a debt, or an agreement is in force.",
  "privacy.account.deleteConfirm": "I understand deletion cannot be undone",
  "privacy.account.password": "Your password, to confirm",
  "privacy.account.deleteSubmit": "Delete my account for good",
  "privacy.granted": "Your consent is recorded",
  "privacy.withdrawn": "Consent withdrawn",
  "privacy.deleted": "Your account has been deleted",
  "privacy.purpose.NOTICE": "Personal information notice",
  "privacy.purpose.ID_NUMBER": "ID number (verification)",
  "privacy.purpose.VOICE": "Voice notes (chat and proxy postings)",
  "privacy.purpose.LOCATION": "Precise location",
  "privacy.ask.title": "We need your consent first",
  "privacy.ask.ID_NUMBER":
    "Verification needs your ID number. Only its last four characters and a one-way hash are kept; only bureau staff handling verification see the masked number.",
  "privacy.ask.VOICE":
    "A voice note records your voice; it is kept {days} days and only the people in the conversation hear it (a proxy posting's consent recording stays with the need).",
  "privacy.ask.LOCATION": "This feature needs your precise location.",
  "privacy.ask.agree": "I agree to the processing of my {purpose} for this",
  "privacy.ask.submit": "Agree and continue",
  "privacy.ask.voiceLink": "Turn on voice notes (needs your consent)",
  "privacy.reveal": "Show full contact details",
  "privacy.revealHint": "Viewing is written to the audit log",
  "privacy.errors.consentRequired": "This feature needs your separate consent: agree on the page first",
  "privacy.errors.noticeRequired": "Please read and agree to the personal information notice",
  "privacy.errors.passwordWrong": "The password is not correct",
  "privacy.errors.walletNotEmpty":
    "Your personal wallet still holds money or a pending withdrawal: withdraw it before deleting the account",
  "privacy.errors.walletDebt": "Your personal wallet owes a debt: settle it before deleting the account",
  "privacy.errors.agreementInForce":
    "You are a party to agreement {number}: delete the account once it has ended or been terminated",
  "privacy.errors.lastAdministrator":
    "You are the only administrator of “{organisation}”: hand the role to another member first",
  "privacy.errors.exportThrottled": "Too many downloads: try again in an hour",
  "privacy.errors.confirm": "Please tick to confirm",
} satisfies Record<keyof typeof privacyMessagesZh, string>;
