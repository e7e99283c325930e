import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { getLocale } from "~/i18n/i18n.server";
import { translate } from "~/i18n/i18n";
import { useT } from "~/i18n/use-t";
import { getDemoSite, listDemoOrganisations } from "~/modules/creative/demo-sites.server";
import { requirePermission } from "~/modules/users/guards.server";
import { domainErrorResponse } from "~/utils/errors";
import { saveDemoSite } from "./+demo-actions.server";
import { DemoSiteForm } from "~/components/creative/demo-form";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${translate(data.locale, "creative.editDemo")} · ${data.site.name}` : "XiangKe" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "demo.manage");
  const site = await getDemoSite(params.id ?? "").catch((error: unknown) => {
    throw domainErrorResponse(error);
  });
  const [organisations, locale] = await Promise.all([listDemoOrganisations(), getLocale(request)]);
  return { site, organisations, locale };
}

// With JavaScript, files go out shrunk, with a progress bar and 重试 after a drop.
export { uploadingClientAction as clientAction } from "~/utils/upload-submit";

export async function action({ request, params, context }: ActionFunctionArgs) {
  return saveDemoSite(request, context, params.id ?? "");
}

export default function EditDemoSitePage() {
  const { site, organisations } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { t } = useT();
  return (
    <section className="mx-auto max-w-2xl space-y-4">
      <h1 className="text-2xl font-bold">{t("creative.editDemo")}</h1>
      <DemoSiteForm site={site} organisations={organisations} lastResult={lastResult} />
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
