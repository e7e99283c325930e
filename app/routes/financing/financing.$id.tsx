import { getFormProps, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { z } from "zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { db } from "~/db.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Form } from "~/components/form";
import { FormErrors, replyFor, SelectField, TextAreaField, TextField } from "~/components/forms";
import { formatDate, formatMoney } from "~/i18n/format";
import { getLocale } from "~/i18n/i18n.server";
import { useT } from "~/i18n/use-t";
import { FINANCING_PRODUCTS, NeedActionSchema, OUTCOME_KINDS } from "~/modules/financing/financing.schema";
import type { OfferFieldsSchema } from "~/modules/financing/financing.schema";
import {
  confirmFinancingOutcome,
  decideFinancingOffer,
  financingNeedPage,
  makeFinancingOffer,
  offerFromForm,
  recordFinancingOutcome,
  withdrawFinancingNeed,
  withdrawFinancingOffer,
} from "~/modules/financing/financing.server";
import { countyName } from "~/modules/reference/reference";
import { MAX_IMAGE_BYTES, parseUploadForm, storeImage } from "~/modules/uploads/uploads.server";
import { requireUser } from "~/modules/users/guards.server";
import { luoyangToday } from "~/utils/dates";
import { domainErrorResponse } from "~/utils/errors";
import { replyInvalid, replyWithDomainError } from "~/utils/forms.server";
import { titleMeta } from "~/utils/meta";
import { requestMeta } from "~/utils/request.server";
import { redirectWithToast } from "~/utils/toast.server";
import { useForm } from "~/utils/use-form";

export const meta: MetaFunction<typeof loader> = titleMeta("financing.title");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  try {
    const [page, locale] = await Promise.all([financingNeedPage(user, params.id ?? ""), getLocale(request)]);
    return { ...page, today: luoyangToday(), locale };
  } catch (error) {
    throw domainErrorResponse(error);
  }
}

// With JavaScript, photos go out shrunk, with a progress bar and 重试 after a drop.
export { uploadingClientAction as clientAction } from "~/utils/upload-submit";

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const needId = params.id ?? "";
  const meta = requestMeta(request, context);
  const locale = await getLocale(request);
  let formData: FormData;
  try {
    formData = await parseUploadForm(request, { maxFiles: 1, maxFileBytes: MAX_IMAGE_BYTES });
  } catch (error) {
    throw domainErrorResponse(error);
  }
  const submission = parseWithZod(formData, { schema: NeedActionSchema });
  if (submission.status !== "success") return replyInvalid(submission);
  const value = submission.value;
  const back = `/financing/${needId}`;
  try {
    switch (value.intent) {
      case "offer":
        await makeFinancingOffer(user, needId, offerFromForm(value), meta);
        return redirectWithToast(back, { message: "financing.offer.sent" });
      case "accept":
      case "decline":
        await decideFinancingOffer(user, needId, value.offerId, value.intent === "accept", meta);
        return redirectWithToast(back, {
          message: value.intent === "accept" ? "financing.offer.accepted" : "financing.offer.declined",
        });
      case "withdrawOffer":
        await withdrawFinancingOffer(user, needId, value.offerId, meta);
        return redirectWithToast(back, { message: "financing.offer.withdrawnDone" });
      case "withdrawNeed":
        await withdrawFinancingNeed(user, needId, meta);
        return redirectWithToast(back, { message: "financing.need.withdrawn" });
      case "record": {
        const file = formData.get("evidence");
        await db.$transaction(async (tx) => {
          const upload = file instanceof File ? await storeImage({ ownerId: user.id, file }, tx) : null;
          await recordFinancingOutcome(
            user,
            needId,
            {
              kind: value.kind,
              amount: value.amount,
              dealDate: value.dealDate,
              evidenceUploadId: upload?.id,
            },
            meta,
            tx,
          );
        });
        return redirectWithToast(back, { message: "financing.outcome.recorded" });
      }
      case "confirm":
        await confirmFinancingOutcome(user, needId, { confirm: true }, meta);
        return redirectWithToast(back, { message: "financing.outcome.confirmed" });
      case "reject":
        await confirmFinancingOutcome(user, needId, { confirm: false, reason: value.reason }, meta);
        return redirectWithToast(back, { message: "financing.outcome.rejected" });
    }
  } catch (error) {
    return replyWithDomainError(submission, error, locale);
  }
}

type Page = ReturnType<typeof useLoaderData<typeof loader>>;
type Reply = SubmissionResult<string[]> | undefined;

function rateText(rateBp: number) {
  return `${Math.floor(rateBp / 100)}.${String(rateBp % 100).padStart(2, "0")}`;
}

