import { getFormProps, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FactList } from "~/components/fact-list";
import { Form } from "~/components/form";
import { FormErrors, PhotosField, replyFor, TextAreaField, TextField } from "~/components/forms";
import { HouseholdLabel } from "~/components/linkage/linkage-views";
import { useSchemaForm } from "~/components/use-schema-form";
import { getLocale } from "~/i18n/i18n.server";
import { useT } from "~/i18n/use-t";
import {
  EndLinkageSchema,
  LinkageActionSchema,
  MAX_EVIDENCE_PHOTOS,
  PaymentSchema,
} from "~/modules/linkage/linkage.schema";
import { endLinkage, linkagePage, recordPayment } from "~/modules/linkage/linkage.server";
import { MAX_IMAGE_BYTES, parseUploadForm } from "~/modules/uploads/uploads.server";
import { requireUser } from "~/modules/users/guards.server";
import { luoyangToday } from "~/utils/dates";
import { isDomainError } from "~/utils/errors";
import { replyInvalid, replyWithDomainError } from "~/utils/forms.server";
import { fenToYuanText } from "~/utils/money";
import { titleMeta } from "~/utils/meta";
import { redirectWithToast } from "~/utils/toast.server";

export const meta: MetaFunction<typeof loader> = titleMeta("linkage.title");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  try {
    const page = await linkagePage(user, params.id ?? "");
    return { ...page, today: luoyangToday(), locale: await getLocale(request) };
  } catch (error) {
    if (isDomainError(error)) throw new Response("Not found", { status: 404 });
    throw error;
  }
}

// With JavaScript, photos go out shrunk, with a progress bar and 重试 after a drop.
export { uploadingClientAction as clientAction } from "~/utils/upload-submit";

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const locale = await getLocale(request);
  const id = params.id ?? "";
  // Only members of the organisation write; anyone else learns nothing about the id.
  const page = await linkagePage(user, id).catch(() => null);
  if (!page?.mayRecord) throw new Response("Not found", { status: 404 });
  let formData: FormData;
  try {
    formData = await parseUploadForm(request, {
      maxFiles: MAX_EVIDENCE_PHOTOS,
      maxFileBytes: MAX_IMAGE_BYTES,
    });
  } catch (error) {
    return replyWithDomainError(parseWithZod(new FormData(), { schema: PaymentSchema }), error, locale);
  }
  const submission = parseWithZod(formData, { schema: LinkageActionSchema });
  if (submission.status !== "success") return replyInvalid(submission);
  try {
    if (submission.value.intent === "end") {
      await endLinkage(user, id, submission.value.endedOn);
      return redirectWithToast(`/linkage/${id}`, { message: "linkage.toast.ended" });
    }
    const { photos, intent: _intent, ...fields } = submission.value;
    await recordPayment(user, id, fields, photos);
    return redirectWithToast(`/linkage/${id}`, { message: "linkage.toast.paid" });
  } catch (error) {
    return replyWithDomainError(submission, error, locale);
  }
}

function PaymentForm({ today, lastResult }: { today: string; lastResult?: SubmissionResult<string[]> }) {
  const { t } = useT();
  const navigation = useNavigation();
  const [form, fields] = useSchemaForm({
    id: "payment",
    schema: PaymentSchema,
    lastResult,
    defaultValue: { intent: "pay", paidOn: today },
  });
  return (
    <Form method="post" encType="multipart/form-data" {...getFormProps(form)} className="card space-y-4">
      <h2 className="text-lg font-semibold">{t("linkage.recordPayment")}</h2>
      <FormErrors errors={form.errors} />
      <input type="hidden" name="intent" value="pay" />
      <div className="grid grid-cols-2 gap-2">
        <TextField meta={fields.periodStart} label={t("linkage.field.periodStart")} type="date" />
        <TextField meta={fields.periodEnd} label={t("linkage.field.periodEnd")} type="date" />
      </div>
      <TextField meta={fields.amount} label={t("linkage.field.amount")} inputMode="decimal" />
      <TextField meta={fields.paidOn} label={t("linkage.field.paidOn")} type="date" />
      <TextAreaField meta={fields.note} label={t("linkage.field.note")} rows={2} />
      <PhotosField label={t("linkage.field.photos")} />
      <button type="submit" className="btn-primary w-full" disabled={navigation.state === "submitting"}>
        {t("linkage.recordPayment")}
      </button>
    </Form>
  );
}

