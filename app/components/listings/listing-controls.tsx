import { getFormProps, type SubmissionResult } from "@conform-to/react";
import { useForm } from "~/utils/use-form";
import { Link } from "@remix-run/react";
import { Form } from "~/components/form";
import { FormErrors, TextField } from "~/components/forms";
import { IntentButton } from "~/components/intent-button";

/*
 * An offer and a space's service are both listings with one lifecycle (draft, published,
 * withdrawn; hidden by a moderator), so their detail pages share these controls; each page passes
 * its own words.
 */

/** The owner's controls: edit, and publish, publish again or withdraw as the status allows. */
export function ListingOwnerActions({
  status,
  editHref,
  labels,
}: {
  status: string;
  editHref: string;
  labels: { title: string; edit: string; publish: string; republish: string; withdraw: string };
}) {
  return (
    <section className="card space-y-3" aria-labelledby="manage">
      <h2 id="manage" className="font-semibold">
        {labels.title}
      </h2>
      <div className="grid gap-3 sm:grid-cols-3">
        <Link to={editHref} className="btn-secondary w-full">
          {labels.edit}
        </Link>
        {status === "DRAFT" ? <IntentButton intent="publish" label={labels.publish} primary /> : null}
        {status === "WITHDRAWN" ? <IntentButton intent="publish" label={labels.republish} primary /> : null}
        {status === "PUBLISHED" ? <IntentButton intent="withdraw" label={labels.withdraw} /> : null}
      </div>
    </section>
  );
}

/** A moderator hides a listing with a reason, or shows it again. */
export function ListingModeration({
  hidden,
  formId,
  lastResult,
  labels,
}: {
  hidden: boolean;
  formId: string;
  /** The action's reply when it answered the hide form. */
  lastResult?: SubmissionResult<string[]>;
  labels: { title: string; unhide: string; reason: string; reasonHint: string; hide: string };
}) {
  const [hideForm, hideFields] = useForm({ id: formId, lastResult });
  return (
    <section className="card space-y-3" aria-labelledby="moderate">
      <h2 id="moderate" className="font-semibold">
        {labels.title}
      </h2>
      {hidden ? (
        <IntentButton intent="unhide" label={labels.unhide} />
      ) : (
        <Form method="post" {...getFormProps(hideForm)} className="space-y-3">
          <FormErrors errors={hideForm.errors} />
          <TextField meta={hideFields.reason} label={labels.reason} hint={labels.reasonHint} />
          <button type="submit" name="intent" value="hide" className="btn-secondary w-full sm:w-auto">
            {labels.hide}
          </button>
        </Form>
      )}
    </section>
  );
}
