import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Form } from "~/components/form";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { PhotoGrid } from "~/components/creative/photo-grid";
import { FactList } from "~/components/fact-list";
import { IntentButton } from "~/components/intent-button";
import { formatDate, formatNumber } from "~/i18n/format";
import { getLocale } from "~/i18n/i18n.server";
import { translate } from "~/i18n/i18n";
import { useT } from "~/i18n/use-t";
import { DemoStatusSchema } from "~/modules/creative/creative.schema";
import { changeDemoSiteStatus, getDemoSite } from "~/modules/creative/demo-sites.server";
import { countyName } from "~/modules/reference/reference";
import { getOptionalUser, requirePermission } from "~/modules/users/guards.server";
import { can } from "~/modules/users/permissions";
import { domainErrorResponse, isDomainError } from "~/utils/errors";
import { requestMeta } from "~/utils/request.server";
import { redirectWithToast } from "~/utils/toast.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.site.name} · ${translate(data.locale, "creative.demos")}` : "XiangKe" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await getOptionalUser(request);
  const site = await getDemoSite(params.id ?? "").catch((error: unknown) => {
    throw domainErrorResponse(error);
  });
  return { site, manages: can(user, "demo.manage"), locale: await getLocale(request) };
}

const TARGET = { build: "BUILDING", designate: "DESIGNATED", revoke: "REVOKED" } as const;

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, "demo.manage");
  const backTo = `/demos/${params.id ?? ""}`;
  const submission = parseWithZod(await request.formData(), { schema: DemoStatusSchema });
  if (submission.status !== "success")
    return redirectWithToast(backTo, { message: "creative.errors.reason_required", type: "error" });
  const value = submission.value;
  try {
    await changeDemoSiteStatus(
      user,
      params.id ?? "",
      TARGET[value.intent],
      value.intent === "revoke" ? value.reason : undefined,
      requestMeta(request, context),
    );
  } catch (error) {
    if (!isDomainError(error)) throw error;
    return redirectWithToast(backTo, { message: error.messageKey, type: "error" });
  }
  return redirectWithToast(backTo, { message: "creative.toast.statusChanged" });
}

export default function DemoSitePage() {
  const { site, manages } = useLoaderData<typeof loader>();
  const { t, locale } = useT();
  return (
    <section className="mx-auto max-w-2xl space-y-4">
      <h1 className="text-2xl font-bold">{site.name}</h1>
      <span className="inline-block rounded-full bg-stone-100 px-2 py-0.5 text-sm">
        {t(`creative.status.${site.status}`)}
      </span>
      <PhotoGrid photoIds={site.photoIds} className="grid grid-cols-2 gap-2 sm:grid-cols-3" />
      <FactList
        className="card"
        facts={[
          [t("creative.field.type"), t(`creative.type.${site.type}`)],
          [t("creative.field.county"), `${countyName(site.countyCode, locale) ?? ""} ${site.village ?? ""}`],
          [
            t("creative.field.organisation"),
            site.organisation ? (
              <Link to={`/orgs/${site.organisation.id}`} className="link">
                {site.organisation.name}
              </Link>
            ) : null,
          ],
          [t("creative.field.areaMu"), site.areaMu === null ? null : formatNumber(locale, site.areaMu)],
          [
            t("creative.field.designatedAt"),
            site.designatedAt ? formatDate(locale, site.designatedAt) : null,
          ],
        ]}
      />
      <p className="whitespace-pre-line">{site.description}</p>
      {manages ? (
        <div className="card space-y-3">
          <Link to={`/bureau/demos/${site.id}/edit`} className="btn-secondary block text-center">
            {t("creative.editDemo")}
          </Link>
          {site.status === "PLANNED" ? (
            <IntentButton intent="build" label={t("creative.markBuilding")} primary />
          ) : null}
          {site.status === "BUILDING" ? (
            <IntentButton intent="designate" label={t("creative.designate")} primary />
          ) : null}
          {site.status !== "REVOKED" ? (
            <Form method="post" className="space-y-2">
              <label className="block space-y-1">
                <span className="block text-stone-800">{t("creative.field.reason")}</span>
                <input name="reason" className="input" required minLength={2} />
              </label>
              <button
                type="submit"
                name="intent"
                value="revoke"
                className="btn-secondary w-full border-red-300 text-red-800"
              >
                {t("creative.revoke")}
              </button>
            </Form>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