function EndForm({ today, lastResult }: { today: string; lastResult?: SubmissionResult<string[]> }) {
  const { t } = useT();
  const [form, fields] = useSchemaForm({
    id: "end-linkage",
    schema: EndLinkageSchema,
    lastResult,
    defaultValue: { intent: "end", endedOn: today },
  });
  return (
    <Form method="post" encType="multipart/form-data" {...getFormProps(form)} className="card space-y-3">
      <h2 className="text-lg font-semibold">{t("linkage.end")}</h2>
      <p className="text-sm text-stone-600">{t("linkage.end.hint")}</p>
      <FormErrors errors={form.errors} />
      <input type="hidden" name="intent" value="end" />
      <TextField meta={fields.endedOn} label={t("linkage.field.endedOn")} type="date" />
      <button type="submit" className="btn-secondary w-full">
        {t("linkage.end")}
      </button>
    </Form>
  );
}

export default function LinkagePage() {
  const { t } = useT();
  const { linkage, payments, mayRecord, today } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  return (
    <section className="mx-auto max-w-xl space-y-4">
      <h1 className="text-2xl font-bold">
        {t("linkage.title")} · {t(`linkage.mechanism.${linkage.mechanism}`)}
      </h1>
      <FactList
        className="card"
        facts={[
          [t("linkage.field.organisation"), linkage.organisation.name],
          [t("linkage.household"), <HouseholdLabel key="h" household={linkage.household} />],
          [t("linkage.field.terms"), linkage.terms],
          [t("linkage.field.startedOn"), linkage.startedOn],
          [t("linkage.field.endedOn"), linkage.endedOn ?? t("linkage.open")],
          [
            t("linkage.payments"),
            t("linkage.paid", { amount: fenToYuanText(linkage.paidFen), count: linkage.payments }),
          ],
        ]}
      />
      <section className="space-y-2" aria-labelledby="payments">
        <h2 id="payments" className="text-xl font-semibold">
          {t("linkage.payments")}
        </h2>
        {payments.length === 0 ? <p className="card">{t("linkage.noPayments")}</p> : null}
        <ul className="space-y-2" data-testid="payments">
          {payments.map((payment) => (
            <li key={payment.id} className="card space-y-1 p-3">
              <p className="font-medium">
                {t("linkage.period", { from: payment.periodStart, to: payment.periodEnd })} ·{" "}
                {fenToYuanText(payment.amountFen)} 元
              </p>
              <p className="text-sm text-stone-600">{t("linkage.paidOnDate", { date: payment.paidOn })}</p>
              {payment.note ? <p className="text-sm">{payment.note}</p> : null}
              {payment.evidenceIds.length > 0 ? (
                <p className="flex flex-wrap gap-2 text-sm">
                  {payment.evidenceIds.map((uploadId, index) => (
                    <a
                      key={uploadId}
                      className="link"
                      href={`/linkage/${linkage.id}/evidence/${uploadId}`}
                      target="_blank"
                      rel="noreferrer"
                    >
                      {t("linkage.evidence", { n: index + 1 })}
                    </a>
                  ))}
                </p>
              ) : null}
            </li>
          ))}
        </ul>
      </section>
      {mayRecord && !linkage.endedOn ? (
        <>
          <PaymentForm today={today} lastResult={replyFor(lastResult, "pay")} />
          <EndForm today={today} lastResult={replyFor(lastResult, "end")} />
        </>
      ) : null}
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
