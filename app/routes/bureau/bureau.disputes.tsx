import { randomUUID } from "node:crypto";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { DisputeCard } from "~/components/agreements/dispute-card";
import { getLocale } from "~/i18n/i18n.server";
import { translate } from "~/i18n/i18n";
import { useT } from "~/i18n/use-t";
import { ResolveDisputeSchema } from "~/modules/escrow/escrow.schema";
import { listOpenDisputes, resolveDispute } from "~/modules/escrow/escrow.server";
import { requirePermission } from "~/modules/users/guards.server";
import { replyInvalid, replyWithDomainError } from "~/utils/forms.server";
import { requestMeta } from "~/utils/request.server";
import { redirectWithToast } from "~/utils/toast.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  {
    title: data
      ? `${translate(data.locale, "escrow.disputes.title")} · ${translate(data.locale, "app.name")}`
      : "XiangKe",
  },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "dispute.resolve");
  const [disputes, locale] = await Promise.all([listOpenDisputes(user), getLocale(request)]);
  // A fresh key per render: a double submit of one ruling is carried out once.
  return { disputes, locale, idempotencyKey: randomUUID() };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, "dispute.resolve");
  const submission = parseWithZod(await request.formData(), { schema: ResolveDisputeSchema });
  if (submission.status !== "success") return replyInvalid(submission);
  // The form field is named for what the person types (yuan); its parsed value is fen.
  const { milestoneId, payeeYuan: payeeFen, note, idempotencyKey } = submission.value;
  try {
    await resolveDispute(
      user,
      milestoneId,
      { payeeFen, note },
      idempotencyKey,
      requestMeta(request, context),
    );
    return redirectWithToast("/bureau/disputes", { message: "escrow.toast.resolved" });
  } catch (error) {
    return replyWithDomainError(submission, error, await getLocale(request));
  }
}

export default function DisputesPage() {
  const { disputes, idempotencyKey } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { t } = useT();
  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <h1 className="text-2xl font-bold">{t("escrow.disputes.title")}</h1>
      <p className="text-stone-600">{t("escrow.disputes.hint")}</p>
      {disputes.length === 0 ? <p className="card text-stone-600">{t("escrow.disputes.empty")}</p> : null}
      <ul className="space-y-4">
        {disputes.map((dispute) => (
          <DisputeCard
            key={dispute.id}
            dispute={dispute}
            idempotencyKey={idempotencyKey}
            lastResult={lastResult?.initialValue?.milestoneId === dispute.id ? lastResult : undefined}
          />
        ))}
      </ul>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
