import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { getLocale } from "~/i18n/i18n.server";
import { translate } from "~/i18n/i18n";
import { useT } from "~/i18n/use-t";
import { ServiceFormSchema } from "~/modules/spaces/spaces.schema";
import { createService, getSpaceOptions } from "~/modules/spaces/spaces.server";
import { requirePermission } from "~/modules/users/guards.server";
import { replyInvalid, replyWithDomainError } from "~/utils/forms.server";
import { requestMeta } from "~/utils/request.server";
import { redirectWithToast } from "~/utils/toast.server";
import { ServiceForm } from "~/components/spaces/service-form";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  {
    title: data
      ? `${translate(data.locale, "spaces.newTitle")} · ${translate(data.locale, "app.name")}`
      : "XiangKe",
  },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "space.manageServices");
  const [spaces, locale] = await Promise.all([getSpaceOptions(user), getLocale(request)]);
  // "Add a service" on a space's page links here with ?org=… to preselect that space.
  const wanted = new URL(request.url).searchParams.get("org");
  const selected = spaces.find((space) => space.id === wanted) ?? spaces[0];
  return { spaces, selectedId: selected?.id, verified: Boolean(selected?.verifiedAt), locale };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, "space.manageServices");
  const submission = parseWithZod(await request.formData(), { schema: ServiceFormSchema });
  if (submission.status !== "success") return replyInvalid(submission);
  const { intent, ...fields } = submission.value;
  try {
    const service = await createService(
      user,
      fields,
      { publish: intent === "publish" },
      requestMeta(request, context),
    );
    return redirectWithToast(`/services/${service.id}`, {
      message: intent === "publish" ? "spaces.toast.published" : "spaces.toast.saved",
    });
  } catch (error) {
    return replyWithDomainError(submission, error, await getLocale(request));
  }
}

export default function NewServicePage() {
  const { spaces, selectedId, verified } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { t } = useT();
  return (
    <section className="mx-auto max-w-2xl space-y-4">
      <h1 className="text-2xl font-bold">{t("spaces.newTitle")}</h1>
      {verified ? null : (
        <p className="rounded-lg border-l-4 border-amber-500 bg-amber-50 px-4 py-3">
          {t("spaces.notice.unverified")}
        </p>
      )}
      <ServiceForm
        id="new-service"
        lastResult={lastResult}
        spaces={spaces}
        defaultValue={{ organisationId: selectedId }}
      />
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
