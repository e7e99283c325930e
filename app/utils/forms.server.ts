import type { SubmissionResult } from "@conform-to/react";
import { data } from "@remix-run/node";
import { translate, type Locale } from "~/i18n/i18n";
import { isDomainError } from "./errors";

interface Replyable {
  reply: (options?: {
    formErrors?: string[];
    fieldErrors?: Record<string, string[]>;
    hideFields?: string[];
  }) => SubmissionResult<string[]>;
}

/**
 * Turns a refusal from a service into the form's reply: the message on the field it concerns
 * (or the whole form), with the status of the rule. Anything else is rethrown.
 */
export function replyWithDomainError(
  submission: Replyable,
  error: unknown,
  locale: Locale,
  hideFields: string[] = [],
) {
  if (!isDomainError(error)) throw error;
  const message = translate(locale, error.messageKey, error.params);
  const reply = error.field
    ? submission.reply({ fieldErrors: { [error.field]: [message] }, hideFields })
    : submission.reply({ formErrors: [message], hideFields });
  return data(reply, { status: error.status });
}

export function replyInvalid(submission: Replyable, hideFields: string[] = []) {
  return data(submission.reply({ hideFields }), { status: 400 });
}
