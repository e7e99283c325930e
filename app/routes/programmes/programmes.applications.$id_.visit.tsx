import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { SiteVisitForm } from "~/components/monitoring/report-forms";
import { getLocale } from "~/i18n/i18n.server";
import { useT } from "~/i18n/use-t";
import { MAX_REPORT_PHOTOS, SiteVisitSchema } from "~/modules/monitoring/monitoring.schema";
import { recordSiteVisit, reportsPage } from "~/modules/monitoring/monitoring.server";
import { MAX_IMAGE_BYTES, parseUploadForm } from "~/modules/uploads/uploads.server";
import { requireUser } from "~/modules/users/guards.server";
import { replyInvalid, replyWithDomainError } from "~/utils/forms.server";
import { titleMeta } from "~/utils/meta";
import { readWithLocale } from "~/utils/route-data.server";
import { redirectWithToast } from "~/utils/toast.server";

export const meta: MetaFunction<typeof loader> = titleMeta("monitoring.visitTitle");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const [page, locale] = await readWithLocale(request, reportsPage(user, params.id ?? ""));
  if (!page.mayVisit) throw new Response("Not found", { status: 404 });
  return { project: page.project, locale };
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
    return replyWithDomainError(parseWithZod(new FormData(), { schema: SiteVisitSchema }), error, locale);
  }
  const submission = parseWithZod(formData, { schema: SiteVisitSchema });
  if (submission.status !== "success") return replyInvalid(submission);
  const { photos, ...fields } = submission.value;
  try {
    await recordSiteVisit(user, id, fields, photos);
    return redirectWithToast(`/programmes/applications/${id}/reports`, {
      message: "monitoring.toast.visited",
    });
  } catch (error) {
    return replyWithDomainError(submission, error, locale);
  }
}

export default function SiteVisitPage() {
  const { t } = useT();
  const { project } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  return (
    <section className="mx-auto max-w-xl space-y-4">
      <h1 className="text-2xl font-bold">{t("monitoring.visitTitle")}</h1>
      <p>{project.title}</p>
      <SiteVisitForm lastResult={lastResult} />
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
