import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { PairingReportForm } from "~/components/pairings/pairing-forms";
import { getLocale } from "~/i18n/i18n.server";
import { useT } from "~/i18n/use-t";
import { pairingPage } from "~/modules/pairings/pairings.queries.server";
import { MAX_PAIRING_PHOTOS, PairingReportSchema } from "~/modules/pairings/pairings.schema";
import { filePairingReport } from "~/modules/pairings/pairings.server";
import { MAX_IMAGE_BYTES, parseUploadForm } from "~/modules/uploads/uploads.server";
import { requireUser } from "~/modules/users/guards.server";
import { luoyangYear } from "~/utils/dates";
import { domainErrorResponse } from "~/utils/errors";
import { replyInvalid, replyWithDomainError } from "~/utils/forms.server";
import { titleMeta } from "~/utils/meta";
import { requestMeta } from "~/utils/request.server";
import { redirectWithToast } from "~/utils/toast.server";

export const meta: MetaFunction<typeof loader> = titleMeta("pairings.report.title");

// Only the institution files reports; the county reads them on the pairing's page.
async function requireMember(request: Request, id: string) {
  const user = await requireUser(request);
  const page = await pairingPage(user, id).catch((error: unknown) => {
    throw domainErrorResponse(error);
  });
  if (!page.member) throw new Response("Not found", { status: 404 });
  return { user, page };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { page } = await requireMember(request, params.id ?? "");
  return {
    pairing: {
      id: page.pairing.id,
      status: page.pairing.status,
      organisation: page.pairing.organisation.name,
    },
    commitments: page.pairing.commitments.map((c) => ({ id: c.id, kind: c.kind })),
    year: luoyangYear(new Date()),
    locale: await getLocale(request),
  };
}

// With JavaScript, files go out shrunk, with a progress bar and 重试 after a drop.
export { uploadingClientAction as clientAction } from "~/utils/upload-submit";

export async function action({ request, params, context }: ActionFunctionArgs) {
  const id = params.id ?? "";
  const { user } = await requireMember(request, id);
  const locale = await getLocale(request);
  let formData: FormData;
  try {
    formData = await parseUploadForm(request, {
      maxFiles: MAX_PAIRING_PHOTOS,
      maxFileBytes: MAX_IMAGE_BYTES,
    });
  } catch (error) {
    return replyWithDomainError(parseWithZod(new FormData(), { schema: PairingReportSchema }), error, locale);
  }
  const submission = parseWithZod(formData, { schema: PairingReportSchema });
  if (submission.status !== "success") return replyInvalid(submission);
  const { photos, ...fields } = submission.value;
  try {
    await filePairingReport(user, id, fields, photos, requestMeta(request, context));
    return redirectWithToast(`/pairings/${id}`, { message: "pairings.toast.reported" });
  } catch (error) {
    return replyWithDomainError(submission, error, locale);
  }
}

export default function PairingReportPage() {
  const { pairing, commitments, year } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { t } = useT();
  return (
    <section className="mx-auto max-w-xl space-y-4">
      <h1 className="text-2xl font-bold">{t("pairings.report.title")}</h1>
      <p>{pairing.organisation}</p>
      {pairing.status === "ACTIVE" ? (
        <PairingReportForm commitments={commitments} year={year} lastResult={lastResult} />
      ) : (
        <p className="card">{t("pairings.report.notActive")}</p>
      )}
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
