import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ChangesAwaiting, FlagCard } from "~/components/monitoring/flag-review";
import { getLocale } from "~/i18n/i18n.server";
import { useT } from "~/i18n/use-t";
import { FlagIntentSchema } from "~/modules/monitoring/monitoring.schema";
import {
  changeRequestsAwaiting,
  flagOverdueReports,
  listFlags,
  reviewFlag,
} from "~/modules/monitoring/monitoring.server";
import { can, rolesOf } from "~/modules/users/permissions";
import { requirePermission } from "~/modules/users/guards.server";
import { replyInvalid, replyWithDomainError } from "~/utils/forms.server";
import { titleMeta } from "~/utils/meta";
import { redirectWithToast } from "~/utils/toast.server";

export const meta: MetaFunction<typeof loader> = titleMeta("monitoring.queueTitle");

const STATUSES = ["OPEN", "DISMISSED", "CONFIRMED", "ALL"] as const;
const Filters = z.object({ status: z.enum(STATUSES).catch("OPEN").default("OPEN") });

/** 监管队列: flags of likely 挤占/截留/挪用; the city sees all counties, a county officer theirs. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "monitoring.read");
  const { status } = Filters.parse(Object.fromEntries(new URL(request.url).searchParams));
  // Overdue reports are found by asking (idempotent: one flag per missing report), so the queue is current.
  await flagOverdueReports();
  const [flags, awaiting, locale] = await Promise.all([
    listFlags(user, status),
    changeRequestsAwaiting(user),
    getLocale(request),
  ]);
  const mayReview = can(user, "monitoring.review") && rolesOf(user).has("BUREAU");
  return { flags, awaiting, status, locale, mayReview };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, "monitoring.read");
  const submission = parseWithZod(await request.formData(), { schema: FlagIntentSchema });
  if (submission.status !== "success") return replyInvalid(submission);
  try {
    const { applicationId, status } = await reviewFlag(user, submission.value);
    // A confirmed flag goes on to the sanctions: 停拨, 追缴 or the ban, on the existing form.
    return status === "CONFIRMED"
      ? redirectWithToast(
          `/bureau/sanctions/new?application=${applicationId}&flag=${submission.value.flagId}`,
          {
            message: "monitoring.toast.confirmed",
          },
        )
      : redirectWithToast("/bureau/monitoring", { message: "monitoring.toast.dismissed" });
  } catch (error) {
    return replyWithDomainError(submission, error, await getLocale(request));
  }
}

export default function MonitoringQueuePage() {
  const { t } = useT();
  const { flags, awaiting, status, mayReview } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  return (
    <section className="mx-auto max-w-3xl space-y-4">
      <h1 className="text-2xl font-bold">{t("monitoring.queueTitle")}</h1>
      <p className="text-stone-700">{t("monitoring.queueHint")}</p>
      {awaiting.length ? <ChangesAwaiting requests={awaiting} /> : null}
      <nav className="flex flex-wrap gap-3" aria-label={t("monitoring.queueFilter")}>
        {STATUSES.map((value) => (
          <Link
            key={value}
            to={`?status=${value}`}
            aria-current={status === value ? "page" : undefined}
            className="link"
          >
            {t(`monitoring.flagFilter.${value}`)}
          </Link>
        ))}
      </nav>
      {flags.length === 0 ? <p className="card">{t("monitoring.queueEmpty")}</p> : null}
      {flags.map((flag) => (
        <FlagCard key={flag.id} flag={flag} mayReview={mayReview} lastResult={lastResult} />
      ))}
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
