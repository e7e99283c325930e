import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { FundersForm, FundersList, RefundRule } from "~/components/cofunding/funders";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { formatMoney } from "~/i18n/format";
import { translate } from "~/i18n/i18n";
import { getLocale } from "~/i18n/i18n.server";
import { useT } from "~/i18n/use-t";
import { FundersActionSchema, type FundersAction } from "~/modules/cofunding/cofunding.schema";
import { fundersHref, fundShare, getFundersView, setFunders } from "~/modules/cofunding/cofunding.server";
import { requireUser } from "~/modules/users/guards.server";
import type { Actor } from "~/modules/users/permissions";
import { domainErrorResponse, isDomainError } from "~/utils/errors";
import { replyInvalid, replyWithDomainError } from "~/utils/forms.server";
import { requestMeta } from "~/utils/request.server";
import { redirectWithToast } from "~/utils/toast.server";

/*
 * /agreements/:id/milestones/:milestoneId/funders — a milestone's payers: who pays which share,
 * what each has paid, the refund rule, the payers form (the paying side, while nothing is paid)
 * and a "pay" button for each share the viewer may pay from.
 */

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  {
    title: data
      ? `${translate(data.locale, "cofunding.pageTitle", { milestone: data.view.milestone.title })} · ${translate(data.locale, "app.name")}`
      : "XiangKe",
  },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const view = await getFundersView(params.id ?? "", params.milestoneId ?? "", user).catch(
    (error: unknown) => {
      throw domainErrorResponse(error);
    },
  );
  // A fresh key per render: a resubmitted "pay" moves money once.
  return { view, locale: await getLocale(request), idempotencyKey: crypto.randomUUID() };
}

const DONE = {
  set: "cofunding.toast.saved",
  clear: "cofunding.toast.cleared",
  fund: "cofunding.toast.funded",
} as const;

function perform(actor: Actor, milestoneId: string, value: FundersAction, meta: { ip: string }) {
  if (value.intent === "fund")
    return fundShare(actor, milestoneId, value.funderId, value.idempotencyKey, meta);
  if (value.intent === "clear") return setFunders(actor, milestoneId, [], meta);
  const funders = value.payers.map((row) =>
    value.unit === "yuan"
      ? { accountId: row.accountId, shareFen: row.amount }
      : { accountId: row.accountId, shareBp: row.amount },
  );
  return setFunders(actor, milestoneId, funders, meta);
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const back = fundersHref(params.id ?? "", params.milestoneId ?? "");
  const submission = parseWithZod(await request.formData(), { schema: FundersActionSchema });
  if (submission.status !== "success") return replyInvalid(submission);
  try {
    await perform(user, params.milestoneId ?? "", submission.value, requestMeta(request, context));
    return redirectWithToast(back, { message: DONE[submission.value.intent] });
  } catch (error) {
    // The payers form shows the refusal beside what was typed; the buttons answer with a toast.
    if (submission.value.intent === "set")
      return replyWithDomainError(submission, error, await getLocale(request));
    if (!isDomainError(error)) throw error;
    return redirectWithToast(back, { type: "error", message: error.messageKey, params: error.params });
  }
}

export default function MilestoneFundersPage() {
  const { view, idempotencyKey } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { t, locale } = useT();
  const { agreement, milestone } = view;
  return (
    <article className="mx-auto max-w-3xl space-y-4">
      <header className="space-y-1">
        <p className="text-sm text-stone-600">
          <Link to={`/agreements/${agreement.id}`} className="link">
            {t("cofunding.back")}
          </Link>
          <span> · {t("cofunding.agreement", { number: agreement.number, title: agreement.title })}</span>
        </p>
        <h1 className="text-2xl font-bold">{t("cofunding.pageTitle", { milestone: milestone.title })}</h1>
        <p className="flex flex-wrap gap-2">
          <span className="font-medium text-brand-800">
            {t("cofunding.amount", { amount: formatMoney(locale, milestone.amountFen) })}
          </span>
          <span className="rounded-full bg-stone-100 px-2 py-0.5 text-sm">
            {t(`escrow.status.${milestone.status}`)}
          </span>
        </p>
        <p className="text-sm text-stone-600">{t("cofunding.hint")}</p>
      </header>
      <FundersList view={view} idempotencyKey={idempotencyKey} />
      <RefundRule />
      {view.canEdit && view.options ? (
        <FundersForm view={view} options={view.options} lastResult={lastResult} />
      ) : null}
    </article>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