function OfferForm({ page, lastResult }: { page: Page; lastResult: Reply }) {
  const { t } = useT();
  const [form, fields] = useForm<Record<keyof z.input<typeof OfferFieldsSchema>, string>>({
    id: "financing-offer",
    lastResult: replyFor(lastResult, "offer"),
    defaultValue: {
      organisationId: page.viewer.institutions[0]?.id ?? "",
      termMonths: String(page.need.termMonths),
    },
  });
  return (
    <Form method="post" {...getFormProps(form)} className="card space-y-4">
      <h2 className="text-lg font-semibold">{t("financing.offer.form")}</h2>
      <FormErrors errors={form.errors} />
      {page.viewer.institutions.length > 1 ? (
        <SelectField
          meta={fields.organisationId}
          label={t("financing.field.institution")}
          options={page.viewer.institutions.map((o) => ({ value: o.id, label: o.name }))}
        />
      ) : (
        <input type="hidden" name="organisationId" value={page.viewer.institutions[0]?.id ?? ""} />
      )}
      <SelectField
        meta={fields.product}
        label={t("financing.field.product")}
        placeholder="—"
        options={FINANCING_PRODUCTS.map((p) => ({ value: p, label: t(`financing.product.${p}`) }))}
      />
      <TextField meta={fields.amount} label={t("financing.field.amount")} inputMode="decimal" />
      <TextField
        meta={fields.rate}
        label={t("financing.field.rate")}
        hint={t("financing.field.rate.hint")}
        inputMode="decimal"
      />
      <TextField meta={fields.termMonths} label={t("financing.field.termMonths")} inputMode="numeric" />
      <TextAreaField meta={fields.conditions} label={t("financing.field.conditions")} rows={3} />
      <button type="submit" name="intent" value="offer" className="btn-primary w-full">
        {t("financing.offer.submit")}
      </button>
    </Form>
  );
}

function RecordForm({ page, lastResult }: { page: Page; lastResult: Reply }) {
  const { t } = useT();
  const accepted = page.need.offers.find((o) => o.status === "ACCEPTED");
  const kind =
    accepted?.product === "GUARANTEE" || accepted?.product === "EQUITY" ? accepted.product : "LOAN";
  const [form, fields] = useForm<{ kind: string; amount: string; dealDate: string }>({
    id: "financing-outcome",
    lastResult: replyFor(lastResult, "record"),
    defaultValue: {
      kind,
      amount: accepted ? (accepted.amountFen / 100).toFixed(2) : "",
      dealDate: page.today,
    },
  });
  return (
    <Form method="post" encType="multipart/form-data" {...getFormProps(form)} className="card space-y-4">
      <h2 className="text-lg font-semibold">{t("financing.outcome.record")}</h2>
      <p className="text-sm text-stone-600">{t("financing.outcome.recordIntro")}</p>
      <FormErrors errors={form.errors} />
      <SelectField
        meta={fields.kind}
        label={t("financing.field.kind")}
        options={OUTCOME_KINDS.map((k) => ({ value: k, label: t(`financing.kind.${k}`) }))}
      />
      <TextField meta={fields.amount} label={t("financing.field.amount")} inputMode="decimal" />
      <TextField meta={fields.dealDate} label={t("financing.field.dealDate")} type="date" />
      <label className="block space-y-1">
        <span className="block font-medium text-stone-800">{t("financing.field.evidence")}</span>
        <input
          type="file"
          name="evidence"
          accept="image/jpeg,image/png,image/webp"
          className="block w-full"
        />
      </label>
      <button type="submit" name="intent" value="record" className="btn-primary w-full">
        {t("financing.outcome.record")}
      </button>
    </Form>
  );
}

function LenderDecision({ lastResult }: { lastResult: Reply }) {
  const { t } = useT();
  const [form, fields] = useForm<{ reason: string }>({
    id: "financing-reject",
    lastResult: replyFor(lastResult, "reject"),
  });
  return (
    <div className="space-y-3">
      <Form method="post">
        <button type="submit" name="intent" value="confirm" className="btn-primary w-full">
          {t("financing.outcome.confirm")}
        </button>
      </Form>
      <Form method="post" {...getFormProps(form)} className="space-y-2">
        <FormErrors errors={form.errors} />
        <TextField meta={fields.reason} label={t("financing.field.reason")} />
        <button type="submit" name="intent" value="reject" className="btn-secondary w-full">
          {t("financing.outcome.reject")}
        </button>
      </Form>
    </div>
  );
}

