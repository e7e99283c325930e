import { getFormProps, type SubmissionResult } from "@conform-to/react";
import { useForm } from "~/utils/use-form";
import { Form } from "~/components/form";
import { FormErrors, TextAreaField } from "~/components/forms";
import type { RequestCardData } from "~/components/spaces/request-card";
import { useT } from "~/i18n/use-t";

/** Accept (with an answer) or decline (with a reason) a waiting request; finish an accepted one. */
export function AnswerForms({
  request,
  lastResult,
}: {
  request: RequestCardData;
  lastResult: SubmissionResult<string[]> | undefined;
}) {
  const { t } = useT();
  const mine = lastResult?.initialValue?.requestId === request.id;
  const intent = mine ? lastResult?.initialValue?.intent : undefined;
  const [acceptForm, acceptFields] = useForm({
    id: `accept-${request.id}`,
    lastResult: intent === "accept" ? lastResult : undefined,
  });
  const [declineForm, declineFields] = useForm({
    id: `decline-${request.id}`,
    lastResult: intent === "decline" ? lastResult : undefined,
  });
  const hidden = <input type="hidden" name="requestId" value={request.id} />;
  if (request.status === "ACCEPTED") {
    return (
      <Form method="post">
        {mine ? <FormErrors errors={lastResult?.error?.[""]} /> : null}
        {hidden}
        <button type="submit" name="intent" value="complete" className="btn-primary w-full sm:w-auto">
          {t("spaces.action.complete")}
        </button>
      </Form>
    );
  }
  if (request.status !== "SUBMITTED") return null;
  return (
    <div className="grid gap-3 sm:grid-cols-2">
      <Form method="post" {...getFormProps(acceptForm)} className="space-y-2">
        <FormErrors errors={acceptForm.errors} />
        {hidden}
        <TextAreaField
          meta={acceptFields.response}
          label={t("spaces.inbox.response")}
          hint={t("spaces.inbox.responseHint")}
          rows={3}
        />
        <button type="submit" name="intent" value="accept" className="btn-primary w-full">
          {t("spaces.action.accept")}
        </button>
      </Form>
      <Form method="post" {...getFormProps(declineForm)} className="space-y-2">
        <FormErrors errors={declineForm.errors} />
        {hidden}
        <TextAreaField meta={declineFields.reason} label={t("spaces.inbox.reason")} rows={3} />
        <button type="submit" name="intent" value="decline" className="btn-secondary w-full">
          {t("spaces.action.decline")}
        </button>
      </Form>
    </div>
  );
}
