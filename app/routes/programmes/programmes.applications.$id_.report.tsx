import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ProgressReportForm } from "~/components/monitoring/report-forms";
import { getLocale } from "~/i18n/i18n.server";
import { useT } from "~/i18n/use-t";
import { MAX_REPORT_PHOTOS, ProgressReportSchema } from "~/modules/monitoring/monitoring.schema";
import { fileProgressReport, reportsPage } from "~/modules/monitoring/monitoring.server";
import { MAX_IMAGE_BYTES, parseUploadForm } from "~/modules/uploads/uploads.server";
import { requireUser } from "~/modules/users/guards.server";
import { replyInvalid, replyWithDomainError } from "~/utils/forms.server";
import { titleMeta } from "~/utils/meta";
import { readWithLocale } from "~/utils/route-data.server";
import { redirectWithToast } from "~/utils/toast.server";

export const meta: MetaFunction<typeof loader> = titleMeta("monitoring.reportTitle");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const [page, locale] = await readWithLocale(request, reportsPage(user, params.id ?? ""));
  if (!page.member) throw new Response("Not found", { status: 404 });
  const asked = Number(new URL(request.url).searchParams.get("period"));
  const open = page.schedule.find((slot) => slot.period === asked && !slot.filed)?.period ?? page.nextPeriod;
  return { project: page.project, period: open, locale };
}

// With JavaScript, files go out shrunk, with a progress bar and 重试 after a drop.
export { uploadingClientAction as clientAction } from "~/utils/upload-submit";

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const locale = await getLocale(request);
  const id = params.id ?? "";
  let formData: FormData;
  try {
    formData = await parseUploadForm(request, { maxFiles: MAX_REPORT_PHOTOS, maxFileBytes: MAX_IMAGE_BYTES });
  } catch (error) {
    return replyWithDomainError(
      parseWithZod(new FormData(), { schema: ProgressReportSchema }),
      error,
      locale,
    );
  }
  const submission = parseWithZod(formData, { schema: ProgressReportSchema });
  if (submission.status !== "success") return replyInvalid(submission);
  const { photos, ...fields } = submission.value;
  try {
    await fileProgressReport(user, id, fields, photos);
    return redirectWithToast(`/programmes/applications/${id}/reports`, {
      message: "monitoring.toast.reported",
    });
  } catch (error) {
    return replyWithDomainError(submission, error, locale);
  }
}

export default function ProgressReportPage() {
  const { t } = useT();
  const { project, period } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  return (
    <section className="mx-auto max-w-xl space-y-4">
      <h1 className="text-2xl font-bold">{t("monitoring.reportTitle")}</h1>
      <p>{project.title}</p>
      {period ? (
        <>
          <p>{t("monitoring.reportingPeriod", { period })}</p>
          <ProgressReportForm period={period} lastResult={lastResult} />
        </>
      ) : (
        <p className="card">{t("monitoring.nothingDue")}</p>
      )}
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
