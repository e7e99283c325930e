import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { getLocale } from "~/i18n/i18n.server";
import { translate } from "~/i18n/i18n";
import { useT } from "~/i18n/use-t";
import { OfferFormSchema } from "~/modules/offers/offers.schema";
import { createOffer, getPostingOptions } from "~/modules/offers/offers.server";
import { requirePermission } from "~/modules/users/guards.server";
import { replyInvalid, replyWithDomainError } from "~/utils/forms.server";
import { requestMeta } from "~/utils/request.server";
import { redirectWithToast } from "~/utils/toast.server";
import { OfferForm } from "~/components/offers/offer-form";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  {
    title: data
      ? `${translate(data.locale, "offers.newTitle")} · ${translate(data.locale, "app.name")}`
      : "XiangKe",
  },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "offer.post");
  const [posting, locale] = await Promise.all([getPostingOptions(user), getLocale(request)]);
  return { posting, locale };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, "offer.post");
  const submission = parseWithZod(await request.formData(), { schema: OfferFormSchema });
  if (submission.status !== "success") return replyInvalid(submission);
  const { intent, ...fields } = submission.value;
  try {
    const offer = await createOffer(
      user,
      fields,
      { publish: intent === "publish" },
      requestMeta(request, context),
    );
    return redirectWithToast(`/offers/${offer.id}`, {
      message: intent === "publish" ? "offers.toast.published" : "offers.toast.saved",
    });
  } catch (error) {
    return replyWithDomainError(submission, error, await getLocale(request));
  }
}

export default function NewOfferPage() {
  const { posting } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { t } = useT();
  const verified = posting.asExpert
    ? posting.expertVerified
    : posting.organisations.some((organisation) => organisation.verifiedAt);
  return (
    <section className="mx-auto max-w-2xl space-y-4">
      <h1 className="text-2xl font-bold">{t("offers.newTitle")}</h1>
      {verified ? null : (
        <p className="rounded-lg border-l-4 border-amber-500 bg-amber-50 px-4 py-3">
          {t("offers.notice.unverified")}
        </p>
      )}
      <OfferForm
        id="new-offer"
        lastResult={lastResult}
        posting={posting}
        defaultValue={posting.asExpert ? undefined : { organisationId: posting.organisations[0]?.id }}
      />
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
