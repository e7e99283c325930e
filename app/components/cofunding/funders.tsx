import { getFormProps, type SubmissionResult } from "@conform-to/react";
import { useForm } from "~/utils/use-form";
import { parseWithZod } from "@conform-to/zod/v4";
import { Link, useNavigation } from "@remix-run/react";
import { Form } from "~/components/form";
import { ErrorList, FormErrors } from "~/components/forms";
import { formatDate, formatMoney } from "~/i18n/format";
import { useT } from "~/i18n/use-t";
import { FundersActionSchema, MAX_FUNDERS } from "~/modules/cofunding/cofunding.schema";
import type { AccountOption, FundersView } from "~/modules/cofunding/cofunding.server";
import { fenToYuanText } from "~/utils/money";

const percentText = (bp: number) => String(bp / 100);

/** The payers of a milestone, each with its share, whether it has paid, and a "pay" button where the viewer may. */
export function FundersList({ view, idempotencyKey }: { view: FundersView; idempotencyKey: string }) {
  const { t, locale } = useT();
  const busy = useNavigation().state !== "idle";
  if (view.funders.length === 0) return <p className="card text-stone-700">{t("cofunding.single")}</p>;
  return (
    <section aria-labelledby="payers-title" className="card space-y-3">
      <h2 id="payers-title" className="text-lg font-semibold">
        {t("cofunding.payers")}{" "}
        <span className="text-sm font-normal text-stone-600">
          {t("cofunding.summary", { funded: view.fundedCount, total: view.funders.length })}
        </span>
      </h2>
      <ol className="divide-y divide-stone-200">
        {view.funders.map((funder) => (
          <li key={funder.id} className="space-y-2 py-3">
            <div className="flex flex-wrap items-center gap-2">
              <span className="rounded-full bg-stone-100 px-2 py-0.5 text-sm">
                {t(`cofunding.kind.${funder.kind}`)}
              </span>
              <span className="font-medium">{funder.name}</span>
              <span className="ml-auto">
                {t("cofunding.share", {
                  amount: formatMoney(locale, funder.shareFen),
                  percent: percentText(funder.shareBp),
                })}
              </span>
            </div>
            <p className="text-sm text-stone-700">
              {view.milestone.refundedAt && funder.fundedAt
                ? t("cofunding.status.refunded")
                : funder.fundedAt
                  ? t("cofunding.status.funded", { date: formatDate(locale, funder.fundedAt) })
                  : t("cofunding.status.pending")}
            </p>
            {funder.canFund ? (
              <Form method="post" className="space-y-1">
                <input type="hidden" name="intent" value="fund" />
                <input type="hidden" name="funderId" value={funder.id} />
                <input type="hidden" name="idempotencyKey" value={idempotencyKey} />
                <button type="submit" className="btn-primary w-full sm:w-auto" disabled={busy}>
                  {t("cofunding.action.fund", { amount: formatMoney(locale, funder.shareFen) })}
                </button>
                <p className="text-sm text-stone-600">{t("cofunding.action.fundHint")}</p>
              </Form>
            ) : null}
            {funder.fundNeedsFinance ? (
              <p role="note" className="rounded-lg border-l-4 border-amber-500 bg-amber-50 px-3 py-2 text-sm">
                {t("wallet.errors.finance_permission_required")}
              </p>
            ) : null}
          </li>
        ))}
      </ol>
    </section>
  );
}

/** The split rule in words, as splitByShares applies it. */
export function RefundRule() {
  const { t } = useT();
  return (
    <section aria-labelledby="rule-title" className="card space-y-2 text-sm text-stone-800">
      <h2 id="rule-title" className="text-base font-semibold">
        {t("cofunding.rule.title")}
      </h2>
      <p>{t("cofunding.rule.release")}</p>
      <p>{t("cofunding.rule.refund")}</p>
      <p>{t("cofunding.rule.partial")}</p>
      <p>{t("cofunding.rule.percent")}</p>
    </section>
  );
}

