import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Form } from "~/components/form";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { formatDate } from "~/i18n/format";
import { getLocale } from "~/i18n/i18n.server";
import { translate } from "~/i18n/i18n";
import { useT } from "~/i18n/use-t";
import { requirePermission } from "~/modules/users/guards.server";
import { QueueFiltersSchema } from "~/modules/verification/verification.schema";
import { listVerificationQueue } from "~/modules/verification/verification.server";
import { VerificationDetails } from "~/components/verification/verification-views";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  {
    title: data
      ? `${translate(data.locale, "verification.queueTitle")} · ${translate(data.locale, "app.name")}`
      : "XiangKe",
  },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "verification.review");
  const filters = QueueFiltersSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const [requests, locale] = await Promise.all([listVerificationQueue(user, filters), getLocale(request)]);
  return { requests, filters, locale };
}

export default function VerificationQueuePage() {
  const { requests, filters } = useLoaderData<typeof loader>();
  const { t, locale } = useT();
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">{t("verification.queueTitle")}</h1>
      {/* A GET form: filtering works without JavaScript and the URL can be shared. */}
      <Form method="get" className="card flex flex-wrap items-end gap-3">
        <label className="space-y-1">
          <span className="block text-sm text-stone-700">{t("verification.filterSubject")}</span>
          <select name="subject" defaultValue={filters.subject ?? ""} className="input">
            <option value="">{t("verification.filterAll")}</option>
            <option value="ORGANISATION">{t("verification.subject.ORGANISATION")}</option>
            <option value="PERSON">{t("verification.subject.PERSON")}</option>
          </select>
        </label>
        <label className="space-y-1">
          <span className="block text-sm text-stone-700">{t("verification.filterStatus")}</span>
          <select name="status" defaultValue={filters.status} className="input">
            {(["PENDING", "APPROVED", "REJECTED"] as const).map((status) => (
              <option key={status} value={status}>
                {t(`verification.status.${status}`)}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="btn-secondary">
          {t("verification.filterApply")}
        </button>
      </Form>
      {requests.length === 0 ? <p className="card text-stone-600">{t("verification.queueEmpty")}</p> : null}
      <ul className="space-y-3">
        {requests.map((request) => (
          <li key={request.id} className="card space-y-2">
            <p className="flex flex-wrap items-center gap-2">
              <span className="rounded-full bg-stone-100 px-2 py-0.5 text-xs">
                {t(`verification.subject.${request.subject}`)}
              </span>
              <span className="font-semibold">{request.subjectName}</span>
              {request.organisation ? (
                <span className="text-sm text-stone-600">{t(`orgType.${request.organisation.type}`)}</span>
              ) : null}
              {request.person ? (
                <span className="text-sm text-stone-600">{t(`role.${request.person.primaryRole}`)}</span>
              ) : null}
            </p>
            <p className="text-sm text-stone-600">
              {t("verification.submittedAt", { date: formatDate(locale, request.createdAt) })} ·{" "}
              {t("verification.submittedBy", { name: request.submittedBy.displayName })}
            </p>
            <VerificationDetails details={request.details} />
            <Link
              to={`/bureau/verifications/${request.id}`}
              className={request.status === "PENDING" ? "btn-primary" : "btn-secondary"}
            >
              {request.status === "PENDING" ? t("verification.open") : t("verification.view")}
            </Link>
          </li>
        ))}
      </ul>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
