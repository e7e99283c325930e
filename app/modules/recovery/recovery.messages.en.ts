import type { recoveryMessagesZh } from "./recovery.messages";

/** English for recovery.messages.ts: typed against the Chinese, so a missing or extra key fails the type check. */
export const recoveryMessagesEn: Record<keyof typeof recoveryMessagesZh, string> = {
  "recovery.forgotLink": "Forgot your password?",
  "recovery.forgot.title": "Recover your account",
  "recovery.forgot.intro":
    "Enter the mobile number or e-mail you registered with. A mobile number gets a text-message code; an e-mail gets a link to set a new password.",
  "recovery.forgot.submit": "Send code or link",
  "recovery.forgot.noPhone":
    "No text messages and no e-mail? Ask your cooperative's or organisation's administrator, or county or city bureau staff: once they have checked who you are, they give you a reset code.",
  "recovery.sent": "If the account exists, a code or reset link is on its way; it is valid for 15 minutes.",
  "recovery.reset.title": "Set a new password",
  "recovery.reset.intro":
    "Enter your account, the text-message code or the reset code an administrator gave you, and a new password. If you got a link by e-mail, open the link instead.",
  "recovery.reset.linkIntro":
    "Choose a new password. Every device signed in to the account will be signed out.",
  "recovery.reset.code": "Code",
  "recovery.reset.new": "New password",
  "recovery.reset.confirm": "New password again",
  "recovery.reset.submit": "Set new password",
  "recovery.reset.again": "Get a new code",
  "recovery.done": "Your password is set; log in with the new one",
  "recovery.assist.title": "Issue a password reset code",
  "recovery.assist.intro":
    "For people who cannot receive text messages or e-mail. Check who they are first (their ID card in person, or a call back to the number on file), then issue a code and tell it to them. Every code issued is kept in the audit log.",
  "recovery.assist.identifier": "Member's mobile number or e-mail",
  "recovery.assist.identityCheck": "How you checked their identity",
  "recovery.assist.identityCheckHint": "For example: ID card seen in person; called back the number on file",
  "recovery.assist.confirmed": "I have checked that this person owns the account",
  "recovery.assist.submit": "Issue code",
  "recovery.assist.issued": "Reset code for {name} (valid {minutes} minutes, once):",
  "recovery.assist.tell":
    "Tell the person this code; they enter it on the “Forgot password” page with a new password. It is not shown again.",
  "recovery.assist.link": "Issue a password reset code for a member",
  "recovery.errors.code_format": "Enter 6 to 8 digits",
  "recovery.errors.code_invalid": "The code is wrong or has expired; get a new one",
  "recovery.errors.link_invalid": "The link is not valid or has expired; ask for a new one",
  "recovery.errors.user_not_found": "No account you may issue a reset code for",
  "recovery.errors.identity_check": "Say how you checked their identity",
  "recovery.errors.confirm": "Confirm that you checked their identity",
};