/** The paying side names up to five payers with their shares, in yuan or percent. Works without JavaScript. */
export function FundersForm({
  view,
  options,
  lastResult,
}: {
  view: FundersView;
  options: { programmes: AccountOption[]; organisations: AccountOption[] };
  lastResult?: SubmissionResult<string[]> | null;
}) {
  const { t, locale } = useT();
  const busy = useNavigation().state !== "idle";
  const rows = Array.from({ length: MAX_FUNDERS }, (_, i) => {
    const funder = view.funders[i];
    return funder
      ? { account: funder.accountId, amount: fenToYuanText(funder.shareFen) }
      : { account: "", amount: "" };
  });
  const [form, fields] = useForm({
    id: "funders",
    lastResult,
    defaultValue: { intent: "set", unit: "yuan", payers: rows },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: FundersActionSchema }),
  });
  const payerRows = fields.payers.getFieldList();
  return (
    <section aria-labelledby="funders-form-title" className="card space-y-3">
      <h2 id="funders-form-title" className="text-lg font-semibold">
        {t("cofunding.form.title")}
      </h2>
      <p className="text-sm text-stone-600">{t("cofunding.form.hint", { max: MAX_FUNDERS })}</p>
      <Form method="post" {...getFormProps(form)} className="space-y-3">
        <FormErrors errors={form.errors} />
        <input type="hidden" name="intent" value="set" />
        <fieldset className="space-y-1">
          <legend className="font-medium">{t("cofunding.field.unit")}</legend>
          {(["yuan", "percent"] as const).map((unit) => (
            <label key={unit} className="mr-4 inline-flex items-center gap-2">
              <input
                type="radio"
                name={fields.unit.name}
                value={unit}
                defaultChecked={(fields.unit.initialValue ?? "yuan") === unit}
              />
              {t(`cofunding.unit.${unit}`)}
            </label>
          ))}
        </fieldset>
        <ErrorList errors={fields.payers.errors} />
        {payerRows.map((row, index) => {
          const { account, amount } = row.getFieldset();
          return (
            <div key={row.key} className="grid gap-2 sm:grid-cols-[2fr_1fr]">
              <div className="space-y-1">
                <label htmlFor={account.id} className="block text-sm font-medium">
                  {t("cofunding.field.account", { index: index + 1 })}
                </label>
                <select
                  id={account.id}
                  name={account.name}
                  defaultValue={(account.initialValue as string | undefined) ?? ""}
                  className="input"
                  aria-invalid={account.errors?.length ? true : undefined}
                  aria-describedby={account.errors?.length ? account.errorId : undefined}
                >
                  <option value="">{t("cofunding.option.none")}</option>
                  <option value={view.payer.accountId}>
                    {t("cofunding.option.payer", { name: view.payer.name })}
                  </option>
                  {options.programmes.length > 0 ? (
                    <optgroup label={t("cofunding.group.programmes")}>
                      {options.programmes.map((p) => (
                        <option key={p.accountId} value={p.accountId}>
                          {t("cofunding.option.programme", {
                            name: p.name,
                            available: formatMoney(locale, p.availableFen ?? 0),
                          })}
                        </option>
                      ))}
                    </optgroup>
                  ) : null}
                  {options.organisations.length > 0 ? (
                    <optgroup label={t("cofunding.group.organisations")}>
                      {options.organisations.map((o) => (
                        <option key={o.accountId} value={o.accountId}>
                          {o.name}
                        </option>
                      ))}
                    </optgroup>
                  ) : null}
                </select>
                <ErrorList id={account.errorId} errors={account.errors} />
              </div>
              <div className="space-y-1">
                <label htmlFor={amount.id} className="block text-sm font-medium">
                  {t("cofunding.field.amount", { index: index + 1 })}
                </label>
                <input
                  id={amount.id}
                  name={amount.name}
                  defaultValue={(amount.initialValue as string | undefined) ?? ""}
                  inputMode="decimal"
                  className="input"
                  aria-invalid={amount.errors?.length ? true : undefined}
                  aria-describedby={amount.errors?.length ? amount.errorId : undefined}
                />
                <ErrorList id={amount.errorId} errors={amount.errors} />
              </div>
            </div>
          );
        })}
        <button type="submit" className="btn-primary w-full sm:w-auto" disabled={busy}>
          {t("cofunding.action.save")}
        </button>
      </Form>
      {view.funders.length > 0 ? (
        <Form method="post">
          <button
            type="submit"
            name="intent"
            value="clear"
            className="btn-secondary w-full sm:w-auto"
            disabled={busy}
          >
            {t("cofunding.action.clear")}
          </button>
        </Form>
      ) : null}
    </section>
  );
}

/** On a milestone card: "co-funded, k of n paid" and the way to the payers page (or to set them up). */
export function CofundingLink({
  href,
  summary,
  canSetUp,
}: {
  href: string;
  summary?: { payers: number; funded: number };
  canSetUp: boolean;
}) {
  const { t } = useT();
  if (!summary && !canSetUp) return null;
  return (
    <p className="flex flex-wrap items-center gap-2 text-sm">
      {summary ? (
        <span className="rounded-full bg-amber-100 px-2 py-0.5 text-amber-900">
          {t("cofunding.summary", { funded: summary.funded, total: summary.payers })}
        </span>
      ) : null}
      <Link to={href} className="link">
        {summary ? t("cofunding.link") : t("cofunding.setUp")}
      </Link>
    </p>
  );
}

type Copay = {
  funderId: string;
  shareFen: number;
  fundedAt: string | null;
  milestone: { title: string; status: string };
  agreement: { number: string };
  href: string;
};

/** The bureau's programme page: the milestones this programme co-pays, with their funded state. */
export function ProgrammeCopays({ copays }: { copays: Copay[] }) {
  const { t, locale } = useT();
  return (
    <section aria-labelledby="copays-title" className="space-y-2">
      <h2 id="copays-title" className="text-xl font-semibold">
        {t("cofunding.programme.title")}
      </h2>
      {copays.length === 0 ? <p>{t("cofunding.programme.empty")}</p> : null}
      <ul className="space-y-2">
        {copays.map((copay) => (
          <li key={copay.funderId} className="card flex flex-wrap items-center justify-between gap-2">
            <Link to={copay.href} className="link">
              {t("cofunding.programme.row", {
                number: copay.agreement.number,
                milestone: copay.milestone.title,
              })}
            </Link>
            <span className="text-sm">
              {formatMoney(locale, copay.shareFen)} ·{" "}
              {copay.fundedAt
                ? t("cofunding.status.funded", { date: formatDate(locale, copay.fundedAt) })
                : t("cofunding.status.pending")}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
