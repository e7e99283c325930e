import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { getLocale } from "~/i18n/i18n.server";
import { translate } from "~/i18n/i18n";
import { useT } from "~/i18n/use-t";
import { OfferFormSchema } from "~/modules/offers/offers.schema";
import { getOfferForEdit, updateOffer } from "~/modules/offers/offers.server";
import { requireUser } from "~/modules/users/guards.server";
import { domainErrorResponse } from "~/utils/errors";
import { replyInvalid, replyWithDomainError } from "~/utils/forms.server";
import { fenToYuanText } from "~/utils/money";
import { requestMeta } from "~/utils/request.server";
import { redirectWithToast } from "~/utils/toast.server";
import { OfferForm } from "~/components/offers/offer-form";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  {
    title: data
      ? `${translate(data.locale, "offers.editTitle")} · ${translate(data.locale, "app.name")}`
      : "XiangKe",
  },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const [offer, locale] = await Promise.all([
    getOfferForEdit(user, params.id ?? "").catch((error: unknown) => {
      throw domainErrorResponse(error);
    }),
    getLocale(request),
  ]);
  return { offer, locale };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const offerId = params.id ?? "";
  const submission = parseWithZod(await request.formData(), { schema: OfferFormSchema });
  if (submission.status !== "success") return replyInvalid(submission);
  // The provider of an offer never changes; a posted organisationId is ignored here.
  const { intent, ...fields } = submission.value;
  try {
    const offer = await updateOffer(
      user,
      offerId,
      fields,
      { publish: intent === "publish" },
      requestMeta(request, context),
    );
    const message =
      intent === "publish"
        ? "offers.toast.published"
        : offer.status === "PUBLISHED"
          ? "offers.toast.updated"
          : "offers.toast.saved";
    return redirectWithToast(`/offers/${offerId}`, { message });
  } catch (error) {
    return replyWithDomainError(submission, error, await getLocale(request));
  }
}

export default function EditOfferPage() {
  const { offer } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { t } = useT();
  return (
    <section className="mx-auto max-w-2xl space-y-4">
      <h1 className="text-2xl font-bold">{t("offers.editTitle")}</h1>
      <OfferForm
        id={`edit-offer-${offer.id}`}
        lastResult={lastResult}
        published={offer.status === "PUBLISHED"}
        defaultValue={{
          kind: offer.kind,
          title: offer.title,
          description: offer.description,
          industry: offer.industry,
          countiesServed: offer.countiesServed,
          arrangements: offer.arrangements,
          priceMin: offer.priceMinFen === null ? "" : fenToYuanText(offer.priceMinFen),
          priceMax: offer.priceMaxFen === null ? "" : fenToYuanText(offer.priceMaxFen),
        }}
      />
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
