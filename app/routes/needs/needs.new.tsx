import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { NeedForm } from "~/components/needs/need-form";
import { getLocale } from "~/i18n/i18n.server";
import { translate } from "~/i18n/i18n";
import { useT } from "~/i18n/use-t";
import { fieldsOf, readNeedForm } from "~/modules/needs/needs.forms.server";
import { createNeed, getPosterContext } from "~/modules/needs/needs.server";
import { requirePermission } from "~/modules/users/guards.server";
import { replyInvalid, replyWithDomainError } from "~/utils/forms.server";
import { requestMeta } from "~/utils/request.server";
import { redirectWithToast } from "~/utils/toast.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  {
    title: data
      ? `${translate(data.locale, "needs.newTitle")} · ${translate(data.locale, "app.name")}`
      : "XiangKe",
  },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "need.post");
  const [poster, locale] = await Promise.all([getPosterContext(user.id), getLocale(request)]);
  return { ...poster, locale };
}

// With JavaScript, files go out shrunk, with a progress bar and 重试 after a drop.
export { uploadingClientAction as clientAction } from "~/utils/upload-submit";

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, "need.post");
  const locale = await getLocale(request);
  const read = await readNeedForm(request, locale);
  if (read.refused) return read.refused;
  const { submission } = read;
  if (submission.status !== "success") return replyInvalid(submission);
  try {
    const { id, published } = await createNeed({
      actor: user,
      organisationId: submission.value.organisationId,
      fields: fieldsOf(submission.value),
      photos: submission.value.photos,
      publish: submission.value.intent === "publish",
      meta: requestMeta(request, context),
    });
    const tried = submission.value.intent === "publish";
    return redirectWithToast(`/needs/${id}`, {
      message: published ? "needs.published" : tried ? "needs.errors.not_verified" : "needs.saved",
      type: tried && !published ? "info" : "success",
    });
  } catch (error) {
    return replyWithDomainError(submission, error, locale);
  }
}

export default function NewNeedPage() {
  const { organisations, canPublish, countyCode } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { t } = useT();
  return (
    <section className="mx-auto max-w-2xl">
      <h1 className="mb-4 text-2xl font-bold">{t("needs.newTitle")}</h1>
      <NeedForm
        lastResult={lastResult}
        organisations={organisations}
        canPublish={canPublish}
        defaults={{ organisationId: organisations[0]?.id, countyCode, urgency: "NORMAL", kind: "TECHNICAL" }}
      />
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
