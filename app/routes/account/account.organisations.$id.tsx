import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { OrganisationProfileForm } from "~/components/profiles/organisation-profile-form";
import { VerifiedBadge } from "~/components/verified-badge";
import { getLocale } from "~/i18n/i18n.server";
import { translate } from "~/i18n/i18n";
import { useT } from "~/i18n/use-t";
import { OrganisationProfileSchema } from "~/modules/profiles/profiles.schema";
import { getOrganisationForEdit, updateOrganisationProfile } from "~/modules/profiles/profiles.server";
import { requireUser } from "~/modules/users/guards.server";
import { replyInvalid, replyWithDomainError } from "~/utils/forms.server";
import { requestMeta } from "~/utils/request.server";
import { readWithLocale } from "~/utils/route-data.server";
import { redirectWithToast } from "~/utils/toast.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  {
    title: data
      ? `${translate(data.locale, "profiles.editOrgTitle")} · ${data.organisation.name}`
      : "XiangKe",
  },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const [organisation, locale] = await readWithLocale(request, getOrganisationForEdit(user, params.id ?? ""));
  return { organisation, locale };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const organisationId = params.id ?? "";
  // A non-member is refused before anything they sent is read.
  if (!user.memberships.some((m) => m.organisationId === organisationId))
    throw new Response("Forbidden", { status: 403 });
  const submission = parseWithZod(await request.formData(), { schema: OrganisationProfileSchema });
  if (submission.status !== "success") return replyInvalid(submission);
  try {
    await updateOrganisationProfile({
      actor: user,
      organisationId,
      fields: submission.value,
      meta: requestMeta(request, context),
    });
    return redirectWithToast(`/orgs/${organisationId}`, { message: "profiles.toast.saved" });
  } catch (error) {
    return replyWithDomainError(submission, error, await getLocale(request));
  }
}

export default function EditOrganisationPage() {
  const { organisation } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { t } = useT();
  return (
    <section className="mx-auto max-w-2xl">
      <h1 className="text-2xl font-bold">{t("profiles.editOrgTitle")}</h1>
      <p className="mt-2 flex flex-wrap items-center gap-2 text-lg">
        <span>{organisation.name}</span>
        <VerifiedBadge verified={Boolean(organisation.verifiedAt)} />
      </p>
      <p className="mt-1 text-sm text-stone-600">{t("profiles.orgNameLocked")}</p>
      <div className="mt-2 flex flex-wrap gap-3">
        <Link to={`/orgs/${organisation.id}`} className="link">
          {t("profiles.viewPage")}
        </Link>
        {!organisation.verifiedAt ? (
          <Link to={`/account/verification?org=${organisation.id}`} className="link">
            {t("profiles.verify")}
          </Link>
        ) : null}
      </div>
      <OrganisationProfileForm organisation={organisation} lastResult={lastResult} />
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
