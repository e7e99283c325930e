import { getFormProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FactList } from "~/components/fact-list";
import { Form } from "~/components/form";
import { FormErrors, TextField } from "~/components/forms";
import { useSchemaForm } from "~/components/use-schema-form";
import { VentureDecisionForms } from "~/components/commissioners/decision-forms";
import { formatDate, formatMoney } from "~/i18n/format";
import { getLocale } from "~/i18n/i18n.server";
import { useT } from "~/i18n/use-t";
import { OutcomeSchema, VentureIntentSchema } from "~/modules/commissioners/ventures.schema";
import { refuseVenture, verifyVenture } from "~/modules/commissioners/venture-decisions.server";
import { getVenture, recordOutcome } from "~/modules/commissioners/ventures.server";
import { countyName } from "~/modules/reference/reference";
import { requireUser } from "~/modules/users/guards.server";
import { domainErrorResponse } from "~/utils/errors";
import { replyInvalid, replyWithDomainError } from "~/utils/forms.server";
import { titleMeta } from "~/utils/meta";
import { requestMeta } from "~/utils/request.server";
import { redirectWithToast } from "~/utils/toast.server";

export const meta: MetaFunction<typeof loader> = titleMeta("ventures.title");

/** One venture: who runs it with whom, its outcomes by period; report (holders) or verify (officers). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await requireUser(request);
  const found = await getVenture(viewer, params.id ?? "").catch((error: unknown) => {
    throw domainErrorResponse(error);
  });
  return { ...found, locale: await getLocale(request) };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const ventureId = params.id ?? "";
  const submission = parseWithZod(await request.formData(), { schema: VentureIntentSchema });
  if (submission.status !== "success") return replyInvalid(submission);
  const meta = requestMeta(request, context);
  try {
    const value = submission.value;
    if (value.intent === "verify" || value.intent === "refuse") {
      if (value.intent === "verify") await verifyVenture(user, ventureId, meta);
      else await refuseVenture(user, ventureId, value.reason, meta);
      return redirectWithToast(`/commissioners/ventures/${ventureId}`, {
        message: value.intent === "verify" ? "ventures.toast.verified" : "ventures.toast.refused",
      });
    }
    const { intent: _intent, ...fields } = value;
    await recordOutcome(user, ventureId, fields, meta);
    return redirectWithToast(`/commissioners/ventures/${ventureId}`, { message: "ventures.toast.outcome" });
  } catch (error) {
    return replyWithDomainError(submission, error, await getLocale(request));
  }
}

export default function VenturePage() {
  const { venture, canReport, canVerify } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { t, locale } = useT();
  const [form, fields] = useSchemaForm({ id: "outcome", schema: OutcomeSchema, lastResult });
  const totals = venture.outcomes.reduce(
    (sum, outcome) => ({
      revenue: sum.revenue + outcome.revenueFen,
      jobs: sum.jobs + outcome.jobs,
      households: sum.households + outcome.householdsReached,
    }),
    { revenue: 0, jobs: 0, households: 0 },
  );
  return (
    <section className="mx-auto max-w-xl space-y-4">
      <h1 className="text-2xl font-bold">
        {t(`ventures.role.${venture.role}`)} · {venture.title}
      </h1>
      {venture.refusedAt ? (
        <p className="font-medium text-red-800">{t("ventures.refused", { reason: venture.refusalReason })}</p>
      ) : (
        <p className={venture.verifiedAt ? "font-medium text-green-800" : "font-medium text-amber-800"}>
          {t(venture.verifiedAt ? "ventures.verified" : "ventures.unverified")}
        </p>
      )}
      <FactList
        className="card"
        facts={[
          [
            t("ventures.holder"),
            venture.teamId ? (
              <Link key="team" to={`/commissioners/teams/${venture.teamId}`} className="underline">
                {venture.team?.name}
              </Link>
            ) : (
              <Link key="person" to={`/commissioners/${venture.commissionerId}`} className="underline">
                {venture.commissionerName}
              </Link>
            ),
          ],
          [t("ventures.field.organisation"), venture.organisation.name],
          [t("ventures.county"), countyName(venture.countyCode, locale)],
          [
            t("ventures.dates"),
            `${formatDate(locale, venture.startDate)}–${venture.endDate ? formatDate(locale, venture.endDate) : t("leaves.open")}`,
          ],
          [t("ventures.stake"), venture.stakeBp === null ? "—" : `${venture.stakeBp / 100}%`],
        ]}
      />
      {canVerify ? <VentureDecisionForms lastResult={lastResult} /> : null}
      <div className="card space-y-2">
        <h2 className="text-lg font-semibold">{t("ventures.outcomes")}</h2>
        {venture.outcomes.length === 0 ? <p>{t("ventures.noOutcomes")}</p> : null}
        <ul className="space-y-1">
          {venture.outcomes.map((outcome) => (
            <li key={outcome.id}>
              {t("ventures.outcomeLine", {
                period: outcome.period,
                revenue: formatMoney(locale, outcome.revenueFen),
                jobs: outcome.jobs,
                households: outcome.householdsReached,
              })}
              {outcome.note ? ` · ${outcome.note}` : ""}
            </li>
          ))}
        </ul>
        {venture.outcomes.length > 1 ? (
          <p className="font-medium">
            {t("ventures.totals", {
              revenue: formatMoney(locale, totals.revenue),
              jobs: totals.jobs,
              households: totals.households,
            })}
          </p>
        ) : null}
      </div>
      {canReport ? (
        <Form method="post" {...getFormProps(form)} className="card space-y-3">
          <h2 className="text-lg font-semibold">{t("ventures.reportOutcome")}</h2>
          <FormErrors errors={form.errors} />
          <TextField meta={fields.period} label={t("ventures.field.period")} />
          <TextField meta={fields.revenue} label={t("ventures.field.revenue")} inputMode="decimal" />
          <TextField meta={fields.jobs} label={t("ventures.field.jobs")} inputMode="numeric" />
          <TextField
            meta={fields.householdsReached}
            label={t("ventures.field.households")}
            inputMode="numeric"
          />
          <TextField meta={fields.note} label={t("ventures.field.note")} />
          <button type="submit" name="intent" value="outcome" className="btn-primary w-full">
            {t("ventures.save")}
          </button>
        </Form>
      ) : null}
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
