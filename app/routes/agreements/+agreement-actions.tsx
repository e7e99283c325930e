import type { SubmissionResult } from "@conform-to/react";
import { Link, useNavigation } from "@remix-run/react";
import { Form } from "~/components/form";
import { ErrorList, replyFor } from "~/components/forms";
import type { MessageKey } from "~/i18n/i18n";
import { useT } from "~/i18n/use-t";
import type { AgreementPage } from "~/modules/agreements/agreements.queries.server";
import { agreementsErrors } from "~/modules/agreements/agreements.errors";
import { Signatures, StatusBadge, TermsView } from "~/components/agreements/agreement-views";

type Can = AgreementPage["can"];
type Reply = SubmissionResult<string[]> | undefined;
type Pending = NonNullable<AgreementPage["pending"]>;

/** The field errors of the form whose intent the reply answers. */
function errorsFor(lastResult: Reply, intent: string, field: string): string[] | undefined {
  return replyFor(lastResult, intent)?.error?.[field] ?? undefined;
}

function NoteForm({
  intent,
  field,
  label,
  button,
  lastResult,
  danger = false,
}: {
  intent: string;
  field: string;
  label: MessageKey;
  button: MessageKey;
  lastResult: Reply;
  danger?: boolean;
}) {
  const { t } = useT();
  const navigation = useNavigation();
  const errors = errorsFor(lastResult, intent, field);
  const id = `${intent}-${field}`;
  return (
    <Form method="post" className="space-y-2">
      <label htmlFor={id} className="block text-sm text-stone-700">
        {t(label)}
      </label>
      <textarea
        id={id}
        name={field}
        rows={2}
        maxLength={1000}
        className="input"
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={errors?.length ? `${id}-error` : undefined}
      />
      <ErrorList id={`${id}-error`} errors={errors} />
      <button
        type="submit"
        name="intent"
        value={intent}
        className={danger ? "btn-secondary border-red-300 text-red-800" : "btn-secondary"}
        disabled={navigation.state === "submitting"}
      >
        {t(button)}
      </button>
    </Form>
  );
}

/** The open draft or proposal: its terms, signatures so far and what the viewer can do with it. */
export function PendingVersion({
  agreementId,
  version,
  can,
  signRefusal,
  lastResult,
  inForce,
}: {
  agreementId: string;
  version: Pending;
  can: Can;
  /** Why the viewer may not sign for their side (not verified, no signing permission). */
  signRefusal: AgreementPage["signRefusal"];
  lastResult: Reply;
  inForce: boolean;
}) {
  const { t } = useT();
  const navigation = useNavigation();
  return (
    <section className="card space-y-4 border-amber-300" aria-labelledby="pending">
      <div className="flex flex-wrap items-center gap-2">
        <h2 id="pending" className="text-lg font-semibold">
          {t(inForce ? "agreements.pendingAmendment" : "agreements.pendingVersion", {
            version: version.version,
          })}
        </h2>
        <StatusBadge status={version.status} kind="version" />
      </div>
      {version.note ? (
        <p className="text-sm text-stone-700">{t("agreements.note", { note: version.note })}</p>
      ) : null}
      {version.complete ? (
        <TermsView terms={version.terms} />
      ) : (
        <p role="note" className="rounded-lg bg-amber-50 px-4 py-3">
          {t("agreements.incomplete")}
        </p>
      )}
      {version.status === "PROPOSED" ? (
        <>
          <p className="break-all text-sm text-stone-600">
            {t("agreements.hash", { hash: version.termsHash })}
          </p>
          <Signatures signatures={version.signatures} />
        </>
      ) : null}
      <div className="flex flex-wrap gap-2">
        {can.edit ? (
          <Link
            to={`/agreements/${agreementId}/edit`}
            className={version.complete ? "btn-secondary" : "btn-primary"}
          >
            {t("agreements.action.edit")}
          </Link>
        ) : null}
        {can.propose ? (
          <Form method="post">
            <button
              type="submit"
              name="intent"
              value="propose"
              className="btn-primary"
              disabled={navigation.state === "submitting"}
            >
              {t("agreements.action.propose")}
            </button>
          </Form>
        ) : null}
        {can.sign && signRefusal ? (
          <p role="note" className="rounded-lg border-l-4 border-amber-500 bg-amber-50 px-3 py-2 text-sm">
            {t(agreementsErrors[signRefusal].message)} {t("agreements.signRefusalHelp")}
          </p>
        ) : can.sign ? (
          <Link to={`/agreements/${agreementId}/sign`} className="btn-primary">
            {t("agreements.action.sign")}
          </Link>
        ) : null}
      </div>
      {can.decline ? (
        <NoteForm
          intent="decline"
          field="reason"
          label="agreements.field.declineReason"
          button="agreements.action.decline"
          lastResult={lastResult}
        />
      ) : null}
    </section>
  );
}

/** Amend an agreement in force; end it with a reason. */
export function AgreementActions({ can, lastResult }: { can: Can; lastResult: Reply }) {
  const { t } = useT();
  if (!can.amend && !can.terminate) return null;
  return (
    <section className="card space-y-4" aria-labelledby="manage">
      <h2 id="manage" className="font-semibold">
        {t("agreements.manage")}
      </h2>
      {can.amend ? (
        <NoteForm
          intent="amend"
          field="note"
          label="agreements.field.amendNote"
          button="agreements.action.amend"
          lastResult={lastResult}
        />
      ) : null}
      {can.terminate ? (
        <NoteForm
          intent="terminate"
          field="reason"
          label="agreements.field.terminateReason"
          button="agreements.action.terminate"
          lastResult={lastResult}
          danger
        />
      ) : null}
    </section>
  );
}
