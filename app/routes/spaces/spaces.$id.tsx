import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { Form } from "~/components/form";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FormErrors } from "~/components/forms";
import { RecognitionSection } from "~/components/spaces/space-recognition";
import { VerifiedBadge } from "~/components/verified-badge";
import { getLocale } from "~/i18n/i18n.server";
import { translate } from "~/i18n/i18n";
import { useT } from "~/i18n/use-t";
import { SpacePageActionSchema } from "~/modules/spaces/space-directory.schema";
import { getSpacePage, recogniseSpace, withdrawRecognition } from "~/modules/spaces/space-directory.server";
import { getOptionalUser, requireUser } from "~/modules/users/guards.server";
import { replyInvalid, replyWithDomainError } from "~/utils/forms.server";
import { requestMeta } from "~/utils/request.server";
import { readWithLocale } from "~/utils/route-data.server";
import { redirectWithToast } from "~/utils/toast.server";
import { CategoryLabel } from "~/components/spaces/service-views";
import { KpiSection, RecognitionBadge, SpaceFacts } from "~/components/spaces/space-views";
import { AudienceSection } from "~/components/spaces/audience-section";
import { getSpaceAudiences } from "~/modules/spaces/audiences.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.space.name} · ${translate(data.locale, "app.name")}` : "XiangKe" },
  { name: "description", content: data?.space.description.slice(0, 150) ?? "" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await getOptionalUser(request);
  const [[page, locale], audiences] = await Promise.all([
    readWithLocale(request, getSpacePage(viewer, params.id ?? "")),
    getSpaceAudiences(params.id ?? ""),
  ]);
  return { ...page, audiences, locale };
}

/** Only the bureau posts here: recognise (认定) at a level, or withdraw it. */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const spaceId = params.id ?? "";
  const submission = parseWithZod(await request.formData(), { schema: SpacePageActionSchema });
  if (submission.status !== "success") return replyInvalid(submission);
  const meta = requestMeta(request, context);
  try {
    if (submission.value.intent === "recognise")
      await recogniseSpace(user, spaceId, submission.value.level, meta);
    else await withdrawRecognition(user, spaceId, meta);
    const message =
      submission.value.intent === "recognise"
        ? "spaces.toast.recognised"
        : "spaces.toast.recognitionWithdrawn";
    return redirectWithToast(`/spaces/${spaceId}`, { message });
  } catch (error) {
    return replyWithDomainError(submission, error, await getLocale(request));
  }
}

export default function SpacePage() {
  const {
    space,
    profile,
    services,
    computed,
    reports,
    audiences,
    isMember,
    canRecognise,
    canRequest,
    contactUserId,
  } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { t, locale } = useT();
  return (
    <article className="mx-auto max-w-3xl space-y-4">
      <FormErrors errors={lastResult?.error?.[""] ?? lastResult?.error?.level} />
      <header className="card space-y-3">
        <div className="flex flex-wrap items-center gap-2">
          <RecognitionBadge profile={profile} />
          <VerifiedBadge verified={Boolean(space.verifiedAt)} />
        </div>
        <h1 className="text-2xl font-bold">{locale === "en" && space.nameEn ? space.nameEn : space.name}</h1>
        <SpaceFacts profile={profile} countyCode={space.countyCode} />
        {space.description ? <p className="whitespace-pre-line">{space.description}</p> : null}
        <div className="flex flex-wrap gap-2">
          <Link to={`/orgs/${space.id}`} className="btn-secondary">
            {t("spaces.page.orgProfile")}
          </Link>
          {contactUserId ? (
            <Form method="post" action="/messages/direct">
              <input type="hidden" name="userId" value={contactUserId} />
              <button type="submit" className="btn-secondary">
                {t("spaces.page.message")}
              </button>
            </Form>
          ) : null}
          {isMember ? (
            <>
              <Link to={`/spaces/${space.id}/profile`} className="btn-secondary">
                {t("spaces.page.editProfile")}
              </Link>
              <Link to={`/spaces/${space.id}/kpis`} className="btn-secondary">
                {t("spaces.page.reportKpis")}
              </Link>
              <Link to="/spaces/requests" className="btn-secondary">
                {t("spaces.page.inbox")}
              </Link>
            </>
          ) : null}
        </div>
      </header>
      <section className="card space-y-2" aria-labelledby="services">
        <h2 id="services" className="text-lg font-semibold">
          {t("spaces.page.services")}
        </h2>
        {services.length === 0 ? <p className="text-stone-600">{t("spaces.org.empty")}</p> : null}
        <ul className="divide-y divide-stone-200">
          {services.map((service) => (
            <li key={service.id} className="flex flex-wrap items-center gap-2 py-2">
              <CategoryLabel category={service.category} />
              <Link to={`/services/${service.id}`} className="link">
                {service.title}
              </Link>
              {isMember ? (
                <span className="text-xs text-stone-600">{t(`spaces.status.${service.status}`)}</span>
              ) : null}
              {canRequest && service.status === "PUBLISHED" && !service.hiddenAt ? (
                <Link to={`/services/${service.id}/request`} className="btn-primary ml-auto">
                  {t("spaces.request.action")}
                </Link>
              ) : null}
            </li>
          ))}
        </ul>
      </section>
      <KpiSection computed={computed} reports={reports} />
      <AudienceSection years={audiences} basesHref={`/spaces/${space.id}/bases`} />
      {canRecognise ? <RecognitionSection profile={profile} /> : null}
    </article>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