export default function FinancingNeedPage() {
  const page = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { t, locale } = useT();
  const { need, viewer, contact } = page;
  const outcome = need.outcome;
  const accepted = need.offers.find((o) => o.status === "ACCEPTED");
  const decisionErrors = ["accept", "decline", "withdrawOffer", "withdrawNeed", "confirm"].includes(
    (lastResult?.initialValue as { intent?: string } | undefined)?.intent ?? "",
  )
    ? lastResult?.error?.[""]
    : null;
  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <header className="space-y-1">
        <p className="text-sm text-stone-600">{t(`financing.status.${need.status}`)}</p>
        <h1 className="text-2xl font-bold">
          {formatMoney(locale, need.amountFen)} · {t("financing.need.term", { months: need.termMonths })}
        </h1>
        <p className="whitespace-pre-line">{need.use}</p>
      </header>
      <FormErrors errors={decisionErrors} />
      <dl className="card grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm">
        <dt className="text-stone-600">{t("financing.need.poster")}</dt>
        <dd>{need.organisation.name}</dd>
        <dt className="text-stone-600">{t("financing.need.county")}</dt>
        <dd>{countyName(need.countyCode, locale)}</dd>
        <dt className="text-stone-600">{t("financing.need.collateral")}</dt>
        <dd>
          {t(`financing.collateral.${need.collateralKind}`)}
          {need.collateralText ? ` · ${need.collateralText}` : ""}
        </dd>
        <dt className="text-stone-600">{t("financing.need.contact")}</dt>
        <dd data-testid="financing-contact">
          {[contact.phone, contact.email].filter(Boolean).join(" · ") || "—"}
          {!page.contactRevealed ? (
            <span className="block text-xs text-stone-500">{t("financing.need.contactMasked")}</span>
          ) : null}
        </dd>
        {need.programmeApplicationId ? (
          <dd className="col-span-2 text-stone-600">{t("financing.need.linkedProject")}</dd>
        ) : null}
        {need.agreementId ? (
          <dd className="col-span-2 text-stone-600">{t("financing.need.linkedAgreement")}</dd>
        ) : null}
      </dl>
      {viewer.poster && need.status === "OPEN" ? (
        <Form method="post">
          <button type="submit" name="intent" value="withdrawNeed" className="btn-secondary">
            {t("financing.need.withdraw")}
          </button>
        </Form>
      ) : null}

      <section className="space-y-2" aria-labelledby="offers-title">
        <h2 id="offers-title" className="text-xl font-semibold">
          {t("financing.offers.title")}
        </h2>
        {need.offers.length === 0 ? (
          <p className="card text-stone-600">{t("financing.offers.empty")}</p>
        ) : null}
        <ul className="space-y-2">
          {need.offers.map((offer) => (
            <li key={offer.id} className="card space-y-2 p-3" data-testid="financing-offer">
              <p className="font-semibold">
                {offer.organisation.name} · {t(`financing.product.${offer.product}`)}
              </p>
              <p>
                {formatMoney(locale, offer.amountFen)} ·{" "}
                {t("financing.offer.rate", { rate: rateText(offer.rateBp) })} ·{" "}
                {t("financing.need.term", { months: offer.termMonths })}
              </p>
              {offer.conditions ? <p className="whitespace-pre-line text-sm">{offer.conditions}</p> : null}
              <p className="text-sm font-medium">{t(`financing.offerStatus.${offer.status}`)}</p>
              {viewer.poster && need.status === "OPEN" && offer.status === "OFFERED" ? (
                <Form method="post" className="flex flex-wrap gap-2">
                  <input type="hidden" name="offerId" value={offer.id} />
                  <button type="submit" name="intent" value="accept" className="btn-primary">
                    {t("financing.offer.accept")}
                  </button>
                  <button type="submit" name="intent" value="decline" className="btn-secondary">
                    {t("financing.offer.decline")}
                  </button>
                </Form>
              ) : null}
              {!viewer.poster && !viewer.overseer && offer.status === "OFFERED" ? (
                <Form method="post">
                  <input type="hidden" name="offerId" value={offer.id} />
                  <button type="submit" name="intent" value="withdrawOffer" className="btn-secondary">
                    {t("financing.offer.withdraw")}
                  </button>
                </Form>
              ) : null}
            </li>
          ))}
        </ul>
      </section>

      {need.status === "OPEN" && viewer.institutions.length > 0 ? (
        <OfferForm page={page} lastResult={lastResult} />
      ) : null}

      {accepted ? (
        <section className="space-y-2" aria-labelledby="outcome-title">
          <h2 id="outcome-title" className="text-xl font-semibold">
            {t("financing.outcome.title")}
          </h2>
          {outcome ? (
            <div className="card space-y-1 p-3" data-testid="financing-outcome">
              <p className="font-semibold">
                {t(`financing.kind.${outcome.kind}`)} · {formatMoney(locale, outcome.amountFen)}
              </p>
              <p className="text-sm">
                {t("financing.outcome.dealDate", { date: formatDate(locale, outcome.dealDate) })}
              </p>
              <p className="text-sm font-medium">{t(`financing.outcomeStatus.${outcome.status}`)}</p>
              {outcome.status === "REJECTED" && outcome.rejectReason ? (
                <p className="text-sm text-red-700">
                  {t("financing.outcome.rejectReason", { reason: outcome.rejectReason })}
                </p>
              ) : null}
              {outcome.evidenceUploadId ? (
                <a
                  href={`/financing/${need.id}/evidence/${outcome.evidenceUploadId}`}
                  className="text-sm text-brand-800 underline"
                >
                  {t("financing.outcome.evidence")}
                </a>
              ) : null}
            </div>
          ) : null}
          {viewer.poster && need.status === "ANSWERED" && (!outcome || outcome.status === "REJECTED") ? (
            <RecordForm page={page} lastResult={lastResult} />
          ) : null}
          {viewer.lender && outcome?.status === "RECORDED" ? (
            <LenderDecision lastResult={lastResult} />
          ) : null}
        </section>
      ) : null}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
