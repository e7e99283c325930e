import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { NeedForm } from "~/components/needs/need-form";
import { getLocale } from "~/i18n/i18n.server";
import { translate } from "~/i18n/i18n";
import { useT } from "~/i18n/use-t";
import { fieldsOf, readNeedForm } from "~/modules/needs/needs.forms.server";
import { getNeedForEdit } from "~/modules/needs/needs.queries.server";
import { getPosterContext, updateNeed } from "~/modules/needs/needs.server";
import { requireUser } from "~/modules/users/guards.server";
import { domainErrorResponse } from "~/utils/errors";
import { replyInvalid, replyWithDomainError } from "~/utils/forms.server";
import { fenToYuanText } from "~/utils/money";
import { requestMeta } from "~/utils/request.server";
import { redirectWithToast } from "~/utils/toast.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  {
    title: data
      ? `${translate(data.locale, "needs.editTitle")} · ${translate(data.locale, "app.name")}`
      : "XiangKe",
  },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const need = await getNeedForEdit(params.id!, user).catch((error: unknown) => {
    throw domainErrorResponse(error);
  });
  const [poster, locale] = await Promise.all([getPosterContext(user.id), getLocale(request)]);
  const deadline = need.deadline
    ? new Date(need.deadline.getTime() + 8 * 3600_000).toISOString().slice(0, 10)
    : undefined;
  return {
    locale,
    canPublish: poster.canPublish,
    status: need.status,
    photos: need.photos,
    defaults: {
      kind: need.kind,
      title: need.title,
      description: need.description,
      industry: need.industry,
      countyCode: need.countyCode,
      village: need.village ?? undefined,
      budgetMin: need.budgetMinFen === null ? undefined : fenToYuanText(need.budgetMinFen),
      budgetMax: need.budgetMaxFen === null ? undefined : fenToYuanText(need.budgetMaxFen),
      urgency: need.urgency,
      arrangements: need.arrangements,
      deadline,
      productName: need.productName ?? undefined,
      origin: need.origin ?? undefined,
      story: need.story ?? undefined,
      brandServices: need.brandServices,
      invitationOnly: need.invitationOnly ? "on" : undefined,
    },
  };
}

// With JavaScript, files go out shrunk, with a progress bar and 重试 after a drop.
export { uploadingClientAction as clientAction } from "~/utils/upload-submit";

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const locale = await getLocale(request);
  const read = await readNeedForm(request, locale);
  if (read.refused) return read.refused;
  const { submission } = read;
  if (submission.status !== "success") return replyInvalid(submission);
  try {
    const { published } = await updateNeed({
      actor: user,
      needId: params.id!,
      fields: fieldsOf(submission.value),
      photos: submission.value.photos,
      removePhotoIds: submission.value.removePhotoIds,
      publish: submission.value.intent === "publish",
      meta: requestMeta(request, context),
    });
    return redirectWithToast(`/needs/${params.id}`, {
      message: published ? "needs.published" : "needs.updated",
    });
  } catch (error) {
    return replyWithDomainError(submission, error, locale);
  }
}

export default function EditNeedPage() {
  const { defaults, photos, canPublish, status } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { t } = useT();
  return (
    <section className="mx-auto max-w-2xl">
      <h1 className="mb-4 text-2xl font-bold">{t("needs.editTitle")}</h1>
      <NeedForm
        lastResult={lastResult}
        defaults={defaults}
        organisations={[]}
        photos={photos}
        canPublish={canPublish}
        showDraftButton={status === "DRAFT"}
      />
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
