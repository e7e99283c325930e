import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import {
  SanctionKindForm,
  SanctionSubjectCheckbox,
  type SanctionIntent,
} from "~/components/sanctions/sanction-form";
import { formatMoney } from "~/i18n/format";
import { getLocale } from "~/i18n/i18n.server";
import { translate } from "~/i18n/i18n";
import { useT } from "~/i18n/use-t";
import { confirmedFlagRule } from "~/modules/monitoring/monitoring.server";
import { findUserIdByPhone, getSanctionFormContext } from "~/modules/sanctions/sanctions.queries.server";
import { NewSanctionSchema } from "~/modules/sanctions/sanctions.schema";
import { ban, clawBack, suspend } from "~/modules/sanctions/sanctions.server";
import { requirePermission } from "~/modules/users/guards.server";
import { DomainError } from "~/utils/errors";
import { replyWithDomainError } from "~/utils/forms.server";
import { requestMeta } from "~/utils/request.server";
import { redirectWithToast } from "~/utils/toast.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  {
    title: data
      ? `${translate(data.locale, "sanctions.newTitle")} · ${translate(data.locale, "app.name")}`
      : "XiangKe",
  },
];

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "sanction.apply");
  const params = new URL(request.url).searchParams;
  const applicationId = params.get("application");
  const flagId = params.get("flag");
  const [context, locale, flagRule] = await Promise.all([
    getSanctionFormContext(applicationId),
    getLocale(request),
    applicationId && flagId ? confirmedFlagRule(flagId.slice(0, 40), applicationId) : null,
  ]);
  // From a confirmed monitoring flag: the reason starts from what the flag found.
  const reason = flagRule
    ? translate(locale, "sanctions.form.fromFlag", { rule: translate(locale, `monitoring.rule.${flagRule}`) })
    : undefined;
  return { ...context, locale, reason };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, "sanction.apply");
  const submission = parseWithZod(await request.formData(), { schema: NewSanctionSchema });
  const intent = submission.payload.intent;
  if (submission.status !== "success") return data({ intent, reply: submission.reply() }, { status: 400 });
  const value = submission.value;
  const meta = requestMeta(request, context);
  try {
    if (value.intent === "suspend") {
      const { id } = await suspend(user, value.applicationId, value.reason, meta);
      return redirectWithToast(`/bureau/sanctions/${id}`, { message: "sanctions.toast.suspended" });
    }
    if (value.intent === "clawback") {
      const { id } = await clawBack(
        user,
        value.applicationId,
        { amountFen: value.amountYuan, reason: value.reason },
        meta,
      );
      return redirectWithToast(`/bureau/sanctions/${id}`, { message: "sanctions.toast.clawedBack" });
    }
    const userId = value.userId || (value.phone ? await findUserIdByPhone(value.phone) : null);
    if (value.phone && !userId) throw new DomainError("sanction.subject_not_found");
    const { id } = await ban(
      user,
      {
        organisationId: value.organisationId,
        userId,
        applicationId: value.applicationId,
        reason: value.reason,
      },
      meta,
    );
    return redirectWithToast(`/bureau/sanctions/${id}`, { message: "sanctions.toast.banned" });
  } catch (error) {
    const refused = replyWithDomainError(submission, error, await getLocale(request));
    return data({ intent, reply: refused.data }, { status: refused.init?.status ?? 400 });
  }
}

export default function NewSanctionPage() {
  const { application, organisations, reason } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t, locale } = useT();
  const reply = (intent: SanctionIntent) => (actionData?.intent === intent ? actionData.reply : undefined);
  return (
    <div className="mx-auto max-w-2xl space-y-4">
      <h1 className="text-2xl font-bold">{t("sanctions.newTitle")}</h1>
      {application ? (
        <div className="card space-y-1">
          <p className="font-semibold">{t("sanctions.form.forApplication", { title: application.title })}</p>
          <p className="text-sm text-stone-600">
            {t("sanctions.form.disbursed", { amount: formatMoney(locale, application.disbursedFen) })}
          </p>
          {application.suspendedAt ? (
            <p className="text-sm text-red-800">{t("sanctions.form.suspended")}</p>
          ) : null}
        </div>
      ) : null}
      {application ? (
        <>
          <SanctionKindForm
            intent="suspend"
            lastResult={reply("suspend")}
            applicationId={application.id}
            defaultReason={reason}
          />
          <SanctionKindForm
            intent="clawback"
            lastResult={reply("clawback")}
            applicationId={application.id}
            claimableFen={application.claimableFen}
            defaultReason={reason}
          />
        </>
      ) : null}
      <SanctionKindForm
        intent="ban"
        lastResult={reply("ban")}
        applicationId={application?.id}
        organisations={organisations}
        defaultReason={reason}
      >
        {application ? (
          <fieldset className="space-y-2">
            {application.organisation ? (
              <SanctionSubjectCheckbox
                name="organisationId"
                value={application.organisation.id}
                label={t("sanctions.field.banOrganisation", { name: application.organisation.name })}
              />
            ) : null}
            {application.applicant ? (
              <SanctionSubjectCheckbox
                name="userId"
                value={application.applicant.id}
                label={t("sanctions.field.banPerson", { name: application.applicant.displayName })}
              />
            ) : null}
          </fieldset>
        ) : null}
      </SanctionKindForm>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
