import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { getLocale } from "~/i18n/i18n.server";
import { translate } from "~/i18n/i18n";
import { useT } from "~/i18n/use-t";
import { ServiceFormSchema } from "~/modules/spaces/spaces.schema";
import { getServiceForEdit, updateService } from "~/modules/spaces/spaces.server";
import { requireUser } from "~/modules/users/guards.server";
import { domainErrorResponse } from "~/utils/errors";
import { replyInvalid, replyWithDomainError } from "~/utils/forms.server";
import { fenToYuanText } from "~/utils/money";
import { requestMeta } from "~/utils/request.server";
import { redirectWithToast } from "~/utils/toast.server";
import { ServiceForm } from "~/components/spaces/service-form";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  {
    title: data
      ? `${translate(data.locale, "spaces.editTitle")} · ${translate(data.locale, "app.name")}`
      : "XiangKe",
  },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const [service, locale] = await Promise.all([
    getServiceForEdit(user, params.id ?? "").catch((error: unknown) => {
      throw domainErrorResponse(error);
    }),
    getLocale(request),
  ]);
  return { service, locale };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const serviceId = params.id ?? "";
  const submission = parseWithZod(await request.formData(), { schema: ServiceFormSchema });
  if (submission.status !== "success") return replyInvalid(submission);
  // The space of a service never changes; a posted organisationId is ignored here.
  const { intent, ...fields } = submission.value;
  try {
    const service = await updateService(
      user,
      serviceId,
      fields,
      { publish: intent === "publish" },
      requestMeta(request, context),
    );
    const message =
      intent === "publish"
        ? "spaces.toast.published"
        : service.status === "PUBLISHED"
          ? "spaces.toast.updated"
          : "spaces.toast.saved";
    return redirectWithToast(`/services/${serviceId}`, { message });
  } catch (error) {
    return replyWithDomainError(submission, error, await getLocale(request));
  }
}

const yuanText = (fen: number | null) => (fen === null ? "" : fenToYuanText(fen));

export default function EditServicePage() {
  const { service } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { t } = useT();
  return (
    <section className="mx-auto max-w-2xl space-y-4">
      <h1 className="text-2xl font-bold">{t("spaces.editTitle")}</h1>
      <ServiceForm
        id={`edit-service-${service.id}`}
        lastResult={lastResult}
        published={service.status === "PUBLISHED"}
        defaultValue={{
          category: service.category,
          title: service.title,
          description: service.description,
          industries: service.industries,
          countiesServed: service.countiesServed,
          free: service.free ? "on" : undefined,
          priceMin: yuanText(service.priceMinFen),
          priceMax: yuanText(service.priceMaxFen),
          turnaroundDays: service.turnaroundDays ? String(service.turnaroundDays) : "",
        }}
      />
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
